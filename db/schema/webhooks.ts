import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { merchants } from './merchants';

/**
 * Where a merchant wants its events; the secret signs every delivery (Holdfast-Signature).
 * After a rotation the previous secret signs too, until it expires, so the merchant can switch
 * its receiver over without refusing a delivery. A deleted endpoint keeps its row: its past
 * deliveries refer to it.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id),
    url: text('url').notNull(),
    events: jsonb('events').$type<string[]>().notNull(),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    /** A disabled endpoint is sent nothing until it is enabled again. */
    enabled: boolean('enabled').notNull().default(true),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_merchant_idx').on(t.merchantId)],
);

/**
 * Events for merchants (payment.captured, refund.succeeded, …). `source_key` names the
 * transition that raised it, so a retried activity records the event once. The table is the
 * outbox of webhooks: a writer only inserts the row, and the event relay (workers/event-relay.ts)
 * creates its deliveries, hands them to the delivery workflows and sets `relayed_at`.
 */
export const events = pgTable(
  'events',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id),
    type: text('type').notNull(),
    /** The payment the event is about; deliveries keep order per payment. */
    paymentId: text('payment_id'),
    sourceKey: text('source_key').notNull(),
    /** The API object at the time of the event (`data.object`). */
    data: jsonb('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Insertion order: the relay hands one payment's events off in it (created_at can tie). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    /** When the relay handed the event to its delivery workflows; null until then. */
    relayedAt: timestamp('relayed_at', { withTimezone: true }),
    /** The data key that sealed this row's personal data (keyring/sealed-text.ts); null = not yet sealed. */
    dataKeyId: text('data_key_id'),
  },
  (t) => [
    uniqueIndex('events_source_key_idx').on(t.sourceKey),
    index('events_merchant_created_idx').on(t.merchantId, t.createdAt, t.id),
    // holdfast purge (0017).
    index('events_created_idx').on(t.createdAt),
    index('events_unrelayed_idx')
      .on(t.seq)
      .where(sql`${t.relayedAt} is null`),
    index('events_unrelayed_payment_idx')
      .on(t.paymentId, t.seq)
      .where(sql`${t.relayedAt} is null`),
  ],
);

/** One row per event and endpoint: what the delivery workflow has done so far. */
export const eventDeliveries = pgTable(
  'event_deliveries',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => events.id),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id),
    status: text('status').$type<'pending' | 'succeeded' | 'failed'>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('event_deliveries_event_endpoint_idx').on(t.eventId, t.endpointId),
    index('event_deliveries_pending_idx')
      .on(t.eventId)
      .where(sql`${t.status} = 'pending'`),
  ],
);
