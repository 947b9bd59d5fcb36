// Telling a workflow stopped at a step the database refused what a person decided, for the
// API's exception decisions: the one place that sends the contract's signal.
import type { Client } from '@temporalio/client';
import { activityFailedSignal, type ActivityFailedDecision } from './activity-failed.contract';

/** Sends the decision to `workflowId`, the workflow the exception names (any kind of workflow). */
export async function decideStoppedStep(client: Client, workflowId: string, decision: ActivityFailedDecision): Promise<void> {
  await client.workflow.getHandle(workflowId).signal(activityFailedSignal, decision);
}
