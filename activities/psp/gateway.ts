// The one interface every PSP adapter implements. Amounts are integer minor units and
// currencies lower-case ISO 4217 codes on both sides of it; adapters convert at the edge.
//
// Error contract (the payment activities turn these into Temporal failures):
// - a decline is a *result* (`outcome: 'declined'`), never an exception: it is final;
// - `PspRequestError` is a request the PSP refused for good (bad parameters, wrong state):
//   retrying cannot help;
// - anything else thrown (network error, 5xx, 429, timeout) is transient and retried with
//   the same idempotency key, so the PSP performs the mutation at most once.

export type { PspName } from '../../domain/psp';
import type { PspName } from '../../domain/psp';

export interface AuthorizeRequest {
  /** holdfast's payment id, sent to the PSP as our reference (Stripe metadata). */
  paymentId: string;
  merchantId: string;
  amount: number;
  currency: string;
  /** A PSP-agnostic token such as `pm_card_visa`; raw card numbers never get this far. */
  paymentMethod: string;
  description?: string;
  /** Deterministic per payment and step: a retried call cannot authorize twice. */
  idempotencyKey: string;
}

export type AuthorizeResult =
  | { outcome: 'authorized'; pspReference: string; amountCapturable: number }
  | { outcome: 'declined'; pspReference?: string; failureCode: string; failureMessage: string };

export interface CaptureRequest {
  pspReference: string;
  amount: number;
  currency: string;
  idempotencyKey: string;
}

export interface CaptureResult {
  amountCaptured: number;
}

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

export interface PspGateway {
  readonly name: PspName;
  authorize(request: AuthorizeRequest): Promise<AuthorizeResult>;
  capture(request: CaptureRequest): Promise<CaptureResult>;
  cancel(request: CancelRequest): Promise<void>;
  refund(request: RefundRequest): Promise<RefundResult>;
  retrieve(pspReference: string): Promise<PspPaymentSnapshot>;
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
