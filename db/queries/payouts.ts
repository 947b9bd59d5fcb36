// The payouts read model: written by the payout workflow (through its savePayout activity),
// read by the API and by webhook intake to find a payout from the PSP's reference.
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PayoutStatus } from '../../domain/marketplace/types';
import type { PspName } from '../../domain/psp';
import type { Database } from '../client';
import { payouts } from '../schema';

export type PayoutRow = typeof payouts.$inferSelect;

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Inserts the payout, or overwrites it only with a higher version: a retried write of an
 * older snapshot arriving late changes nothing. True when the row was written.
 */
export async function savePayoutRow(db: Database | Transaction, row: Omit<PayoutRow, 'updatedAt'>): Promise<boolean> {
  const values = { ...row, updatedAt: new Date() };
  const written = await db
    .insert(payouts)
    .values(values)
    .onConflictDoUpdate({
      target: payouts.id,
      set: { ...values, createdAt: sql`${payouts.createdAt}` },
      setWhere: sql`${payouts.version} < excluded.version`,
    })
    .returning({ id: payouts.id });
  return written.length > 0;
}

export async function findPayout(db: Database, merchantId: string, id: string): Promise<PayoutRow | undefined> {
  const [row] = await db
    .select()
    .from(payouts)
    .where(and(eq(payouts.id, id), eq(payouts.merchantId, merchantId)));
  return row;
}

/** Newest first; `startingAfter` is the last id of the previous page (Stripe's cursor). */
export async function listPayouts(
  db: Database,
  query: { merchantId: string; sellerId?: string; status?: PayoutStatus; limit: number; startingAfter?: string },
): Promise<{ rows: PayoutRow[]; hasMore: boolean }> {
  const conditions: SQL[] = [eq(payouts.merchantId, query.merchantId)];
  if (query.sellerId) conditions.push(eq(payouts.sellerId, query.sellerId));
  if (query.status) conditions.push(eq(payouts.status, query.status));
  if (query.startingAfter) {
    const cursor = await findPayout(db, query.merchantId, query.startingAfter);
    if (!cursor) return { rows: [], hasMore: false };
    conditions.push(or(lt(payouts.createdAt, cursor.createdAt), and(eq(payouts.createdAt, cursor.createdAt), lt(payouts.id, cursor.id)))!);
  }
  const rows = await db
    .select()
    .from(payouts)
    .where(and(...conditions))
    .orderBy(desc(payouts.createdAt), desc(payouts.id))
    .limit(query.limit + 1);
  return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
}

/** Which payout a PSP notification is about, when the event names only the PSP's reference. */
export async function findPayoutIdByPspReference(db: Database, psp: PspName, pspPayoutReference: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: payouts.id })
    .from(payouts)
    .where(and(eq(payouts.psp, psp), eq(payouts.pspPayoutReference, pspPayoutReference)));
  return row?.id;
}
