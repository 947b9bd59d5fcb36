// Keeps a seller's payout schedule workflow in step with its row: one signal-with-start both
// starts it (first non-manual schedule) and tells a running one about a change; `manual`
// ends it.
import { type Client } from '@temporalio/client';
import type { Config } from '../config/config';
import type { SellerRow } from '../db/queries/sellers';
import type { PayoutSchedule } from '../domain/marketplace/types';
import type { PayoutScheduleBody } from './schemas/marketplace';
import { changeRunningSchedule, runSchedule } from '../contracts/payout-schedule.client';

export const MANUAL_PAYOUTS: PayoutSchedule = { interval: 'manual', weeklyAnchor: 'monday', minimumAmount: 1 };

export function payoutScheduleFrom(body: PayoutScheduleBody | undefined): PayoutSchedule {
  if (!body) return MANUAL_PAYOUTS;
  return { interval: body.interval, weeklyAnchor: body.weekly_anchor ?? 'monday', minimumAmount: body.minimum_amount ?? 1 };
}

/** Starts, changes or stops the seller's payout schedule workflow as its settings now say. */
export async function applyPayoutSchedule(temporal: Client, config: Config, seller: SellerRow): Promise<void> {
  // Manual: a running schedule learns it and stops; none is started.
  if (seller.payoutSchedule.interval === 'manual') return changeRunningSchedule(temporal, seller.id, seller.payoutSchedule);
  await runSchedule(temporal, config.temporal.taskQueue, {
    sellerId: seller.id,
    merchantId: seller.merchantId,
    schedule: seller.payoutSchedule,
    psp: seller.payoutPsp,
    timeZone: config.settlement.timeZone,
    approvalThreshold: config.payouts.approvalThreshold,
  });
}
