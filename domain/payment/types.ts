// The payment as its workflow holds it. Pure data: it crosses the workflow boundary
// (query results, update results, continue-as-new input) and is what the read model stores.
import type { PspName } from '../psp';

export type PaymentStatus =
  | 'processing'
  | 'requires_action'
  | 'authorized'
  | 'captured'
  | 'failed'
  | 'canceled';

export type CaptureMethod = 'automatic' | 'manual';

export type RefundStatus = 'pending' | 'succeeded' | 'failed';
export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

export interface PaymentEvent {
  type:
    | 'created'
    | 'authorized'
    | 'failed'
    | 'captured'
    | 'canceled'
    | 'expired'
    | 'refund_succeeded'
    | 'refund_failed';
  at: string;
  amount?: number;
  refund?: string;
  failure_code?: string;
}

export interface RefundState {
  id: string;
  amount: number;
  status: RefundStatus;
  reason?: RefundReason;
  pspReference?: string;
  failureCode?: string;
  createdAt: string;
}

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
  description?: string;
  metadata: Record<string, string>;
  customer?: Customer;
  /** ISO time after which an uncaptured authorization is voided. */
  captureBefore?: string;
  createdAt: string;
  history: PaymentEvent[];
  refunds: RefundState[];
  /** Bumped on every transition; the read model only accepts a higher version. */
  version: number;
}
