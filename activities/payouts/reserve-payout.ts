// Reserving a payout's funds and deciding whether it waits for finance's approval, in one
// database transaction. The approval threshold applies to what the seller is paid in a day,
// not to one payout: ten payouts just under it would otherwise move ten times the limit
// unseen. So the decision sums the seller's payouts of the last 24 hours in the currency
// (those failed, refused or canceled paid nothing), and holds a per-seller lock while it
// does: two payouts asked for at once are decided one after the other, each counting the
// other. The payout's row is written in the same transaction, so the next one sees it.
import { and, eq, gt, ne, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { savePayoutRow } from '../../db/queries/payouts';
import { payouts } from '../../db/schema';
import { payoutReserved } from '../../domain/ledger';
import type { PayoutState } from '../../contracts/payout.contract';
import { refusingOverdraft, writePosting } from '../ledger';
import { payoutRow } from './payout-row';

/** Namespace of the per-seller advisory lock (the second key is the seller id's hash). */
const SELLER_PAYOUT_LOCK = 7_265_194;
const APPROVAL_WINDOW = sql`interval '24 hours'`;

export interface ReservePayoutRequest {
  /** The payout's first saved version; its status is replaced by the one decided here. */
  payout: PayoutState;
  /** Above this many minor units paid to the seller in 24 hours, the payout waits for approval. */
  approvalThreshold: number;
}

export type ReservedStatus = Extract<PayoutState['status'], 'requires_approval' | 'pending'>;

/**
 * Reserves the funds (or fails with `InsufficientFunds`, reserving nothing) and answers the
 * payout's status. A retry after a commit whose answer was lost answers the decision made.
 */
export async function reservePayout(
  db: Database,
  { payout, approvalThreshold }: ReservePayoutRequest,
): Promise<{ status: ReservedStatus }> {
  const posting = payoutReserved({ ...payout, payoutId: payout.id });
  return refusingOverdraft(posting, () =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SELLER_PAYOUT_LOCK}, hashtext(${payout.sellerId}))`);
      const [decided] = await tx.select({ status: payouts.status }).from(payouts).where(eq(payouts.id, payout.id));
      if (decided?.status === 'requires_approval' || decided?.status === 'pending') return { status: decided.status };

      await writePosting(tx, posting);
      const [day] = await tx
        .select({ total: sql<string>`coalesce(sum(${payouts.amount}), 0)` })
        .from(payouts)
        .where(
          and(
            eq(payouts.sellerId, payout.sellerId),
            eq(payouts.currency, payout.currency),
            ne(payouts.id, payout.id),
            notInArray(payouts.status, ['failed', 'canceled']),
            gt(payouts.createdAt, sql`now() - ${APPROVAL_WINDOW}`),
          ),
        );
      const status: ReservedStatus = Number(day?.total ?? 0) + payout.amount > approvalThreshold ? 'requires_approval' : 'pending';
      await savePayoutRow(tx, payoutRow({ ...payout, status }));
      return { status };
    }),
  );
}
