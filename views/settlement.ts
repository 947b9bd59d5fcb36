// The settlement object finance reads (API and /ops), built from the read side in
// db/queries/settlement-views.ts; api/schemas/settlements.ts describes it.
import type { SettlementBatchRow, SettlementDetail, SettlementItemRow, SettlementSummary } from '../db/queries/settlement-views';

const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

function batchView(row: SettlementBatchRow) {
  return {
    id: row.id,
    merchant: row.merchantId,
    currency: row.currency,
    round: row.round,
    status: row.status,
    item_count: row.itemCount,
    gross: row.gross,
    fees: row.fees,
    net: row.net,
    idempotency_key: row.idempotencyKey,
    submitted_at: row.submittedAt ? unixSeconds(row.submittedAt) : null,
  };
}

function itemView(row: SettlementItemRow) {
  return {
    id: row.id,
    kind: row.kind,
    payment: row.paymentId,
    refund: row.refundId,
    psp_reference: row.pspReference,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    fee: row.fee,
    reject_reason: row.rejectReason,
    batch: row.batchId,
    submissions: row.submissions,
  };
}

/** Without items: what lists answer. */
export function settlementView({ settlement, totals, batches }: SettlementSummary) {
  return {
    id: settlement.id,
    object: 'settlement' as const,
    date: settlement.businessDate,
    psp: settlement.psp,
    status: settlement.status,
    created: unixSeconds(settlement.createdAt),
    updated: unixSeconds(settlement.updatedAt),
    totals,
    batches: batches.map(batchView),
  };
}

export type SettlementView = ReturnType<typeof settlementView>;

export function settlementDetailView(detail: SettlementDetail) {
  return { ...settlementView(detail), items: detail.items.map(itemView) };
}

export type SettlementDetailView = ReturnType<typeof settlementDetailView>;
