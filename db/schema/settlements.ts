import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import type { SettlementItemStatus } from '../../domain/settlement/item-status';

export type SettlementStatus = 'prepared' | 'submitted' | 'reconciled';
export type BatchStatus = 'prepared' | 'submitted' | 'accepted' | 'partially_accepted' | 'rejected';
export type SettlementItemKind = 'capture' | 'refund' | 'void';

/**
 * One settlement per business date, PSP and run; its id is derived from them (stl_20261121_stripe
 * for run 1, stl_20261121_stripe_r2 for a supplementary run that settles what run 1 did not take).
 */
export const settlements = pgTable(
  'settlements',
  {
    id: text('id').primaryKey(),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    psp: text('psp').notNull(),
    run: integer('run').notNull().default(1),
    status: text('status').$type<SettlementStatus>().notNull(),
    workflowId: text('workflow_id').notNull(),
    /** Ledger postings written before this instant, on or before the business date, were collected. */
    collectedUntil: timestamp('collected_until', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('settlements_date_psp_run_key').on(t.businessDate, t.psp, t.run)],
);

/**
 * What was sent to the acquirer: one merchant and currency per batch. `round` 1 is the first
 * submission; later rounds carry only items rejected for a transient reason.
 */
export const settlementBatches = pgTable(
  'settlement_batches',
  {
    id: text('id').primaryKey(),
    settlementId: text('settlement_id')
      .notNull()
      .references(() => settlements.id),
    merchantId: text('merchant_id').notNull(),
    currency: text('currency').notNull(),
    round: integer('round').notNull(),
    /** Sent as Idempotency-Key: a resubmitted request replays the acquirer's first answer. */
    idempotencyKey: text('idempotency_key').notNull().unique('settlement_batches_idempotency_key_key'),
    status: text('status').$type<BatchStatus>().notNull(),
    itemCount: integer('item_count').notNull(),
    /** Sum of the items' receivable amounts (refunds negative). */
    gross: bigint('gross', { mode: 'number' }).notNull(),
    /** Fees and net of the accepted items; null until the acquirer answers. */
    fees: bigint('fees', { mode: 'number' }),
    net: bigint('net', { mode: 'number' }),
    /** The batch file exactly as sent, and the acquirer's answer exactly as received. */
    rawRequest: text('raw_request').notNull(),
    rawResponse: text('raw_response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [index('settlement_batches_settlement_idx').on(t.settlementId, t.round)],
);

/**
 * One row per capture, refund or hold release ever collected: the unique ledger transaction
 * is what keeps two settlements from settling the same money.
 */
export const settlementItems = pgTable(
  'settlement_items',
  {
    id: text('id').primaryKey(),
    settlementId: text('settlement_id')
      .notNull()
      .references(() => settlements.id),
    /** The batch it was last sent in; null until batched. */
    batchId: text('batch_id').references(() => settlementBatches.id),
    ledgerTransactionId: text('ledger_transaction_id').notNull().unique('settlement_items_ledger_transaction_key'),
    kind: text('kind').$type<SettlementItemKind>().notNull(),
    merchantId: text('merchant_id').notNull(),
    paymentId: text('payment_id').notNull(),
    refundId: text('refund_id'),
    /** The payment's reference at the PSP; the acquirer knows items by it. */
    pspReference: text('psp_reference').notNull(),
    currency: text('currency').notNull(),
    /** Positive: the captured, refunded or released amount. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** Signed as the settled posting put them: + capture, − refund, 0 for a void. */
    receivable: bigint('receivable', { mode: 'number' }).notNull(),
    merchantShare: bigint('merchant_share', { mode: 'number' }).notNull(),
    /** What the settled posting put on each seller's pending balance, signed like merchantShare. */
    sellerShares: jsonb('seller_shares').$type<Array<{ seller: string; amount: number }>>().notNull().default([]),
    status: text('status').$type<SettlementItemStatus>().notNull(),
    submissions: integer('submissions').notNull().default(0),
    fee: bigint('fee', { mode: 'number' }),
    rejectReason: text('reject_reason'),
    /** The settlement posting, once accepted. */
    settledTransactionId: text('settled_transaction_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('settlement_items_settlement_idx').on(t.settlementId, t.status),
    index('settlement_items_batch_idx').on(t.batchId),
    index('settlement_items_payment_idx').on(t.paymentId),
  ],
);
