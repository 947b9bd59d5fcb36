import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every PSP webhook event holdfast accepted, keyed by the PSP's own event id: a redelivered
 * event finds its row and is acknowledged without being signalled again.
 */
export const pspEvents = pgTable(
  'psp_events',
  {
    psp: text('psp').notNull(),
    eventId: text('event_id').notNull(),
    kind: text('kind').notNull(),
    paymentId: text('payment_id'),
    /** The normalized event (activities/psp/gateway.ts PspEvent); never card data. */
    event: jsonb('event').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.psp, t.eventId] }), index('psp_events_payment_idx').on(t.paymentId)],
);
