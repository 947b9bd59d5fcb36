// One long-lived workflow per seller with an automatic payout schedule: sleep until the next
// run (local midnight, daily or on the weekly anchor), then start a payout of each currency's
// payable balance, and continue as new. A payout's id names the seller, the run's date and the
// currency, so a run done twice (a reset, a restarted schedule) never pays a balance twice.
import {
  type ActivityOptions,
  allHandlersFinished,
  condition,
  continueAsNew,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { createPayoutActivities } from '../activities/payouts/activities';
import { nextPayoutRun } from '../domain/marketplace/payout-schedule';
import type { PayoutSchedule } from '../domain/marketplace/types';
import { businessDateOf } from '../domain/settlement/business-date';
import { nextPayoutRunQuery, scheduleChangedSignal, type PayoutScheduleInput } from '../contracts/payout-schedule.contract';
import { payoutWorkflowId } from '../contracts/payout.contract';
import { payoutWorkflow } from './payout.workflow';

/** A read of the seller's balances: a few quick retries, then the workflow task fails and retries. */
const balanceRead = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10, nonRetryableErrorTypes: [] },
} satisfies ActivityOptions;

const { payableBalances } = proxyActivities<ReturnType<typeof createPayoutActivities>>(balanceRead);

/** The automatic payout's id: one per seller, run date and currency. */
function automaticPayoutId(sellerId: string, runDate: string, currency: string): string {
  return `po_auto_${sellerId}_${runDate.replaceAll('-', '')}_${currency}`;
}

export async function payoutScheduleWorkflow(input: PayoutScheduleInput): Promise<void> {
  let schedule: PayoutSchedule = input.schedule;
  let changed = false;
  const upcoming = () => (schedule.interval === 'manual' ? null : nextPayoutRun(new Date(), schedule, input.timeZone));
  let nextRun = upcoming();

  // Handlers first, before any await, so a change that arrives early is not lost.
  setHandler(nextPayoutRunQuery, () => nextRun?.toISOString() ?? null);
  setHandler(scheduleChangedSignal, (next) => {
    schedule = next;
    changed = true;
    nextRun = upcoming();
  });

  while (nextRun) {
    changed = false;
    const waitMs = Math.max(1, nextRun.getTime() - Date.now());
    if (await condition(() => changed, waitMs)) continue; // recompute for the new schedule
    await runPayouts(input, schedule, nextRun);
    await condition(allHandlersFinished);
    // A fresh history for every run; a schedule changed during this run carries over.
    await continueAsNew<typeof payoutScheduleWorkflow>({ ...input, schedule });
  }
  // Manual: nothing to schedule any more.
  await condition(allHandlersFinished);
}

async function runPayouts(input: PayoutScheduleInput, schedule: PayoutSchedule, runAt: Date): Promise<void> {
  // The run's nominal time names it, not the time it woke: the same run always gets the same ids.
  const runDate = businessDateOf(runAt, input.timeZone);
  const payable = await payableBalances({ sellerId: input.sellerId, minimumAmount: schedule.minimumAmount });
  for (const { currency, amount } of payable) {
    const payoutId = automaticPayoutId(input.sellerId, runDate, currency);
    try {
      await startChild(payoutWorkflow, {
        workflowId: payoutWorkflowId(payoutId),
        args: [
          {
            payoutId,
            merchantId: input.merchantId,
            sellerId: input.sellerId,
            amount,
            currency,
            psp: input.psp,
            method: 'automatic',
            approvalThreshold: input.approvalThreshold,
            createdAt: new Date().toISOString(),
          },
        ],
        // The payout outlives this run (which continues as new at once), and a payout id,
        // once used, is never started again, even after that payout closed.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (error) {
      // This run's payout of this currency was already started: nothing more to do.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}
