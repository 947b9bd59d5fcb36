// The seller and seller balance objects the API answers with.
import type { SellerBalance, SellerRow } from '../../db/queries/sellers';

const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function sellerView(row: SellerRow) {
  return {
    id: row.id,
    object: 'seller' as const,
    name: row.name,
    payout_psp: row.payoutPsp,
    payout_schedule: {
      interval: row.payoutSchedule.interval,
      weekly_anchor: row.payoutSchedule.weeklyAnchor,
      minimum_amount: row.payoutSchedule.minimumAmount,
    },
    created: unixSeconds(row.createdAt),
  };
}

/** Per currency, as Stripe's balance lists amounts per currency. */
export function sellerBalanceView(sellerId: string, balances: SellerBalance[]) {
  return {
    object: 'seller_balance' as const,
    seller: sellerId,
    balances: balances.map((b) => ({
      currency: b.currency,
      pending: b.pending,
      available: b.available,
      reserved: b.reserved,
      reserved_for: { payouts: b.reservedForPayouts, disputes: b.reservedForDisputes },
    })),
  };
}
