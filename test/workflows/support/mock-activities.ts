// What the payment workflow tests share: typed activity mocks that record every call (with
// the workflow time it was scheduled at), and a harness that runs one worker per test on a
// task queue of its own against the time-skipping test server.
import { Context } from '@temporalio/activity';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { createExceptionActivities } from '../../../activities/exceptions';
import type { createLedgerActivities } from '../../../activities/ledger';
import type { createMerchantEventActivities } from '../../../activities/merchant-events/activities';
import type { createPaymentRecordActivities } from '../../../activities/payment-records';
import type { PspEvent } from '../../../activities/psp/gateway';
import type { createPspActivities } from '../../../activities/psp-activities';
import type { createRiskActivities } from '../../../activities/risk';
import type { createRoutingActivities } from '../../../activities/routing';
import type { RuleViolation } from '../../../domain/payment/rules';
import { workflowBundle } from '../../../workers/workflow-bundle';
import { paymentWorkflowId, REQUEST_REFUSED, type PaymentInput } from '../../../workflows/payment.contract';
import { paymentWorkflow } from '../../../workflows/payment.workflow';
import { timeSkippingEnv, uniqueTaskQueue } from '../../support/temporal';

// ---------------------------------------------------------------------------------------
// Typed activity mocks that record every call
// ---------------------------------------------------------------------------------------

/** Every activity the payment workflow schedules, typed by the factories that build them. */
export type Activities = ReturnType<typeof createPspActivities> &
  ReturnType<typeof createLedgerActivities> &
  ReturnType<typeof createPaymentRecordActivities> &
  ReturnType<typeof createRoutingActivities> &
  ReturnType<typeof createRiskActivities> &
  ReturnType<typeof createExceptionActivities> &
  Pick<ReturnType<typeof createMerchantEventActivities>, 'publishPaymentEvent'>;
export type ActivityName = keyof Activities;
export type InputOf<K extends ActivityName> = Parameters<Activities[K]>[0];
/** One recorded call; `at` is the workflow time (test server clock) it was scheduled at. */
export type Call = { [K in ActivityName]: { name: K; input: InputOf<K>; at: number } }[ActivityName];

type Waiter = { name: ActivityName; count: number; resolve: () => void };

export class MockActivities {
  readonly calls: Call[] = [];
  readonly activities: Activities;
  private waiters: Waiter[] = [];

  constructor(overrides: Partial<Activities> = {}) {
    const impl: Activities = {
      choosePsps: async (r) => (r.requestedPsp ? [r.requestedPsp] : ['stripe']),
      assessRisk: async () => ({ decision: 'allow' }),
      authorizePayment: async (r) => ({ outcome: 'authorized', pspReference: `pi_${r.paymentId}`, amountCapturable: r.amount }),
      lookupAuthorization: async (r) => ({ outcome: 'authorized', pspReference: `pi_${r.paymentId}`, amountCapturable: r.amount }),
      completeAction: async (r) => ({
        outcome: 'authorized',
        pspReference: r.pspReference,
        amountCapturable: r.authorization.amount,
      }),
      capturePayment: async (r) => ({ outcome: 'captured', amountCaptured: r.amount }),
      cancelPayment: async () => ({ outcome: 'canceled' }),
      refundPayment: async (r) => ({ outcome: 'succeeded', pspRefundReference: `psp_${r.refundId}` }),
      retrievePayment: async (r) => ({
        pspReference: r.pspReference,
        status: 'canceled',
        amount: 0,
        amountCapturable: 0,
        amountCaptured: 0,
        currency: 'usd',
      }),
      postLedgerTransaction: async () => ({ transactionId: `ltx_${randomUUID()}`, created: true }),
      savePayment: async () => undefined,
      publishPaymentEvent: async () => ({ eventId: `evt_${randomUUID()}` }),
      raiseException: async () => `exc_${randomUUID()}`,
      resolveException: async () => undefined,
      ...overrides,
    };
    // Each wrapper records its call before handing it to the implementation.
    const wrap = <K extends ActivityName>(name: K) =>
      ((input: InputOf<K>) =>
        this.record({ name, input, at: Context.current().info.currentAttemptScheduledTimestampMs } as Call, () =>
          (impl[name] as (input: InputOf<K>) => Promise<unknown>)(input),
        )) as Activities[K];
    this.activities = Object.fromEntries(
      (Object.keys(impl) as ActivityName[]).map((name) => [name, wrap(name)]),
    ) as unknown as Activities;
  }

