// Starts one floor run the way api/payment-commands.ts starts a payment: update-with-start
// with the same policies, accepted first, then the update's result awaited.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { floorAnswerUpdate, type floorWorkflow, type shapeFloorWorkflow } from './workflow';

export type FloorKind = 'floorWorkflow' | 'shapeFloorWorkflow';

/** Returns the run's workflow id. */
export async function runFloorOnce(client: Client, taskQueue: string, kind: FloorKind = 'floorWorkflow'): Promise<string> {
  const workflowId = `bench-floor-${randomUUID()}`;
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof floorWorkflow | typeof shapeFloorWorkflow>(kind, {
    workflowId,
    taskQueue,
    args: [],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  });
  const update = await client.workflow.startUpdateWithStart(floorAnswerUpdate, {
    updateId: 'await-outcome',
    waitForStage: 'ACCEPTED',
    startWorkflowOperation,
  });
  await update.result();
  return workflowId;
}
