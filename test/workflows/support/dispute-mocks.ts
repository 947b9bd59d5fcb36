// What the dispute workflow tests share: typed mocks of the activities it schedules, recording
// each call with the workflow time it was scheduled at, and a harness that starts a dispute
// the way the API does (signal-with-start with the opening event), one worker and task queue
// per test, on the time-skipping test server.
import { Context } from '@temporalio/activity';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { createDisputeActivities } from '../../../activities/disputes/activities';
import type { createLedgerActivities } from '../../../activities/ledger';
import type { createMerchantEventActivities } from '../../../activities/merchant-events/activities';
import type { DisputeEvent } from '../../../activities/psp/gateway';
import { disputeView } from '../../../api/views/dispute';
import { workflowBundle } from '../../../workers/workflow-bundle';
import {
  DISPUTE_REQUEST_REFUSED,
  disputeEventSignal,
  disputeWorkflowId,
  type DisputeInput,
} from '../../../workflows/dispute.contract';
import { disputeWorkflow } from '../../../workflows/dispute.workflow';
import { timeSkippingEnv, uniqueTaskQueue } from '../../support/temporal';

export type DisputeActivities = ReturnType<typeof createDisputeActivities> &
  Pick<ReturnType<typeof createLedgerActivities>, 'postLedgerTransaction'> &
  Pick<ReturnType<typeof createMerchantEventActivities>, 'publishObjectEvent'>;
type Name = keyof DisputeActivities;
export type InputOf<K extends Name> = Parameters<DisputeActivities[K]>[0];
/** One recorded call; `at` is the workflow time (test server clock) it was scheduled at. */
type Call = { [K in Name]: { name: K; input: InputOf<K>; at: number } }[Name];

export class DisputeMocks {
  readonly calls: Call[] = [];
  readonly activities: DisputeActivities;
  private waiters: Array<{ name: Name; count: number; resolve: () => void }> = [];

  /** By default the payment was 10000 captured in full, not split, and every call succeeds. */
  constructor(overrides: Partial<DisputeActivities> = {}) {
    const impl: DisputeActivities = {
      disputedPayment: async () => ({ amount: 10_000, amountCaptured: 10_000, splits: null }),
      saveDispute: async (state) => disputeView(state),
      submitEvidenceToPsp: async () => undefined,
      postLedgerTransaction: async () => ({ transactionId: `ltx_${randomUUID()}`, created: true }),
      publishObjectEvent: async () => ({ eventId: `evt_${randomUUID()}` }),
      ...overrides,
    };
    const wrap = <K extends Name>(name: K) =>
      ((input: InputOf<K>) => {
        this.record({ name, input, at: Context.current().info.currentAttemptScheduledTimestampMs } as Call);
        return (impl[name] as (input: InputOf<K>) => Promise<unknown>)(input);
      }) as DisputeActivities[K];
    this.activities = Object.fromEntries((Object.keys(impl) as Name[]).map((name) => [name, wrap(name)])) as unknown as DisputeActivities;
  }

  private record(call: Call): void {
    this.calls.push(call);
    const count = this.inputsOf(call.name).length;
    this.waiters = this.waiters.filter((w) => {
      if (w.name !== call.name || w.count > count) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once `name` has been called `count` times (at once if it already has). */
  called(name: Name, count = 1): Promise<void> {
    if (this.inputsOf(name).length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ name, count, resolve }));
  }

  inputsOf<K extends Name>(name: K): InputOf<K>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input as InputOf<K>);
  }

  postingKeys(): string[] {
    return this.inputsOf('postLedgerTransaction').map((p) => p.postingKey);
  }

  /** The merchant events published, by type, in order. */
  eventTypes(): string[] {
    return this.inputsOf('publishObjectEvent').map((e) => e.type);
  }

  /** Workflow time each event of this type was published at. */
  eventTimes(type: string): number[] {
    return this.calls.filter((c) => c.name === 'publishObjectEvent' && c.input.type === type).map((c) => c.at);
  }

  savedVersions(): number[] {
    return this.inputsOf('saveDispute').map((s) => s.version);
  }
}

/** A promise plus the function that settles it, to hold a mocked activity mid-flight. */
export function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A unique 3333 usd dispute at stripe, due `dueInMs` after the test server's now. */
export async function newDisputeInput(
  env: TestWorkflowEnvironment,
  { dueInMs = 7 * 24 * 3600_000, ...overrides }: Partial<DisputeInput> & { dueInMs?: number } = {},
): Promise<DisputeInput> {
  const disputeId = `dp_${randomUUID().replaceAll('-', '')}`;
  return {
    disputeId,
    merchantId: 'mer_test',
    paymentId: `pay_${randomUUID().replaceAll('-', '')}`,
    psp: 'stripe',
    pspDisputeReference: `du_${disputeId}`,
    pspReference: `pi_${disputeId}`,
    amount: 3333,
    currency: 'usd',
    reason: 'fraudulent',
    evidenceDueBy: new Date((await env.currentTimeMs()) + dueInMs).toISOString(),
    reminderSeconds: 2 * 24 * 3600,
    ...overrides,
  };
}

