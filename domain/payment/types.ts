// The payment as its workflow holds it. Pure data: it crosses the workflow boundary
// (query results, update results, continue-as-new input) and is what the read model stores.
import type { PspName } from '../psp';

export type PaymentStatus = 'processing' | 'requires_action' | 'authorized' | 'captured' | 'failed' | 'canceled';

export type CaptureMethod = 'automatic' | 'manual';

export type RefundStatus = 'pending' | 'succeeded' | 'failed';
export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

export interface PaymentEvent {
  type:
    | 'created'
    | 'routed'
    | 'requires_action'
    | 'outcome_unknown'
    | 'authorized'
    | 'failed'
    | 'capture_requested'
    | 'capture_failed'
    | 'captured'
    | 'cancel_requested'
    | 'cancel_failed'
    | 'canceled'
    | 'expired'
    | 'refund_succeeded'
    | 'refund_failed';
  at: string;
  amount?: number;
  refund?: string;
  failure_code?: string;
  psp?: PspName;
}

/** What the shopper must do before the PSP can authorize (3-D Secure). */
export interface NextAction {
  type: 'redirect_to_url';
  url: string;
}

/**
 * Why a payment is in its status: the unknown PSP outcome of a `processing` payment, or a
 * capture or void of an `authorized` one that the PSP accepted and confirms later (Adyen).
 */
export type StatusReason = 'psp_outcome_unknown' | 'capture_pending' | 'cancel_pending';

export interface RefundState {
  id: string;
  amount: number;
  status: RefundStatus;
  reason?: RefundReason;
  pspReference?: string;
  failureCode?: string;
  createdAt: string;
}

import type { SellerSplit } from '../marketplace/types';

export interface Customer {
  email?: string;
  name?: string;
}

export interface PaymentState {
  id: string;
  merchantId: string;
  status: PaymentStatus;
  amount: number;
  amountCapturable: number;
  amountCaptured: number;
  amountRefunded: number;
  currency: string;
  captureMethod: CaptureMethod;
  psp: PspName;
  pspReference?: string;
  failureCode?: string;
  failureMessage?: string;
  statusReason?: StatusReason;
  nextAction?: NextAction;
  description?: string;
  metadata: Record<string, string>;
  customer?: Customer;
  /** A marketplace payment's sellers and their shares of `amount`; the rest is the merchant's. */
  splits?: SellerSplit[];
  /** ISO time after which an uncaptured authorization is voided. */
  captureBefore?: string;
  createdAt: string;
  history: PaymentEvent[];
  refunds: RefundState[];
  /** Bumped on every transition; the read model only accepts a higher version. */
  version: number;
}
