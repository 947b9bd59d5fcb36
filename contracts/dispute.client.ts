// Starting and reaching a dispute's workflow, for the API (PSP events and evidence): the one
// place that names the workflow to Temporal. What is sent to it is defined in the contract.
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { DisputeEvent } from '../domain/psp-gateway';
import { disputeEventSignal, type DisputeInput, type DisputeWorkflow, disputeWorkflowId, DISPUTE_WORKFLOW } from './dispute.contract';

/** The workflow of dispute `disputeId`, to send an Update, a signal or a query to. */
export function disputeHandle(client: Client, disputeId: string): WorkflowHandle<DisputeWorkflow> {
  return client.workflow.getHandle<DisputeWorkflow>(disputeWorkflowId(disputeId));
}

/** Hands a PSP's dispute event to its dispute's workflow, starting it with the first event. */
export async function tellDispute(client: Client, taskQueue: string, input: DisputeInput, event: DisputeEvent): Promise<void> {
  await client.workflow.signalWithStart<DisputeWorkflow, [DisputeEvent]>(DISPUTE_WORKFLOW, {
    workflowId: disputeWorkflowId(input.disputeId),
    taskQueue,
    args: [input],
    signal: disputeEventSignal,
    signalArgs: [event],
  });
}
