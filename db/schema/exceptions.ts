import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Things a person must look at: a payment whose PSP outcome stayed unknown past its deadline,
 * a capture never settled, an item the acquirer rejected for good, a reconciliation mismatch.
 * One row per kind and subject, so raising it again finds the row.
 *
 * `category` is the reconciliation classification: 2 = understood but needs a person (an
 * amount or fee difference), 3 = not understood. Category 1 (fixed automatically) never
 * lands here; it is in the audit log.
 */
export const exceptions = pgTable(
  'exceptions',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    category: integer('category').$type<2 | 3>().notNull(),
    /** What it is about: a payment id, a settlement item id, a PSP reference. */
    subject: text('subject').notNull(),
    psp: text('psp'),
    businessDate: date('business_date', { mode: 'string' }),
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
    uniqueIndex('exceptions_kind_subject_idx').on(t.kind, t.subject),
    index('exceptions_date_psp_idx').on(t.businessDate, t.psp),
    index('exceptions_status_idx').on(t.status, t.kind, t.createdAt),
  ],
);
