// Keeps a seller's payout schedule workflow in step with its row: one signal-with-start both
// starts it (first non-manual schedule) and tells a running one about a change; `manual`
// ends it.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Config } from '../config/config';
import type { SellerRow } from '../db/queries/sellers';
import type { PayoutSchedule } from '../domain/marketplace/types';
import {
  type PayoutScheduleInput,
  type PayoutScheduleWorkflow,
  payoutScheduleWorkflowId,
  scheduleChangedSignal,
} from '../contracts/payout-schedule.contract';
import type { PayoutScheduleBody } from './schemas/marketplace';

export const MANUAL_PAYOUTS: PayoutSchedule = { interval: 'manual', weeklyAnchor: 'monday', minimumAmount: 1 };

export function payoutScheduleFrom(body: PayoutScheduleBody | undefined): PayoutSchedule {
  if (!body) return MANUAL_PAYOUTS;
  return { interval: body.interval, weeklyAnchor: body.weekly_anchor ?? 'monday', minimumAmount: body.minimum_amount ?? 1 };
}

export async function applyPayoutSchedule(temporal: Client, config: Config, seller: SellerRow): Promise<void> {
  const workflowId = payoutScheduleWorkflowId(seller.id);
  if (seller.payoutSchedule.interval === 'manual') {
    try {
      await temporal.workflow.getHandle(workflowId).signal(scheduleChangedSignal, seller.payoutSchedule);
    } catch (error) {
      // It never ran, or has ended: nothing to stop.
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    return;
  }
  const input: PayoutScheduleInput = {
    sellerId: seller.id,
    merchantId: seller.merchantId,
    schedule: seller.payoutSchedule,
    psp: seller.payoutPsp,
    timeZone: config.settlement.timeZone,
    approvalThreshold: config.payouts.approvalThreshold,
  };
  await temporal.workflow.signalWithStart<PayoutScheduleWorkflow, [PayoutSchedule]>('payoutScheduleWorkflow', {
    workflowId,
    taskQueue: config.temporal.taskQueue,
    args: [input],
    signal: scheduleChangedSignal,
    signalArgs: [seller.payoutSchedule],
  });
}
