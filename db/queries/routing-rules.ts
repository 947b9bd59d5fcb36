// A merchant's routing rules, in position order. A PUT replaces the whole list, so the
// positions are always 0..n-1 and a reader never sees half of an old list and half a new one.
import { asc, eq } from 'drizzle-orm';
import type { PspName } from '../../domain/psp';
import type { RoutingRule } from '../../domain/routing';
import type { Database } from '../client';
import { merchants, routingRules } from '../schema';

export async function listRoutingRules(db: Database, merchantId: string): Promise<RoutingRule[]> {
  const rows = await db.select().from(routingRules).where(eq(routingRules.merchantId, merchantId)).orderBy(asc(routingRules.position));
  return rows.map(ruleFromRow);
}

/**
 * What routing one payment needs, in one round trip: the merchant's rules and the PSPs its
 * settings name for payments no rule matches (null = the platform's default).
 */
export async function merchantRouting(db: Database, merchantId: string): Promise<{ rules: RoutingRule[]; defaultPsps: PspName[] | null }> {
  const rows = await db
    .select({ defaultPsps: merchants.defaultPsps, rule: routingRules })
    .from(merchants)
    .leftJoin(routingRules, eq(routingRules.merchantId, merchants.id))
    .where(eq(merchants.id, merchantId))
    .orderBy(asc(routingRules.position));
  return {
    rules: rows.flatMap(({ rule }) => (rule ? [ruleFromRow(rule)] : [])),
    // Written only from a validated PSP list (api/schemas/settings.ts).
    defaultPsps: (rows[0]?.defaultPsps ?? null) as PspName[] | null,
  };
}

function ruleFromRow(row: typeof routingRules.$inferSelect): RoutingRule {
  return {
    currency: row.currency,
    minAmount: row.minAmount,
    maxAmount: row.maxAmount,
    // Validated against PSP_NAMES when written; routing keeps only PSPs with a gateway anyway.
    psps: row.psps as RoutingRule['psps'],
  };
}

/** Replaces the merchant's rules in one transaction; concurrent replacements take turns. */
export async function replaceRoutingRules(db: Database, merchantId: string, rules: readonly RoutingRule[]): Promise<void> {
  await db.transaction(async (tx) => {
    // Without this lock two replacements could both delete the old rows and then collide
    // inserting position 0. NO KEY UPDATE does not block the rules' own foreign-key checks.
    await tx.select({ id: merchants.id }).from(merchants).where(eq(merchants.id, merchantId)).for('no key update');
    await tx.delete(routingRules).where(eq(routingRules.merchantId, merchantId));
    if (rules.length === 0) return;
    await tx.insert(routingRules).values(
      rules.map((rule, position) => ({
        merchantId,
        position,
        currency: rule.currency,
        minAmount: rule.minAmount,
        maxAmount: rule.maxAmount,
        psps: rule.psps,
      })),
    );
  });
}
