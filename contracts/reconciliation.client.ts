// Starting a reconciliation run, for the API (finance's on-demand run), the CLI and an
// exception's retry. Each run is a workflow of its own; overlapping runs of one date are
// safe (contracts/reconciliation.contract.ts).
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import type { PspName } from '../domain/psp';
import {
  type ReconciliationResult,
  type ReconciliationWorkflow,
  reconciliationWorkflowId,
  RECONCILIATION_WORKFLOW,
} from './reconciliation.contract';

export interface ReconciliationOptions {
  taskQueue: string;
  timeZone: string;
  /** Differences up to this many minor units are written off automatically. */
  tolerance: number;
}

export interface StartedReconciliation {
  runId: string;
  workflowId: string;
}

/**
 * Starts a run of `businessDate` at `psp`. A given `runId` that already ran (or runs) is not
 * started again: the same run is answered, so a repeated request with the same id is harmless.
 */
export async function startReconciliation(
  client: Client,
  options: ReconciliationOptions,
  request: { businessDate: string; psp: PspName; runId?: string },
): Promise<StartedReconciliation> {
  const runId = request.runId ?? `rec_${randomBytes(12).toString('hex')}`;
  const workflowId = reconciliationWorkflowId(runId);
  try {
    await client.workflow.start<ReconciliationWorkflow>(RECONCILIATION_WORKFLOW, {
      workflowId,
      taskQueue: options.taskQueue,
      args: [{ runId, businessDate: request.businessDate, psp: request.psp, timeZone: options.timeZone, tolerance: options.tolerance }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return { runId, workflowId };
}

/** Waits for a run to finish and returns its result (at once, for a run already finished). */
export function awaitReconciliation(client: Client, runId: string): Promise<ReconciliationResult> {
  return client.workflow.getHandle<ReconciliationWorkflow>(reconciliationWorkflowId(runId)).result();
}
