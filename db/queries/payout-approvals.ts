// Finance's view of payouts: across merchants, since a finance key belongs to none.
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { payouts } from '../schema';
import type { PayoutRow } from './payouts';

export async function findPayoutForFinance(db: Database, payoutId: string): Promise<PayoutRow | undefined> {
  const [row] = await db.select().from(payouts).where(eq(payouts.id, payoutId));
  return row;
}

/** Oldest first: the queue finance works through. */
export async function payoutsAwaitingApproval(db: Database, limit: number): Promise<PayoutRow[]> {
  return db
    .select()
    .from(payouts)
    .where(eq(payouts.status, 'requires_approval'))
    .orderBy(asc(payouts.createdAt), asc(payouts.id))
    .limit(limit);
}
