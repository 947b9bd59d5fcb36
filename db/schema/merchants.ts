import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const merchants = pgTable('merchants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** How long an uncaptured authorization is held before it is voided; null = config default. */
  captureBeforeSeconds: integer('capture_before_seconds'),
  /** Platform fee in basis points of each capture; null = config default. */
  feeBps: integer('fee_bps'),
  /** API requests per second, shared by all its keys; null = RATE_LIMIT_PER_SECOND. */
  rateLimitPerSecond: integer('rate_limit_per_second'),
  /** What the shopper's bank statement shows, sent to the PSP with each new payment; null = the PSP account's. */
  statementDescriptor: text('statement_descriptor'),
  /** Ordered PSPs for payments no routing rule matches; null = the platform's DEFAULT_PSPS. */
  defaultPsps: jsonb('default_psps').$type<string[]>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ApiKeyRole = 'merchant' | 'finance';

/**
 * Secret API keys, stored only as a SHA-256 hash; the key itself is shown once at creation.
 * A merchant key acts for its merchant, within its scopes (null: unrestricted); a finance key
 * belongs to no merchant and runs settlement and reconciliation across all of them. A key is
 * revoked, never deleted (the app role may not), so its id stays the actor of what it did.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').references(() => merchants.id),
    role: text('role').$type<ApiKeyRole>().notNull().default('merchant'),
    keyHash: text('key_hash').notNull().unique(),
    /** First characters of the key, so a person can tell keys apart without the secret. */
    prefix: text('prefix').notNull(),
    /** The merchant's label for the key ("checkout server"); null for keys made unnamed. */
    name: text('name'),
    /** What a restricted key may do (domain/scopes.ts); null = unrestricted. Finance keys: null. */
    scopes: text('scopes').array(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Set by a roll: the old key keeps working until then (at most a week after the roll). */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** The key a roll made in this one's place. */
    replacedBy: text('replaced_by').references((): AnyPgColumn => apiKeys.id),
    /** Unix seconds floored to the minute: bumped at most once a minute, not per request. */
    lastUsedEpoch: bigint('last_used_epoch', { mode: 'number' }),
  },
  (t) => [
    index('api_keys_merchant_idx').on(t.merchantId),
    check('api_keys_role_owner_check', sql`(${t.role} = 'merchant') = (${t.merchantId} is not null)`),
    check('api_keys_scopes_check', sql`${t.scopes} is null or (${t.role} = 'merchant' and cardinality(${t.scopes}) > 0)`),
  ],
);
