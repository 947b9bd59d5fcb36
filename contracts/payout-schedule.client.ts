// Starting and reaching a seller's payout schedule workflow, for the API: the one place that
// names the workflow to Temporal. What is sent to it is defined in the contract.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PayoutSchedule } from '../domain/marketplace/types';
import {
  type PayoutScheduleInput,
  type PayoutScheduleWorkflow,
  payoutScheduleWorkflowId,
  scheduleChangedSignal,
  PAYOUT_SCHEDULE_WORKFLOW,
} from './payout-schedule.contract';

/** Gives a running schedule its new settings; one that never ran or has ended is left alone. */
export async function changeRunningSchedule(client: Client, sellerId: string, schedule: PayoutSchedule): Promise<void> {
  try {
    await client.workflow.getHandle<PayoutScheduleWorkflow>(payoutScheduleWorkflowId(sellerId)).signal(scheduleChangedSignal, schedule);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}

/** Starts the seller's schedule with `input`, or gives the running one its new settings. */
export async function runSchedule(client: Client, taskQueue: string, input: PayoutScheduleInput): Promise<void> {
  await client.workflow.signalWithStart<PayoutScheduleWorkflow, [PayoutSchedule]>(PAYOUT_SCHEDULE_WORKFLOW, {
    workflowId: payoutScheduleWorkflowId(input.sellerId),
    taskQueue,
    args: [input],
    signal: scheduleChangedSignal,
    signalArgs: [input.schedule],
  });
}
