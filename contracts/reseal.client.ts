// Starting a reseal onto a new data key, for the CLI: the one place that names the workflow to
// Temporal. Its progress query is defined in the contract.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { type ResealWorkflow, resealWorkflowId, RESEAL_WORKFLOW } from './reseal.contract';

/** Starts resealing every sealed row onto data key `toKeyId`; one run per key. */
export function startReseal(client: Client, taskQueue: string, toKeyId: string): Promise<WorkflowHandle<ResealWorkflow>> {
  return client.workflow.start<ResealWorkflow>(RESEAL_WORKFLOW, {
    taskQueue,
    workflowId: resealWorkflowId(toKeyId),
    args: [{ toKeyId }],
  });
}
