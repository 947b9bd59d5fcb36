// The reconciliation's vocabulary, shared by the report fetchers (activities), the pure
// matcher (domain) and the read side (db, api). Types only.

/** One line of a PSP's settlement report, whichever PSP wrote it, in minor units. */
export interface ReportLine {
  /** The PSP's id of the line (Stripe: txn_…; Adyen: report batch + line number). */
  lineId: string;
  /** `other`: fees, payouts and anything else that is not a payment's money. */
  kind: 'capture' | 'refund' | 'other';
  /** The payment's reference at the PSP (Stripe PaymentIntent id, Adyen pspReference). */
  paymentReference: string;
  /** The capture's or refund's own reference at the PSP, when it has one. */
  modificationReference?: string;
  /** What we sent as the merchant reference: our payment id. */
  merchantReference?: string;
  /** Positive gross amount. */
  amount: number;
  /** What the PSP kept; 0 when none. */
  fee: number;
  currency: string;
  /** ISO instant of the PSP's booking. */
  createdAt: string;
}

export interface ReconciliationSummary {
  reportLines: number;
  matched: number;
  autoFixed: number;
  exceptions: number;
  /** Open exceptions of this date and PSP that this run no longer found, so resolved. */
  cleared: number;
}
