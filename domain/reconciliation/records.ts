// What the classifier compares a PSP's report with: our side, read from the ledger, the
// payments and the settlement items. Types only.
import type { SettlementItemStatus } from '../settlement/item-status';
import type { PaymentStatus } from '../payment/types';
import type { PspName } from '../psp';

/** A capture or refund posting of ours that put money on a PSP's receivable. */
export interface OurRecord {
  ledgerTransactionId: string;
  kind: 'capture' | 'refund';
  paymentId: string;
  refundId?: string;
  merchantId: string;
  /** The payment's reference at the PSP; what a capture line is found by. */
  paymentReference: string;
  /** The refund's own reference at the PSP, once the PSP gave one. */
  refundReference?: string;
  /** Positive: the captured or refunded amount. */
  amount: number;
  currency: string;
  paymentStatus: PaymentStatus;
  /** The settlement item that carried it to the acquirer, if it was collected yet. */
  settlement?: { status: SettlementItemStatus; fee: number | null };
}

/** A payment of ours that a report line names, by its PSP reference or by our payment id. */
export interface KnownPayment {
  paymentId: string;
  merchantId: string;
  psp: PspName;
  status: PaymentStatus;
  pspReference?: string;
  amount: number;
  currency: string;
}

/** Everything the classifier reads besides the report. */
export interface OurSide {
  /** The captures and refunds the ledger booked on the business date at the PSP. */
  records: OurRecord[];
  /** Captures and refunds of the payments the report names, booked on other dates. */
  elsewhere: OurRecord[];
  /** The payments the report names. */
  payments: KnownPayment[];
  /** PSP references of charges no payment explained, that reconciliation refunded. */
  autoRefunded: string[];
}
