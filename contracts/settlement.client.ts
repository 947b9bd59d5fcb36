// Starting a settlement run, shared by the API (finance's POST /v1/settlements), the CLI and
// the daily schedule's workflow, and a resubmission round for finance's exception decisions. A date may be settled more than once at a PSP: run 1 is the
// date's first settlement, and each later request (a new Idempotency-Key) after the earlier
// runs finished starts a supplementary run that settles only what no earlier run took. The
// request key is kept in the run's memo, so a request repeated with its key joins (or
// answers) its own run however many runs followed it.
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import type { Config } from '../config/config';
import type { PspName } from '../domain/psp';
import {
  type BatchOutcome,
  preparedUpdate,
  settlementId,
  type SettlementResubmissionInput,
  type SettlementResubmissionWorkflow,
  settlementResubmissionWorkflowId,
  type SettlementProgress,
  settlementProgressQuery,
  type SettlementWorkflow,
  settlementWorkflowId,
  SETTLEMENT_WORKFLOW,
  SETTLEMENT_RESUBMISSION_WORKFLOW,
} from './settlement.contract';

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
  run: number;
  /** As of the items being collected and batched (or later, for a settlement already done). */
  progress: SettlementProgress;
}

export interface SettlementRequest {
  businessDate: string;
  psp: PspName;
  /**
   * Names the request (an Idempotency-Key, scoped by who sent it): the same key answers the
   * run it started; a new one starts the next run once the date's runs have finished.
   */
  requestKey: string;
  /**
   * What to do while a run of the date is still in flight: `refuse` (finance's request:
   * SettlementInFlight) or `join` it (the daily schedule: what it did not collect waits for
   * the next date's run, which collects every date up to its own).
   */
  whileInFlight: 'refuse' | 'join';
  /** The highest run the database recorded for the date (0: none), so runs whose histories Temporal no longer keeps still count. */
  lastRecordedRun?: number;
  /**
   * Runs the database records as reconciled: done with their money, though their workflow may
   * take a moment more to return. Not in flight, so a request that waited for `reconciled`
   * settles again instead of being refused.
   */
  reconciledRuns?: number[];
}

/** A run of the date and PSP, started by another request, has not finished. */
export class SettlementInFlight extends Error {
  constructor(readonly settlementId: string) {
    super(`settlement ${settlementId} of this date is still running; settle again once it finished`);
    this.name = 'SettlementInFlight';
  }
}

/** The memo field that keeps the request key of the run. */
const REQUEST_KEY = 'requestKey';

/** Starts (or joins) a settlement run of `businessDate` at `psp` and waits until it is prepared. */
export async function startSettlement(client: Client, options: SettlementOptions, request: SettlementRequest): Promise<StartedSettlement> {
  const run = await chooseRun(client, options, request);
  const { businessDate, psp } = request;
  const id = settlementId(psp, businessDate, run);
  const workflowId = settlementWorkflowId(options.taskQueue, psp, businessDate, run);
  const startWorkflowOperation = new WithStartWorkflowOperation<SettlementWorkflow>(SETTLEMENT_WORKFLOW, {
    workflowId,
    taskQueue: options.taskQueue,
    args: [
      {
        settlementId: id,
        ...(run === 1 ? {} : { run }),
        businessDate,
        psp,
        timeZone: options.timeZone,
        resubmitSeconds: options.resubmitSeconds,
        maxSubmissions: options.maxSubmissions,
        reconciliationTolerance: options.reconciliationTolerance,
      },
    ],
    memo: { [REQUEST_KEY]: request.requestKey },
    // Two requests racing for the same next run meet in one workflow: nothing settles twice.
    workflowIdConflictPolicy: 'USE_EXISTING',
    // A finished run is never run again: what it collected is settled.
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  });
  try {
    const progress = await client.workflow.executeUpdateWithStart(preparedUpdate, { startWorkflowOperation });
    return { settlementId: id, workflowId, run, progress };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    // Already finished: a closed workflow still answers queries.
    const progress = await client.workflow.getHandle(workflowId).query(settlementProgressQuery);
    return { settlementId: id, workflowId, run, progress };
  }
}

/**
 * The run this request belongs to: the one its key started, else the next one — unless a run
 * is in flight. Runs are probed in order; a run Temporal no longer keeps (past retention) but
 * the database recorded has finished.
 */
async function chooseRun(client: Client, options: SettlementOptions, request: SettlementRequest): Promise<number> {
  const { businessDate, psp } = request;
  let inFlight: number | undefined;
  for (let run = 1; ; run++) {
    const workflowId = settlementWorkflowId(options.taskQueue, psp, businessDate, run);
    let described;
    try {
      described = await client.workflow.getHandle(workflowId).describe();
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      if (run <= (request.lastRecordedRun ?? 0)) continue;
      if (inFlight === undefined) return run;
      if (request.whileInFlight === 'join') return inFlight;
      throw new SettlementInFlight(settlementId(psp, businessDate, inFlight));
    }
    if (described.memo?.[REQUEST_KEY] === request.requestKey) return run;
    if (described.status.name === 'RUNNING' && !(request.reconciledRuns ?? []).includes(run)) inFlight = run;
  }
}

/**
 * Runs a new round of a settlement for the items finance sent back, and waits for the
 * acquirer's answer. A repeated request joins the round's workflow instead of starting another.
 */
export async function resubmitRound(client: Client, taskQueue: string, input: SettlementResubmissionInput): Promise<BatchOutcome> {
  return client.workflow.execute<SettlementResubmissionWorkflow>(SETTLEMENT_RESUBMISSION_WORKFLOW, {
    workflowId: settlementResubmissionWorkflowId(input.settlementId, input.round),
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}

/** A settlement run's workflow (by the id startSettlement answered), to follow its progress. */
export function settlementHandle(client: Client, workflowId: string): WorkflowHandle<SettlementWorkflow> {
  return client.workflow.getHandle<SettlementWorkflow>(workflowId);
}
