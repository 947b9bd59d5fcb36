// The ledger's vocabulary, shared by the posting rules (workflow code), the posting
// activity and the schema. Types only: nothing here runs.

export type AccountType = 'asset' | 'liability' | 'revenue' | 'expense' | 'memo';

export type PostingKind = 'authorization_hold' | 'hold_release' | 'capture' | 'refund';

/** Signed minor units: positive = debit, negative = credit. */
export interface LedgerEntry {
  account: string;
  amount: number;
  currency: string;
}

export interface Posting {
  /** Unique per business event; posting the same key twice writes once. */
  postingKey: string;
  kind: PostingKind;
  merchantId: string;
  paymentId: string;
  refundId?: string;
  entries: LedgerEntry[];
}
