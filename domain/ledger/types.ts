// The ledger's vocabulary, shared by the posting rules (workflow code), the posting
// activity and the schema. Types only: nothing here runs.

export type AccountType = 'asset' | 'liability' | 'revenue' | 'expense' | 'memo';

export type PostingKind =
  | 'authorization_hold'
  | 'hold_release'
  | 'capture'
  | 'refund'
  /** An item the acquirer accepted: receivable to the bank, merchant pending to available. */
  | 'settlement'
  /** A reconciliation fix or a person's resolution of a reconciliation exception. */
  | 'reconciliation'
  /** A seller's payout: funds reserved, paid to its bank, or returned when the payout failed. */
  | 'payout'
  /** A dispute: the disputed share held in reserve, then released (won) or given up (lost). */
  | 'dispute';

export const POSTING_KINDS: readonly PostingKind[] = [
  'authorization_hold',
  'hold_release',
  'capture',
  'refund',
  'settlement',
  'reconciliation',
  'payout',
  'dispute',
];

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
  /** Null for platform-level postings (a PSP charge that belongs to no merchant). */
  merchantId: string | null;
  paymentId: string | null;
  refundId?: string;
  entries: LedgerEntry[];
}
