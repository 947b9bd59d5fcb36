// What the daily Temporal Schedule starts at the cut-off: work out which business date just
// closed and start its settlement at each PSP. Each settlement is its own workflow, started
// by id, so a date finance already settled by hand is joined, not settled twice.
import { proxyActivities, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { createSettlementActivities } from '../activities/settlement/activities';
import { dateClosedAt } from '../domain/settlement/business-date';
import type { DailySettlementInput } from '../contracts/settlement.contract';

const startStep = {
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10 },
} satisfies ActivityOptions;

const { startSettlementOf } = proxyActivities<ReturnType<typeof createSettlementActivities>>(startStep);

export async function dailySettlementWorkflow(input: DailySettlementInput): Promise<string[]> {
  // The run's start time, not the schedule's nominal one: a run caught up late settles the
  // date that had closed when it ran, and the dates before stay claimable by it.
  const businessDate = dateClosedAt(workflowInfo().runStartTime, input.cutoff, input.timeZone);
  const started: string[] = [];
  for (const psp of input.psps) started.push(await startSettlementOf({ businessDate, psp }));
  return started;
}
