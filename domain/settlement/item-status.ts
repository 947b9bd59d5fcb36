// Where a captured payment's item stands in a settlement batch: reconciliation compares it with
// the PSP's report, and the settlement_items table stores it.
/** `retry`: rejected for a reason that may pass later; it goes alone into a later batch. */
export type SettlementItemStatus = 'pending' | 'submitted' | 'accepted' | 'retry' | 'rejected';
