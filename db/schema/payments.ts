import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { merchants } from './merchants';

export interface PaymentEvent {
  type: string;
  at: string;
  amount?: number;
  refund?: string;
  failure_code?: string;
}

/**
 * The payment read model: what GET /v1/payments reads. The workflow is the source of truth;
 * it writes a full snapshot here after every transition, and `version` only moves forward
 * so a late retry of an older snapshot cannot overwrite a newer one.
 */
export const payments = pgTable(
  'payments',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id),
    workflowId: text('workflow_id').notNull(),
    status: text('status').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    amountCapturable: bigint('amount_capturable', { mode: 'number' }).notNull(),
    amountCaptured: bigint('amount_captured', { mode: 'number' }).notNull(),
    amountRefunded: bigint('amount_refunded', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    captureMethod: text('capture_method').notNull(),
    psp: text('psp').notNull(),
    pspReference: text('psp_reference'),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    /** Why a payment is in its status, e.g. `psp_outcome_unknown` while `processing`. */
    statusReason: text('status_reason'),
    /** What the shopper must do next (3-D Secure): `{ type: 'redirect_to_url', url }`. */
    nextAction: jsonb('next_action').$type<{ type: 'redirect_to_url'; url: string } | null>(),
    description: text('description'),
    metadata: jsonb('metadata').$type<Record<string, string>>().notNull(),
    customer: jsonb('customer').$type<{ email?: string; name?: string } | null>(),
    /** Marketplace payments: each seller's share of the amount; the rest is the merchant's. */
    splits: jsonb('splits').$type<Array<{ seller: string; amount: number }>>(),
    captureBefore: timestamp('capture_before', { withTimezone: true }),
    history: jsonb('history').$type<PaymentEvent[]>().notNull(),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** The data key that sealed description, metadata values and customer (keyring/sealed-text.ts). */
    dataKeyId: text('data_key_id'),
    /** Blind indexes (keyring blindIndex) of the customer's email and of each metadata `key=value`. */
    customerEmailIndex: text('customer_email_index'),
    metadataIndex: text('metadata_index').array(),
  },
  (t) => [index('payments_merchant_created_idx').on(t.merchantId, t.createdAt, t.id)],
);

export const refunds = pgTable(
  'refunds',
  {
    id: text('id').primaryKey(),
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id),
    status: text('status').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    reason: text('reason'),
    pspReference: text('psp_reference'),
    failureCode: text('failure_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('refunds_payment_idx').on(t.paymentId)],
);
