// What a payout schedule run pays out: each currency's whole available balance, when it
// reaches the seller's minimum.
import type { Database } from '../../db/client';
import { sellerBalances, type SellerBalance } from '../../db/queries/sellers';

export interface PayableBalance {
  currency: string;
  amount: number;
}

/** Pure: the balances worth a payout. A zero or negative balance never is, whatever the minimum. */
export function payableOf(balances: readonly SellerBalance[], minimumAmount: number): PayableBalance[] {
  return balances
    .filter((b) => b.available > 0 && b.available >= minimumAmount)
    .map((b) => ({ currency: b.currency, amount: b.available }));
}

export async function payableBalances(
  db: Database,
  { sellerId, minimumAmount }: { sellerId: string; minimumAmount: number },
): Promise<PayableBalance[]> {
  return payableOf(await sellerBalances(db, sellerId), minimumAmount);
}
