// Starting a settlement, shared by the API (finance's POST /v1/settlements), the CLI and the
// daily schedule's workflow. The workflow id is the business date and PSP, so a second
// start joins the first: starting the same date twice returns the same settlement.
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import type { PspName } from '../../domain/psp';
import type { settlementWorkflow } from '../../workflows/settlement.workflow';
import {
  preparedUpdate,
  settlementId,
  settlementProgressQuery,
  settlementWorkflowId,
  type SettlementProgress,
} from '../../workflows/settlement.contract';

export interface SettlementOptions {
  taskQueue: string;
  timeZone: string;
  resubmitSeconds: number;
  maxSubmissions: number;
  reconciliationTolerance: number;
}

/** The settings a settlement runs with, from the configuration (the API's, the CLI's, the worker's). */
export function settlementOptionsFrom(config: Config, taskQueue = config.temporal.taskQueue): SettlementOptions {
  return {
    taskQueue,
    timeZone: config.settlement.timeZone,
    resubmitSeconds: config.settlement.resubmitSeconds,
    maxSubmissions: config.settlement.maxSubmissions,
    reconciliationTolerance: config.reconciliation.tolerance,
  };
}

export interface StartedSettlement {
  settlementId: string;
  workflowId: string;
  /** As of the items being collected and batched (or later, for a settlement already done). */
  progress: SettlementProgress;
}

/** Starts (or joins) the settlement of `businessDate` at `psp` and waits until it is prepared. */
export async function startSettlement(
  client: Client,
  options: SettlementOptions,
  request: { businessDate: string; psp: PspName },
): Promise<StartedSettlement> {
  const { businessDate, psp } = request;
  const id = settlementId(psp, businessDate);
  const workflowId = settlementWorkflowId(options.taskQueue, psp, businessDate);
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof settlementWorkflow>('settlementWorkflow', {
    workflowId,
    taskQueue: options.taskQueue,
    args: [
      {
        settlementId: id,
        businessDate,
        psp,
        timeZone: options.timeZone,
        resubmitSeconds: options.resubmitSeconds,
        maxSubmissions: options.maxSubmissions,
        reconciliationTolerance: options.reconciliationTolerance,
      },
    ],
    workflowIdConflictPolicy: 'USE_EXISTING',
    // A finished settlement is never run again: its date is settled.
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  });
  try {
    const progress = await client.workflow.executeUpdateWithStart(preparedUpdate, { startWorkflowOperation });
    return { settlementId: id, workflowId, progress };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    // Already finished: a closed workflow still answers queries.
    const progress = await client.workflow.getHandle(workflowId).query(settlementProgressQuery);
    return { settlementId: id, workflowId, progress };
  }
}
