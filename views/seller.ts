// The seller object the API answers with; its balance is views/balance.ts.
import type { SellerRow } from '../db/queries/sellers';

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
