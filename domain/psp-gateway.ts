// The one interface every PSP adapter implements. Amounts are integer minor units and
// currencies lower-case ISO 4217 codes on both sides of it; adapters convert at the edge.
//
// Error contract (the payment activities turn these into Temporal failures):
// - a decline is a *result* (`outcome: 'declined'`), never an exception: it is final;
// - `PspRequestError` is a request the PSP refused for good (bad parameters, wrong state):
//   retrying cannot help;
// - `PspNotReachedError` means the request never left: the connection was refused or the
//   host not found. Nothing can have happened at the PSP, so a new payment may fail over;
// - anything else thrown (timeout, dropped connection, 5xx, 429) is ambiguous: the PSP may
//   have acted. It is retried with the same idempotency key, or resolved by a lookup, so the
//   PSP performs each mutation at most once; a payment never fails over from it.

export type { PspName } from './psp';
import type { PspName } from './psp';
import type { ReportLine } from './reconciliation/types';

export interface AuthorizeRequest {
  /** holdfast's payment id, sent to the PSP as our reference (Stripe metadata). */
  paymentId: string;
  merchantId: string;
  amount: number;
  currency: string;
  /** A PSP-agnostic token such as `pm_card_visa`; raw card numbers never get this far. */
  paymentMethod: string;
  description?: string;
  /**
   * What the shopper's bank statement shows (5-22 characters both PSPs accept): Stripe's
   * statement_descriptor_suffix, Adyen's shopperStatement. Unset = the PSP account's own.
   */
  statementDescriptor?: string;
  /** Deterministic per payment and step: a retried call cannot authorize twice. */
  idempotencyKey: string;
  /** Where the PSP sends the shopper back after a 3-D Secure challenge. */
  returnUrl: string;
  /**
   * A sale: capture in the same call, for a payment whose capture is automatic. A request,
   * not an order: a PSP that cannot (Adyen, where immediate capture is a merchant-account
   * setting confirmed only by webhook) authorizes alone, and the result says which it did.
   */
  captureNow?: boolean;
}

export type AuthorizeResult =
  /** `amountCaptured` only when the PSP captured with the authorization (a sale). */
  | { outcome: 'authorized'; pspReference: string; amountCapturable: number; amountCaptured?: number }
  | { outcome: 'declined'; pspReference?: string; failureCode: string; failureMessage: string }
  /** 3-D Secure: the shopper must visit `redirectUrl`; the PSP confirms by webhook. */
  | { outcome: 'requires_action'; pspReference: string; redirectUrl: string };

/** What a lookup of an authorization finds: its outcome, or that the PSP never saw it. */
export type LookupResult = AuthorizeResult | { outcome: 'not_found' };

export interface CompleteActionRequest {
  /** The original authorization; Adyen's lookup is a replay of it under the same key. */
  authorization: AuthorizeRequest;
  pspReference: string;
  /** Adyen's `redirectResult` the shopper came back with, when the merchant has it. */
  redirectResult?: string;
}

export interface CaptureRequest {
  pspReference: string;
  amount: number;
  currency: string;
  idempotencyKey: string;
}

/**
 * Stripe captures at once; Adyen answers `received` and confirms later with a CAPTURE (or
 * CAPTURE_FAILED) notification.
 */
export type CaptureResult = { outcome: 'captured'; amountCaptured: number } | { outcome: 'pending'; amountCaptured: number };

/** Adyen's cancel is confirmed by a CANCELLATION notification, like its captures. */
export type CancelResult = { outcome: 'canceled' } | { outcome: 'pending' };

export interface CancelRequest {
  pspReference: string;
  idempotencyKey: string;
}

export interface RefundRequest {
  pspReference: string;
  amount: number;
  currency: string;
  reason?: RefundReason;
  /** holdfast's refund id, sent as our reference. */
  refundId: string;
  idempotencyKey: string;
}

export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

export type RefundResult =
  | { outcome: 'succeeded'; pspRefundReference: string }
  | { outcome: 'pending'; pspRefundReference: string }
  | { outcome: 'failed'; pspRefundReference: string; failureCode: string };

/** What the PSP says about a payment, mapped to holdfast's vocabulary. */
export interface PspPaymentSnapshot {
  pspReference: string;
  status: 'processing' | 'requires_action' | 'authorized' | 'captured' | 'canceled' | 'failed';
  amount: number;
  amountCapturable: number;
  amountCaptured: number;
  currency: string;
}

/** A payout of a seller's available balance to its bank account. */
export interface PayoutRequest {
  /** holdfast's payout id (`po_…`), sent as our reference (Stripe metadata, Adyen reference). */
  payoutId: string;
  /** The seller paid; Stripe metadata `holdfast_seller`, Adyen `shopperReference`. */
  sellerId: string;
  amount: number;
  currency: string;
  idempotencyKey: string;
}

