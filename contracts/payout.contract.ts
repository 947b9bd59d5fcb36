// Everything a caller needs to talk to a payout workflow: one per payout.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { PayoutEvent } from '../domain/psp-gateway';
import type { PayoutStatus } from '../domain/marketplace/types';
import type { PspName } from '../domain/psp';

export interface PayoutInput {
  payoutId: string;
  merchantId: string;
  sellerId: string;
  amount: number;
  currency: string;
  /** The seller's payout PSP. */
  psp: PspName;
  /** `automatic` when the seller's payout schedule made it. */
  method: 'manual' | 'automatic';
  /** Above this many minor units the payout waits for a finance key's approval. */
  approvalThreshold: number;
  /** ISO time the payout was asked for. */
  createdAt: string;
}

/** The payout as its workflow knows it; the read model (`payouts` table) is written from it. */
export interface PayoutState {
  id: string;
  merchantId: string;
  sellerId: string;
  amount: number;
  currency: string;
  psp: PspName;
  method: 'manual' | 'automatic';
  status: PayoutStatus;
  pspPayoutReference?: string;
  failureCode?: string;
  failureMessage?: string;
  /** The finance key that approved it. */
  approvedBy?: string;
  approvedAt?: string;
  createdAt: string;
  /** Bumped on every change; the read model keeps the highest. */
  version: number;
}

/**
 * Waits until the funds are reserved (or refused); what update-with-start attaches to a new
 * payout, so `POST /v1/payouts` answers with the reserved payout or `balance_insufficient`.
 */
export const awaitReservationUpdate = defineUpdate<PayoutState>('awaitReservation');
/** Finance approves a payout above the threshold (`POST /v1/payouts/:id/approve`). */
export const approvePayoutUpdate = defineUpdate<PayoutState, [{ approvedBy: string }]>('approve');
/** Cancels a payout still waiting for approval; its funds are returned. */
export const cancelPayoutUpdate = defineUpdate<PayoutState>('cancel');
/** The PSP's confirmation or failure webhook, verified and deduplicated by the API. */
export const payoutEventSignal = defineSignal<[PayoutEvent]>('payoutEvent');
export const payoutStateQuery = defineQuery<PayoutState>('state');

/** The reservation would overdraw the seller's available balance. */
export const BALANCE_INSUFFICIENT = 'balance_insufficient';
/** An Update the payout's state does not allow (approve a paid payout); details[0] is a Refusal. */
export { PAYOUT_REQUEST_REFUSED } from '../domain/failures';

export function payoutWorkflowId(payoutId: string): string {
  return `payout-${payoutId}`;
}

/** The name the worker registers the workflow under; clients start it by this name. */
export const PAYOUT_WORKFLOW = 'payoutWorkflow';

/** The workflow's signature: clients type their calls with it instead of importing the workflow. */
export type PayoutWorkflow = (input: PayoutInput) => Promise<PayoutState | null>;
