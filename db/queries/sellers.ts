// A marketplace's sellers and their wallets. A wallet is summed from the seller's ledger
// accounts on each read, like the merchant balances: nothing cached, nothing to drift.
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PayoutSchedule } from '../../domain/marketplace/types';
import type { PspName } from '../../domain/psp';
import type { Database } from '../client';
import { sellers } from '../schema';

export type SellerRow = typeof sellers.$inferSelect;

export async function insertSeller(
  db: Database,
  seller: { id: string; merchantId: string; name: string; payoutPsp: PspName; payoutSchedule: PayoutSchedule },
): Promise<SellerRow> {
  // A retry of the same creation finds the seller its first attempt wrote.
  await db.insert(sellers).values(seller).onConflictDoNothing({ target: sellers.id });
  const [row] = await db.select().from(sellers).where(eq(sellers.id, seller.id));
  return row!;
}

export async function findSeller(db: Database, merchantId: string, sellerId: string): Promise<SellerRow | undefined> {
  const [row] = await db
    .select()
    .from(sellers)
    .where(and(eq(sellers.merchantId, merchantId), eq(sellers.id, sellerId)));
  return row;
}

/** The ids among `sellerIds` that are this merchant's sellers. */
export async function existingSellerIds(db: Database, merchantId: string, sellerIds: readonly string[]): Promise<Set<string>> {
  if (sellerIds.length === 0) return new Set();
  const rows = await db
    .select({ id: sellers.id })
    .from(sellers)
    .where(and(eq(sellers.merchantId, merchantId), inArray(sellers.id, [...sellerIds])));
  return new Set(rows.map((r) => r.id));
}

/** Newest first; `startingAfter` is the last id of the previous page (Stripe's cursor). */
export async function listSellers(db: Database, merchantId: string, limit: number, startingAfter?: string): Promise<SellerRow[]> {
  const conditions: SQL[] = [eq(sellers.merchantId, merchantId)];
  if (startingAfter) {
    const cursor = await findSeller(db, merchantId, startingAfter);
    if (!cursor) return [];
    conditions.push(or(lt(sellers.createdAt, cursor.createdAt), and(eq(sellers.createdAt, cursor.createdAt), lt(sellers.id, cursor.id)))!);
  }
  return db
    .select()
    .from(sellers)
    .where(and(...conditions))
    .orderBy(desc(sellers.createdAt), desc(sellers.id))
    .limit(limit);
}

export async function updateSeller(
  db: Database,
  merchantId: string,
  sellerId: string,
  changes: { name?: string; payoutSchedule?: PayoutSchedule },
): Promise<SellerRow | undefined> {
  const [row] = await db
    .update(sellers)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(sellers.merchantId, merchantId), eq(sellers.id, sellerId)))
    .returning();
  return row;
}

export interface SellerBalance {
  currency: string;
  /** Captured, not yet settled. */
  pending: number;
  /** Settled and not reserved: what a payout may take. Below zero while a dispute or refund took back more than had settled. */
  available: number;
  /** Held: on its way in payouts, or in reserve for open disputes. */
  reserved: number;
}

/** One row per currency the seller has ledger accounts in, by currency code. */
export async function sellerBalances(db: Database, sellerId: string): Promise<SellerBalance[]> {
  // Liabilities carry credit (negative) balances; negate so money owed reads positive.
  const { rows } = await db.execute<{ currency: string; pending: string; available: string; reserved: string }>(sql`
    select a.currency,
           -coalesce(sum(e.amount) filter (where a.code like '%:pending'), 0)::bigint as pending,
           -coalesce(sum(e.amount) filter (where a.code like '%:available'), 0)::bigint as available,
           -coalesce(sum(e.amount) filter (where a.code like '%:payout_reserve' or a.code like '%:dispute_reserve'), 0)::bigint as reserved
      from ledger_accounts a
      left join ledger_entries e on e.account_id = a.id
     where a.seller_id = ${sellerId}
     group by a.currency
     order by a.currency`);
  return rows.map((r) => ({
    currency: r.currency,
    pending: Number(r.pending),
    available: Number(r.available),
    reserved: Number(r.reserved),
  }));
}