  private record<T>(call: Call, run: () => Promise<T>): Promise<T> {
    this.calls.push(call);
    const count = this.count(call.name);
    this.waiters = this.waiters.filter((w) => {
      if (w.name !== call.name || w.count > count) return true;
      w.resolve();
      return false;
    });
    return run();
  }

  /** Resolves once `name` has been called `count` times (at once if it already has). */
  called(name: ActivityName, count = 1): Promise<void> {
    if (this.count(name) >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ name, count, resolve }));
  }

  count(name: ActivityName): number {
    return this.calls.filter((c) => c.name === name).length;
  }

  /** The inputs of every call to one activity, in call order. */
  inputsOf<K extends ActivityName>(name: K): InputOf<K>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input as InputOf<K>);
  }

  /** Workflow times of every call to one activity, in call order. */
  timesOf(name: ActivityName): number[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.at);
  }

  names(): ActivityName[] {
    return this.calls.map((c) => c.name);
  }

  /** Call names without the bookkeeping around each commit (read model, merchant events). */
  steps(): ActivityName[] {
    return this.names().filter((n) => n !== 'savePayment' && n !== 'publishPaymentEvent');
  }

  postingKeys(): string[] {
    return this.inputsOf('postLedgerTransaction').map((p) => p.postingKey);
  }

  savedVersions(): number[] {
    return this.inputsOf('savePayment').map((s) => s.version);
  }

  /** The merchant events published, by type, in order. */
  eventTypes(): string[] {
    return this.inputsOf('publishPaymentEvent').map((e) => e.type);
  }
}

/** A promise plus the functions that settle it, to hold a mocked activity mid-flight. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A refused PSP request, as the PSP activities raise it. */
export function pspRejected(code: string, message = `Refused: ${code}.`): ApplicationFailure {
  return ApplicationFailure.create({ type: 'PspRequestRejected', message, nonRetryable: true, details: [{ code }] });
}

/** A request that never reached the PSP, as the PSP activities raise it. */
export function pspNotReached(message = 'connect ECONNREFUSED'): ApplicationFailure {
  return ApplicationFailure.create({ type: 'PspNotReached', message, nonRetryable: true });
}

/** A verified PSP webhook event about a payment, as the API signals it. */
export function pspEvent(event: Partial<PspEvent> & Pick<PspEvent, 'kind' | 'pspReference'>): PspEvent {
  return { psp: 'stripe', eventId: `evt_${randomUUID()}`, occurredAt: new Date().toISOString(), ...event };
}

// ---------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------

export type PaymentHandle = WorkflowHandle<typeof paymentWorkflow>;

/** Workflows a test left running; terminated after it so no timer of theirs outlives it. */
const started: PaymentHandle[] = [];

/** A safety net for afterEach: withWorker already ends what its test started. */
export async function terminateStarted(): Promise<void> {
  for (const handle of started.splice(0)) {
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') await handle.terminate('test finished');
  }
}

/**
 * Ends the workflows a test left running, while their worker still runs. The time-skipping
 * server stops skipping time while an activity or workflow task is outstanding, and never
 * lifts that lock for a workflow terminated meanwhile: one workflow terminated mid-step (a
 * test that failed half-way, or a workflow answering an update before its step's activities
 * finish) would leave every later test's timers running in real time. So this first lets the
 * workflow come to rest, for at most a few seconds of real time. Cleanup, not
 * synchronisation: no assertion depends on it.
 */
