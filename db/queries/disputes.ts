// The dispute read model: written by the dispute workflow (through saveDispute), read by the
// API's GETs and lists (and its refund check) and by webhook intake, which finds a dispute by
// its PSP reference.
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DisputeStatus } from '../../domain/marketplace/types';
import type { PspName } from '../../domain/psp';
import type { Database } from '../client';
import { disputes } from '../schema';

export type DisputeRow = typeof disputes.$inferSelect;
export type DisputeWrite = typeof disputes.$inferInsert;

/**
 * Writes the snapshot unless the stored one is as new or newer, so a retried activity
 * carrying an older version never overwrites a newer one. Answers whether it wrote.
 */
export async function upsertDispute(db: Database, row: DisputeWrite & { version: number }): Promise<boolean> {
  const written = await db
    .insert(disputes)
    .values(row)
    .onConflictDoUpdate({
      target: disputes.id,
      set: { ...row, createdAt: sql`${disputes.createdAt}` },
      setWhere: sql`${disputes.version} < excluded.version`,
    })
    .returning({ id: disputes.id });
  return written.length > 0;
}

export async function findDispute(db: Database, merchantId: string, id: string): Promise<DisputeRow | undefined> {
  const [row] = await db
    .select()
    .from(disputes)
    .where(and(eq(disputes.id, id), eq(disputes.merchantId, merchantId)));
  return row;
}

/** The dispute a PSP's webhook names (each PSP's references are unique within it). */
export async function findDisputeByPspReference(db: Database, psp: PspName, pspDisputeReference: string): Promise<DisputeRow | undefined> {
  const [row] = await db
    .select()
    .from(disputes)
    .where(and(eq(disputes.psp, psp), eq(disputes.pspDisputeReference, pspDisputeReference)));
  return row;
}

/** Newest first; `startingAfter` is the last id of the previous page (Stripe's cursor). */
export async function listDisputes(
  db: Database,
  query: { merchantId: string; paymentId?: string; status?: DisputeStatus; limit: number; startingAfter?: string },
): Promise<{ rows: DisputeRow[]; hasMore: boolean }> {
  const conditions: SQL[] = [eq(disputes.merchantId, query.merchantId)];
  if (query.paymentId) conditions.push(eq(disputes.paymentId, query.paymentId));
  if (query.status) conditions.push(eq(disputes.status, query.status));
  if (query.startingAfter) {
    const cursor = await findDispute(db, query.merchantId, query.startingAfter);
    if (!cursor) return { rows: [], hasMore: false };
    conditions.push(
      or(lt(disputes.createdAt, cursor.createdAt), and(eq(disputes.createdAt, cursor.createdAt), lt(disputes.id, cursor.id)))!,
    );
  }
  const rows = await db
    .select()
    .from(disputes)
    .where(and(...conditions))
    .orderBy(desc(disputes.createdAt), desc(disputes.id))
    .limit(query.limit + 1);
  return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
}

/** Whether the payment has a dispute the PSP has not decided yet. */
export async function hasOpenDispute(db: Database, paymentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: disputes.id })
    .from(disputes)
    .where(and(eq(disputes.paymentId, paymentId), inArray(disputes.status, ['needs_response', 'under_review'])))
    .limit(1);
  return row !== undefined;
}
