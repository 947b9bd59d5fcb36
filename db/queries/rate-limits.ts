// Token buckets in Postgres (0021_rate_limits.sql): taking a lease of tokens, a merchant's own
// limit, and the purge of buckets nobody has touched since they refilled.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { merchants } from '../schema';

export interface BucketPolicy {
  /** Tokens the bucket holds: the requests allowed per window. */
  quota: number;
  windowSeconds: number;
  /** Whose rate_limit_per_second, when set, replaces the quota (as that many per second). */
  merchantId?: string;
  /** Most tokens one call takes (the function also keeps it to a tenth of the bucket). */
  maxLease: number;
}

export interface Lease {
  granted: number;
  /** What the bucket holds once this lease is taken out (fractional: it refills continuously). */
  remaining: number;
  perSecond: number;
  quota: number;
}

/** One round trip: up to a lease of tokens from `bucket`, refilled first for the time elapsed up to `nowMs`. */
export async function takeTokens(db: Database, bucket: string, policy: BucketPolicy, nowMs: number): Promise<Lease> {
  const { rows } = await db.execute<{ granted: number; remaining: number; per_second: number; quota: number }>(sql`
    select granted, remaining, per_second, quota from rate_limit_take(
      ${bucket}, ${policy.merchantId ?? null}, ${policy.quota}::float8, ${policy.windowSeconds}::float8,
      ${policy.maxLease}::int, to_timestamp(${nowMs}::float8 / 1000))`);
  const row = rows[0]!;
  return { granted: row.granted, remaining: row.remaining, perSecond: row.per_second, quota: row.quota };
}

/** Sets (or with null clears) a merchant's own requests per second; false when there is no such merchant. */
export async function setMerchantRateLimit(db: Database, merchantId: string, perSecond: number | null): Promise<boolean> {
  const updated = await db
    .update(merchants)
    .set({ rateLimitPerSecond: perSecond })
    .where(eq(merchants.id, merchantId))
    .returning({ id: merchants.id });
  return updated.length > 0;
}

/**
 * Deletes buckets untouched for `idleSeconds` (longer than any window, so each is full again:
 * the same as no row). Addresses that once tried the /ops login would otherwise stay for ever.
 */
export async function purgeIdleBuckets(db: Database, idleSeconds: number): Promise<number> {
  const result = await db.execute(sql`delete from rate_limit_buckets where refilled_at < now() - make_interval(secs => ${idleSeconds})`);
  return result.rowCount ?? 0;
}