/** A verified PSP webhook about this dispute, as the API signals it; a fresh event id unless given. */
export function disputeEvent(input: DisputeInput, kind: DisputeEvent['kind'], overrides: Partial<DisputeEvent> = {}): DisputeEvent {
  return {
    psp: input.psp,
    eventId: `evt_${randomUUID()}`,
    kind,
    pspDisputeReference: input.pspDisputeReference,
    pspReference: input.pspReference,
    paymentId: input.paymentId,
    amount: input.amount,
    currency: input.currency,
    reason: input.reason,
    evidenceDueBy: input.evidenceDueBy,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

export type DisputeHandle = WorkflowHandle<typeof disputeWorkflow>;

export interface DisputeRun {
  env: TestWorkflowEnvironment;
  /** Starts the dispute as the API does: signal-with-start with its opening event. */
  start(input: DisputeInput): Promise<DisputeHandle>;
}

/** Starts the test server and bundles the workflow code, once per process. */
export async function prepareDisputeHarness(): Promise<void> {
  await Promise.all([timeSkippingEnv(), workflowBundle()]);
}

/** Runs `body` with a worker on a task queue of its own, serving the mocked activities. */
export async function withDisputeWorker<T>(mocks: DisputeMocks, body: (run: DisputeRun) => Promise<T>): Promise<T> {
  const env = await timeSkippingEnv();
  const taskQueue = uniqueTaskQueue('dispute-workflow');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: mocks.activities,
  });
  const started: DisputeHandle[] = [];
  const run: DisputeRun = {
    env,
    async start(input) {
      const handle = await env.client.workflow.signalWithStart(disputeWorkflow, {
        taskQueue,
        workflowId: disputeWorkflowId(input.disputeId),
        args: [input],
        signal: disputeEventSignal,
        signalArgs: [disputeEvent(input, 'dispute_opened')],
      });
      started.push(handle);
      return handle;
    },
  };
  return worker.runUntil(async () => {
    try {
      return await body(run);
    } finally {
      await endLeftovers(started);
    }
  });
}

/**
 * Terminates what a test left running, while its worker still runs, once it is at rest: the
 * time-skipping server never resumes skipping for a workflow terminated mid-task, which would
 * leave later tests' timers running in real time. Cleanup only; gives up after 5 s.
 */
async function endLeftovers(handles: DisputeHandle[]): Promise<void> {
  const giveUpAt = Date.now() + 5_000;
  for (const handle of handles) {
    for (;;) {
      const { status, raw } = await handle.describe();
      if (status.name !== 'RUNNING') break;
      const atRest = (raw.pendingActivities?.length ?? 0) === 0 && (await lastWorkflowTaskCompleted(handle));
      if (atRest || Date.now() > giveUpAt) {
        await handle.terminate('test finished');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function lastWorkflowTaskCompleted(handle: DisputeHandle): Promise<boolean> {
  const { events } = await handle.fetchHistory();
  const lastTask = (events ?? [])
    .filter(
      (e) =>
        e.workflowTaskScheduledEventAttributes ||
        e.workflowTaskCompletedEventAttributes ||
        e.workflowTaskFailedEventAttributes ||
        e.workflowTaskTimedOutEventAttributes,
    )
    .at(-1);
  return lastTask?.workflowTaskCompletedEventAttributes != null;
}

/** The refusal an Update failed with: asserts its type and returns details[0]. */
export async function refusalOf(update: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await update.then(
    () => assert.fail('expected the update to be refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof WorkflowUpdateFailedError, `expected WorkflowUpdateFailedError, got ${String(error)}`);
  assert.ok(error.cause instanceof ApplicationFailure, `expected an ApplicationFailure cause, got ${String(error.cause)}`);
  assert.equal(error.cause.type, DISPUTE_REQUEST_REFUSED);
  return error.cause.details?.[0] as { code: string; message: string };
}

/** How many Updates the workflow's history records as accepted (a validator's refusal leaves none). */
export async function acceptedUpdates(handle: DisputeHandle): Promise<number> {
  const { events } = await handle.fetchHistory();
  return (events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
}

/** A PSP's refusal, as the dispute activities raise it. */
export function pspRejected(code: string, message = `Refused: ${code}.`): ApplicationFailure {
  return ApplicationFailure.create({ type: 'PspRequestRejected', message, nonRetryable: true, details: [{ code }] });
}
