import { bigint, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { merchants } from './merchants';

export interface RoutingTarget {
  psp: string;
  /** Relative share among the rule's PSPs that are up; absent = ordered failover only. */
  weight?: number;
}

/**
 * A merchant's routing rules, tried in `position` order: the first whose currency and amount
 * range match a payment decides its PSPs. No matching rule = the configured default.
 */
export const routingRules = pgTable(
  'routing_rules',
  {
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id),
    position: integer('position').notNull(),
    /** Lower-case ISO 4217; null matches every currency. */
    currency: text('currency'),
    /** Inclusive bounds in minor units; null = unbounded. */
    minAmount: bigint('min_amount', { mode: 'number' }),
    maxAmount: bigint('max_amount', { mode: 'number' }),
    psps: jsonb('psps').$type<RoutingTarget[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.position] })],
);

/**
 * One circuit breaker per PSP, shared by every worker through this row. Closed lets calls
 * through; open (after `consecutive_failures` reaches the threshold) sends new payments
 * elsewhere until `open_until`; then one probe decides (half-open).
 */
export const pspCircuits = pgTable('psp_circuits', {
  psp: text('psp').primaryKey(),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  openUntil: timestamp('open_until', { withTimezone: true }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }),
  lastFailure: text('last_failure'),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  /** When the current run of consecutive failures began, or (none now) when the last one ended. */
  healthChangedAt: timestamp('health_changed_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