async function endLeftovers(handles: PaymentHandle[]): Promise<void> {
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

/** True when no workflow task is scheduled or running: the last one in history completed. */
async function lastWorkflowTaskCompleted(handle: PaymentHandle): Promise<boolean> {
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

/** Starts the time-skipping server and bundles the workflow code, once per process. */
export async function prepareHarness(): Promise<void> {
  await Promise.all([timeSkippingEnv(), workflowBundle()]);
}

export interface Run {
  env: TestWorkflowEnvironment;
  start(input: PaymentInput): Promise<PaymentHandle>;
}

/** Runs `body` with a worker on a task queue of its own, serving the mocked activities. */
export async function withWorker<T>(mocks: MockActivities, body: (run: Run) => Promise<T>): Promise<T> {
  const env = await timeSkippingEnv();
  const taskQueue = uniqueTaskQueue('payment-workflow');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: mocks.activities,
  });
  const mine: PaymentHandle[] = [];
  const run: Run = {
    env,
    async start(input) {
      const handle = await env.client.workflow.start(paymentWorkflow, {
        taskQueue,
        workflowId: paymentWorkflowId(input.paymentId),
        args: [input],
      });
      started.push(handle);
      mine.push(handle);
      return handle;
    },
  };
  return worker.runUntil(async () => {
    try {
      return await body(run);
    } finally {
      await endLeftovers(mine);
    }
  });
}

/** The refusal an Update failed with: asserts its shape and returns the rule violation. */
export async function refusalOf(update: Promise<unknown>): Promise<RuleViolation> {
  const error = await update.then(
    () => assert.fail('expected the update to be refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof WorkflowUpdateFailedError, `expected WorkflowUpdateFailedError, got ${String(error)}`);
  assert.ok(error.cause instanceof ApplicationFailure, `expected an ApplicationFailure cause, got ${String(error.cause)}`);
  assert.equal(error.cause.type, REQUEST_REFUSED);
  return error.cause.details?.[0] as RuleViolation;
}

/** Update ids of every Update the workflow's history records as accepted or completed. */
export async function updatesInHistory(handle: PaymentHandle): Promise<{ accepted: string[]; completed: string[] }> {
  const history = await handle.fetchHistory();
  const accepted: string[] = [];
  const completed: string[] = [];
  for (const event of history.events ?? []) {
    const acceptedId = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId;
    if (acceptedId) accepted.push(acceptedId);
    const completedId = event.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId;
    if (completedId) completed.push(completedId);
  }
  return { accepted, completed };
}

/**
 * The workflow's history reduced to what ordering assertions need, in history order:
 * `scheduled:<activity>`, `signaled:<signal>`, `update-accepted:<id>`, `update-completed:<id>`.
 */
export async function historyLabels(handle: PaymentHandle): Promise<string[]> {
  const history = await handle.fetchHistory();
  const labels: string[] = [];
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes?.activityType?.name;
    if (scheduled) labels.push(`scheduled:${scheduled}`);
    const signaled = event.workflowExecutionSignaledEventAttributes?.signalName;
    if (signaled) labels.push(`signaled:${signaled}`);
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId;
    if (accepted) labels.push(`update-accepted:${accepted}`);
    const completed = event.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId;
    if (completed) labels.push(`update-completed:${completed}`);
  }
  return labels;
}

/** Workflow time of the payment's first history event of this type. */
export function eventTime(state: { history: { type: string; at: string }[] }, type: string): number {
  const event = state.history.find((e) => e.type === type);
  assert.ok(event, `no ${type} event in ${state.history.map((e) => e.type).join(', ')}`);
  return Date.parse(event.at);
}

/** When the workflow closed, in workflow time (the test server's skipped clock). */
export async function closeTime(handle: PaymentHandle): Promise<number> {
  const { closeTime: closed } = await handle.describe();
  assert.ok(closed, 'the workflow has not closed');
  return closed.getTime();
}

export function assertStrictlyIncreasing(versions: number[]): void {
  assert.ok(versions.length > 0, 'no savePayment call');
  for (let i = 1; i < versions.length; i++) {
    assert.ok(versions[i]! > versions[i - 1]!, `savePayment versions not strictly increasing: ${versions.join(', ')}`);
  }
}

export function entryAmount(posting: InputOf<'postLedgerTransaction'>, account: string): number | undefined {
  return posting.entries.find((e) => e.account === account)?.amount;
}
