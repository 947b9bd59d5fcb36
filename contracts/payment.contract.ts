// Everything a caller needs to talk to a payment workflow: its input, its messages, and how
// its id is built from the payment id.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { CaptureMethod, Customer, PaymentState, RefundReason, RefundState } from '../domain/payment/types';
import type { SellerSplit } from '../domain/marketplace/types';
import type { PspName } from '../domain/psp';
import type { PspEvent } from '../domain/psp-gateway';

export interface PaymentInput {
  paymentId: string;
  merchantId: string;
  amount: number;
  currency: string;
  paymentMethod: string;
  captureMethod: CaptureMethod;
  /** The merchant's explicit choice; unset = the merchant's routing rules decide. */
  psp?: PspName;
  /** Where the PSP sends the shopper after a 3-D Secure challenge. */
  returnUrl: string;
  description?: string;
  /** The merchant's statement descriptor (its settings) when the payment was made; unset = the PSP account's. */
  statementDescriptor?: string;
  metadata: Record<string, string>;
  customer?: Customer;
  /** A marketplace payment's sellers and their shares; absent for an ordinary payment. */
  splits?: SellerSplit[];
  /** ISO time the API accepted the request. */
  createdAt: string;
  captureBeforeSeconds: number;
  refundWindowSeconds: number;
  feeBps: number;
  /** The risk service is down: payments of at most this many minor units proceed unchecked. */
  riskFallbackMaxAmount: number;
  /** An unknown PSP outcome unresolved this long lands on the exceptions list. */
  outcomeUnknownDeadlineSeconds: number;
  /** A 3-D Secure challenge not completed this long is canceled. */
  actionTimeoutSeconds: number;
  /**
   * A capture or void the PSP accepted but has not confirmed this long is looked up, or put on
   * the exceptions list. Optional: payments started before it existed use the default.
   */
  modificationConfirmDeadlineSeconds?: number;
  /**
   * A capture not settled this long lands on the exceptions list (shadow reconciliation).
   * Optional: payments started before settlement existed do not watch.
   */
  settlementDeadlineSeconds?: number;
  /** Set only by continue-as-new: the capture was already settled. */
  captureSettled?: boolean;
  /** Set only by continue-as-new: the state to carry on from. */
  resumeFrom?: PaymentState;
  /** Set only by continue-as-new: disputes of this payment still open (see disputeSignal). */
  openDisputes?: string[];
}

export interface CaptureRequest {
  amount?: number;
}

export interface ConfirmRequest {
  /** Adyen's `redirectResult` from the shopper's return URL, when the merchant has it. */
  redirectResult?: string;
}

export interface RefundRequest {
  refundId: string;
  amount?: number;
  reason?: RefundReason;
}

/**
 * Waits until the payment's first outcome is known: declined, authorized (manual capture) or
 * captured (automatic). What update-with-start attaches to a new payment.
 */
export const awaitOutcomeUpdate = defineUpdate<PaymentState>('awaitOutcome');
export const captureUpdate = defineUpdate<PaymentState, [CaptureRequest]>('capture');
export const cancelUpdate = defineUpdate<PaymentState>('cancel');
export const refundUpdate = defineUpdate<RefundState, [RefundRequest]>('refund');
/** The shopper is back from 3-D Secure: ask the PSP where the payment stands. */
export const confirmUpdate = defineUpdate<PaymentState, [ConfirmRequest]>('confirm');
/** A PSP webhook event about this payment, already verified and deduplicated by the API. */
export const pspEventSignal = defineSignal<[PspEvent]>('pspEvent');
export const paymentStateQuery = defineQuery<PaymentState>('state');

export interface SettledNotice {
  settlementId: string;
  /** What the acquirer accepted: the capture (what the watch waits for), a refund, or a void. */
  kind: 'capture' | 'refund' | 'void';
}

/** The acquirer accepted one of this payment's items; sent by the settlement workflow's activity. */
export const settledSignal = defineSignal<[SettledNotice]>('settled');

export interface DisputeNotice {
  disputeId: string;
  status: 'opened' | 'closed';
}

/**
 * A dispute of this payment opened or closed; sent by the dispute workflow. While one is open
 * the payment refuses refunds (charge_disputed): the disputed money is held for the
 * cardholder's bank, and a refund would return it twice.
 */
export const disputeSignal = defineSignal<[DisputeNotice]>('dispute');

/**
 * Voids an authorization whose hold has expired, now, rather than at the payment's own
 * timer: settlement sends it so the void lands in the day's batches. Refused before expiry.
 */
export const expireHoldUpdate = defineUpdate<PaymentState>('expireHold');

export const merchantIdAttribute = defineSearchAttributeKey('MerchantId', SearchAttributeType.KEYWORD);
export const paymentStatusAttribute = defineSearchAttributeKey('PaymentStatus', SearchAttributeType.KEYWORD);
export const pspAttribute = defineSearchAttributeKey('Psp', SearchAttributeType.KEYWORD);

const PREFIX = 'payment-';

export function paymentWorkflowId(paymentId: string): string {
  return `${PREFIX}${paymentId}`;
}

export function paymentIdFromWorkflowId(workflowId: string): string {
  if (!workflowId.startsWith(PREFIX)) throw new Error(`not a payment workflow id: ${workflowId}`);
  return workflowId.slice(PREFIX.length);
}

/** The failure type of the workflow's refusals (domain/failures.ts); the API maps them to HTTP answers. */
export { REQUEST_REFUSED } from '../domain/failures';

/** The name the worker registers the workflow under; clients start it by this name. */
export const PAYMENT_WORKFLOW = 'paymentWorkflow';

/** The workflow's signature: clients type their calls with it instead of importing the workflow. */
export type PaymentWorkflow = (input: PaymentInput) => Promise<PaymentState>;
