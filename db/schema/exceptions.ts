import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Things a person must look at: a payment whose PSP outcome stayed unknown past its deadline
 * (and, later, reconciliation mismatches). One open row per subject and kind.
 */
export const exceptions = pgTable(
  'exceptions',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    status: text('status').$type<'open' | 'resolved'>().notNull(),
    merchantId: text('merchant_id'),
    paymentId: text('payment_id'),
    /** Everything known when it was raised: PSP, references, attempts, last error. */
    context: jsonb('context').notNull(),
    resolution: jsonb('resolution'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('exceptions_subject_kind_idx').on(t.kind, t.paymentId),
    index('exceptions_status_idx').on(t.status, t.kind, t.createdAt),
  ],
);
