import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const merchants = pgTable('merchants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** How long an uncaptured authorization is held before it is voided; null = config default. */
  captureBeforeSeconds: integer('capture_before_seconds'),
  /** Platform fee in basis points of each capture; null = config default. */
  feeBps: integer('fee_bps'),
  /** What the shopper's bank statement shows, sent to the PSP with each new payment; null = the PSP account's. */
  statementDescriptor: text('statement_descriptor'),
  /** Ordered PSPs for payments no routing rule matches; null = the platform's DEFAULT_PSPS. */
  defaultPsps: jsonb('default_psps').$type<string[]>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ApiKeyRole = 'merchant' | 'finance';

/**
 * Secret API keys, stored only as a SHA-256 hash; the key itself is shown once at creation.
 * A merchant key acts for its merchant; a finance key belongs to no merchant and runs
 * settlement and reconciliation across all of them.
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Bumped when the key is used; kept coarse to avoid a write per request. */
    lastUsedEpoch: bigint('last_used_epoch', { mode: 'number' }),
  },
  (t) => [
    index('api_keys_merchant_idx').on(t.merchantId),
    check('api_keys_role_owner_check', sql`(${t.role} = 'merchant') = (${t.merchantId} is not null)`),
  ],
);
