import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import type { DisputeShare, DisputeStatus, PayoutSchedule, PayoutStatus } from '../../domain/marketplace/types';
import type { PspName } from '../../domain/psp';
import { merchants } from './merchants';

/** A marketplace's seller: receives its split of payments into its own ledger accounts. */
export const sellers = pgTable(
  'sellers',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id),
    name: text('name').notNull(),
    /** The PSP its payouts go through. */
    payoutPsp: text('payout_psp').$type<PspName>().notNull(),
    payoutSchedule: jsonb('payout_schedule').$type<PayoutSchedule>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sellers_merchant_created_idx').on(t.merchantId, t.createdAt)],
);

/**
 * A payout of a seller's available funds, written by its workflow. `version` only moves
 * forward, so a late retry of an older snapshot cannot overwrite a newer one.
 */
export const payouts = pgTable(
  'payouts',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id),
    sellerId: text('seller_id')
      .notNull()
      .references(() => sellers.id),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    psp: text('psp').$type<PspName>().notNull(),
    status: text('status').$type<PayoutStatus>().notNull(),
    /** `manual` (asked for over the API) or `automatic` (the seller's payout schedule). */
    method: text('method').$type<'manual' | 'automatic'>().notNull(),
    pspPayoutReference: text('psp_payout_reference'),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    /** The finance key that approved it, when it needed approval. */
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payouts_seller_created_idx').on(t.sellerId, t.createdAt),
    index('payouts_merchant_created_idx').on(t.merchantId, t.createdAt),
    unique('payouts_psp_reference_key').on(t.psp, t.pspPayoutReference),
    check('payouts_amount_positive_check', sql`${t.amount} > 0`),
  ],
);

/** A dispute (chargeback) of a payment, written by its workflow; `version` as for payouts. */
export const disputes = pgTable(
  'disputes',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id),
    paymentId: text('payment_id').notNull(),
    psp: text('psp').$type<PspName>().notNull(),
    pspDisputeReference: text('psp_dispute_reference').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    reason: text('reason'),
    status: text('status').$type<DisputeStatus>().notNull(),
    evidenceDueBy: timestamp('evidence_due_by', { withTimezone: true }).notNull(),
    evidenceText: text('evidence_text'),
    evidenceSubmittedAt: timestamp('evidence_submitted_at', { withTimezone: true }),
    /** Who bears which part of the disputed amount (the payment's split). */
    shares: jsonb('shares').$type<DisputeShare[]>().notNull(),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    unique('disputes_psp_reference_key').on(t.psp, t.pspDisputeReference),
    index('disputes_payment_idx').on(t.paymentId),
    index('disputes_merchant_created_idx').on(t.merchantId, t.createdAt),
  ],
);
