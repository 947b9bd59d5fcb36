import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** What became of an event: only `processed` ones reached a workflow. */
export type PspEventStatus = 'processed' | 'ignored' | 'rejected' | 'unprocessable';

/**
 * Every signed PSP webhook event holdfast acknowledged, keyed by the PSP's own event id: a
 * redelivered event finds its row and is acknowledged without being acted on again.
 */
export const pspEvents = pgTable(
  'psp_events',
  {
    psp: text('psp').notNull(),
    eventId: text('event_id').notNull(),
    kind: text('kind').notNull(),
    paymentId: text('payment_id'),
    /** The normalized event (domain/psp-gateway.ts PspEvent), or the PSP's type when none; never card data. */
    event: jsonb('event').notNull(),
    status: text('status').$type<PspEventStatus>().notNull().default('processed'),
    /** Why an event was not processed (api/psp-event-checks.ts), or what could not be read. */
    reason: text('reason'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.psp, t.eventId] }),
    index('psp_events_payment_idx').on(t.paymentId),
    // holdfast purge (0017).
    index('psp_events_received_idx').on(t.receivedAt),
    check('psp_events_status_check', sql`${t.status} in ('processed', 'ignored', 'rejected', 'unprocessable')`),
  ],
);