/**
 * Both PSPs accept a payout and confirm it later by webhook (Stripe `payout.paid` /
 * `payout.failed`, Adyen PAYOUT_THIRDPARTY); a refusal at once is `failed`.
 */
export type PayoutResult =
  | { outcome: 'pending'; pspPayoutReference: string }
  | { outcome: 'failed'; pspPayoutReference?: string; failureCode: string; failureMessage: string };

export interface DisputeEvidenceRequest {
  /** The dispute at the PSP (Stripe `dp_…`, Adyen the chargeback's pspReference). */
  pspDisputeReference: string;
  /** The disputed payment at the PSP. */
  pspReference: string;
  /** The merchant's written case; Adyen receives it as a text defense document. */
  text: string;
  idempotencyKey: string;
}

export interface PspGateway {
  readonly name: PspName;
  authorize(request: AuthorizeRequest): Promise<AuthorizeResult>;
  capture(request: CaptureRequest): Promise<CaptureResult>;
  cancel(request: CancelRequest): Promise<CancelResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
  retrieve(pspReference: string): Promise<PspPaymentSnapshot>;
  /**
   * Resolves an authorization whose answer never arrived: Stripe searches by our payment id
   * in metadata; Adyen, which has no payment lookup, replays the request under the same
   * idempotency key and so gets the original answer back.
   */
  lookupAuthorization(request: AuthorizeRequest): Promise<LookupResult>;
  /** Asks where a 3-D Secure payment stands once the shopper is back. */
  completeAction(request: CompleteActionRequest): Promise<AuthorizeResult>;
  /**
   * What the PSP booked in [start, end): the report as served (`raw`, kept for audit) and its
   * lines in holdfast's terms, for reconciliation.
   */
  fetchSettlementReport(range: { start: Date; end: Date }): Promise<{ raw: string; lines: ReportLine[] }>;
  /** Sends a seller's payout; the outcome arrives as a PayoutEvent. */
  createPayout(request: PayoutRequest): Promise<PayoutResult>;
  /** Submits the merchant's evidence and asks the PSP to defend the dispute (final at both PSPs). */
  submitDisputeEvidence(request: DisputeEvidenceRequest): Promise<void>;
}

/**
 * A PSP notification reduced to what a payment workflow acts on. Webhook routes build it
 * with each adapter's event mapper, deduplicate by `eventId`, and signal the payment.
 */
export interface PspEvent {
  psp: PspName;
  /** The PSP's id for the event (Adyen has none: built from eventCode, pspReference and success). */
  eventId: string;
  kind: 'authorized' | 'authorization_failed' | 'captured' | 'capture_failed' | 'canceled' | 'cancel_failed' | 'refunded' | 'refund_failed';
  /** The payment's reference at the PSP (Adyen's originalReference for modifications). */
  pspReference: string;
  /** holdfast's payment id when the event carries it (Stripe metadata, Adyen merchantReference). */
  paymentId?: string;
  /** holdfast's refund id, on refund events. */
  refundId?: string;
  pspRefundReference?: string;
  amount?: number;
  currency?: string;
  failureCode?: string;
  failureMessage?: string;
  /** ISO time the PSP says the event happened. */
  occurredAt: string;
}

/** A PSP's word on a payout, reduced to what the payout workflow acts on. */
export interface PayoutEvent {
  psp: PspName;
  eventId: string;
  kind: 'payout_paid' | 'payout_failed';
  pspPayoutReference: string;
  /** holdfast's payout id when the event carries it (Stripe metadata, Adyen merchantReference). */
  payoutId?: string;
  failureCode?: string;
  failureMessage?: string;
  occurredAt: string;
}

/**
 * A PSP's word on a dispute (chargeback). `dispute_opened` may arrive more than once for one
 * dispute (Stripe created + funds_withdrawn, Adyen NOTIFICATION_OF_CHARGEBACK + CHARGEBACK);
 * the dispute workflow acts on the first.
 */
export interface DisputeEvent {
  psp: PspName;
  eventId: string;
  kind: 'dispute_opened' | 'dispute_won' | 'dispute_lost';
  pspDisputeReference: string;
  /** The disputed payment at the PSP (Adyen's originalReference). */
  pspReference: string;
  paymentId?: string;
  /** The disputed amount in minor units. */
  amount: number;
  currency: string;
  /** The PSP's reason (Stripe `reason`, Adyen `chargebackReasonCode`). */
  reason?: string;
  /** ISO time evidence is due (Stripe evidence_details.due_by, Adyen defensePeriodEndsAt). */
  evidenceDueBy?: string;
  occurredAt: string;
}

/** The request never reached the PSP (connection refused, unknown host): nothing happened there. */
export class PspNotReachedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PspNotReachedError';
  }
}

/** The PSP refused the request for good; retrying with the same input cannot succeed. */
export class PspRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PspRequestError';
  }
}
