import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Idempotency-Key records (IETF draft, Stripe semantics), scoped per merchant. A row is
 * claimed `in_progress` by the first request and completed with the exact response, which
 * every retry with the same key and body gets back until `expires_at`.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    merchantId: text('merchant_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    /** SHA-256 of the canonical request body: same key + other body → 422. */
    requestHash: text('request_hash').notNull(),
    state: text('state').$type<'in_progress' | 'completed'>().notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    lockedAt: timestamp('locked_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** The data key that sealed this row's personal data (keyring/sealed-text.ts); null = not yet sealed. */
    dataKeyId: text('data_key_id'),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.key] }),
    // The purges (api/server.ts, holdfast purge).
    index('idempotency_keys_expires_idx').on(t.expiresAt),
  ],
);

/**
 * The request each id derived from an Idempotency-Key was first used for. It outlives the
 * key's record: a key reused after it expired that derives an existing object's id with a
 * different request is refused (422), never answered with the old object.
 */
export const derivedIds = pgTable(
  'derived_ids',
  {
    merchantId: text('merchant_id').notNull(),
    /** The object's id (`re_…`, `po_…`) or the Update's id (`capture-…`). */
    objectId: text('object_id').notNull(),
    /** The fingerprint `idempotency_keys.request_hash` holds: method, path and canonical body. */
    requestHash: text('request_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.objectId] })],
);
