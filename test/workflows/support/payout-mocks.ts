// What the payout and payout schedule workflow tests share: typed activity mocks that record
// every call (with the workflow time it was scheduled at), input builders, and a harness that
// runs one worker per test on a task queue of its own against the time-skipping test server.
import { Context } from '@temporalio/activity';
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { createLedgerActivities } from '../../../activities/ledger';
import type { createMerchantEventActivities } from '../../../activities/merchant-events/activities';
import type { createPayoutActivities } from '../../../activities/payouts/activities';
import type { PayoutEvent } from '../../../activities/psp/gateway';
import { payoutView } from '../../../api/views/payout';
import { workflowBundle } from '../../../workers/workflow-bundle';
import type { PayoutScheduleInput } from '../../../workflows/payout-schedule.contract';
import { payoutScheduleWorkflowId } from '../../../workflows/payout-schedule.contract';
import { payoutScheduleWorkflow } from '../../../workflows/payout-schedule.workflow';
import { payoutWorkflowId, type PayoutInput } from '../../../workflows/payout.contract';
import { payoutWorkflow } from '../../../workflows/payout.workflow';
import { timeSkippingEnv, uniqueTaskQueue } from '../../support/temporal';

export type PayoutActivities = ReturnType<typeof createPayoutActivities> &
  ReturnType<typeof createLedgerActivities> &
  Pick<ReturnType<typeof createMerchantEventActivities>, 'publishObjectEvent'>;
type Name = keyof PayoutActivities;
export type InputOf<K extends Name> = Parameters<PayoutActivities[K]>[0];
/** One recorded call; `at` is the workflow time (test server clock) it was scheduled at. */
type Call = { [K in Name]: { name: K; input: InputOf<K>; at: number } }[Name];

export class PayoutMocks {
  readonly calls: Call[] = [];
  readonly activities: PayoutActivities;
  private waiters: Array<{ name: Name; count: number; resolve: () => void }> = [];

  constructor(overrides: Partial<PayoutActivities> = {}) {
    const impl: PayoutActivities = {
      postLedgerTransaction: async () => ({ transactionId: `ltx_${randomUUID()}`, created: true }),
      savePayout: async (state) => payoutView(state),
      sendPayout: async (r) => ({ outcome: 'pending', pspPayoutReference: `psp_${r.payoutId}` }),
      payableBalances: async () => [],
      publishObjectEvent: async () => ({ eventId: `evt_${randomUUID()}` }),
      ...overrides,
    };
    const wrap = <K extends Name>(name: K) =>
      ((input: InputOf<K>) => {
        this.calls.push({ name, input, at: Context.current().info.currentAttemptScheduledTimestampMs } as Call);
        this.wake();
        return (impl[name] as (input: InputOf<K>) => Promise<unknown>)(input);
      }) as PayoutActivities[K];
    this.activities = Object.fromEntries((Object.keys(impl) as Name[]).map((n) => [n, wrap(n)])) as unknown as PayoutActivities;
  }

  private wake(): void {
    this.waiters = this.waiters.filter((w) => {
      if (this.count(w.name) < w.count) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once `name` has been called `count` times (at once if it already has). */
  called(name: Name, count = 1): Promise<void> {
    if (this.count(name) >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ name, count, resolve }));
  }

  count(name: Name): number {
    return this.calls.filter((c) => c.name === name).length;
  }

  inputsOf<K extends Name>(name: K): InputOf<K>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input as InputOf<K>);
  }

  timesOf(name: Name): number[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.at);
  }

  postingKeys(): string[] {
    return this.inputsOf('postLedgerTransaction').map((p) => p.postingKey);
  }

  /** Status and version of every read-model write, in order. */
  saved(): string[] {
    return this.inputsOf('savePayout').map((s) => `${s.status}@${s.version}`);
  }

  events(): string[] {
    return this.inputsOf('publishObjectEvent').map((e) => `${e.type} ${e.sourceKey}`);
  }
}

/** A promise plus the function that settles it, to hold a mocked activity mid-flight. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** The ledger's overdraft refusal, as the ledger activity raises it. */
export function insufficientFunds(): ApplicationFailure {
  return ApplicationFailure.create({ type: 'InsufficientFunds', message: 'would overdraw', nonRetryable: true });
}

/** A unique 1000 usd manual payout through stripe, below an approval threshold of 10000. */
export function newPayoutInput(overrides: Partial<PayoutInput> = {}): PayoutInput {
  return {
    payoutId: `po_${randomUUID().replaceAll('-', '')}`,
    merchantId: 'mer_test',
    sellerId: 'sel_test',
    amount: 1000,
    currency: 'usd',
    psp: 'stripe',
    method: 'manual',
    approvalThreshold: 10_000,
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

/** A verified PSP webhook about a payout, as the API signals it. */
export function payoutEvent(event: Pick<PayoutEvent, 'kind' | 'pspPayoutReference'> & Partial<PayoutEvent>): PayoutEvent {
  return { psp: 'stripe', eventId: `evt_${randomUUID()}`, occurredAt: new Date().toISOString(), ...event };
}

/** The failure details an Update was refused with; asserts the failure's type. */
export async function refusalOf(update: Promise<unknown>, type: string): Promise<{ code: string; message: string; param?: string }> {
  const error = await update.then(
    () => assert.fail('expected the update to be refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof WorkflowUpdateFailedError, `expected WorkflowUpdateFailedError, got ${String(error)}`);
  assert.ok(error.cause instanceof ApplicationFailure, `expected an ApplicationFailure cause, got ${String(error.cause)}`);
  assert.equal(error.cause.type, type);
  return error.cause.details?.[0] as { code: string; message: string; param?: string };
}

export type PayoutHandle = WorkflowHandle<typeof payoutWorkflow>;
export type ScheduleHandle = WorkflowHandle<typeof payoutScheduleWorkflow>;

export interface PayoutRun {
  env: TestWorkflowEnvironment;
  client: Client;
  startPayout(input: PayoutInput): Promise<PayoutHandle>;
  startSchedule(input: PayoutScheduleInput): Promise<ScheduleHandle>;
  /** Ends this workflow (one a workflow under test started) with the test's own. */
  adopt(workflowId: string): void;
}

/** Starts the time-skipping server and bundles the workflow code, once per process. */
export async function prepareHarness(): Promise<void> {
  await Promise.all([timeSkippingEnv(), workflowBundle()]);
}

/**
 * Runs `body` with a worker on a task queue of its own, serving the mocks. Workflows still
 * running afterwards (payouts waiting for a webhook) are ended once at rest: the time-skipping
 * server never resumes skipping for a workflow terminated mid-step.
 */
export async function withPayoutWorker<T>(mocks: PayoutMocks, body: (run: PayoutRun) => Promise<T>): Promise<T> {
  const env = await timeSkippingEnv();
  const taskQueue = uniqueTaskQueue('payout-workflow');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: mocks.activities,
  });
  const mine: string[] = [];
  const run: PayoutRun = {
    env,
    client: env.client,
    async startPayout(input) {
      const workflowId = payoutWorkflowId(input.payoutId);
      mine.push(workflowId);
      return env.client.workflow.start(payoutWorkflow, { taskQueue, workflowId, args: [input] });
    },
    async startSchedule(input) {
      const workflowId = payoutScheduleWorkflowId(input.sellerId);
      mine.push(workflowId);
      return env.client.workflow.start(payoutScheduleWorkflow, { taskQueue, workflowId, args: [input] });
    },
    adopt(workflowId) {
      mine.push(workflowId);
    },
  };
  return worker.runUntil(async () => {
    try {
      return await body(run);
    } finally {
      await endLeftovers(env.client, mine);
    }
  });
}

async function endLeftovers(client: Client, workflowIds: string[]): Promise<void> {
  const giveUpAt = Date.now() + 5_000;
  for (const workflowId of workflowIds) {
    const handle = client.workflow.getHandle(workflowId);
    for (;;) {
      const { status, raw } = await handle.describe();
      if (status.name !== 'RUNNING') break;
      if (((raw.pendingActivities?.length ?? 0) === 0 && (await lastTaskCompleted(handle))) || Date.now() > giveUpAt) {
        await handle.terminate('test finished');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function lastTaskCompleted(handle: WorkflowHandle): Promise<boolean> {
  const { events } = await handle.fetchHistory();
  const last = (events ?? [])
    .filter(
      (e) =>
        e.workflowTaskScheduledEventAttributes ||
        e.workflowTaskCompletedEventAttributes ||
        e.workflowTaskFailedEventAttributes ||
        e.workflowTaskTimedOutEventAttributes,
    )
    .at(-1);
  return last?.workflowTaskCompletedEventAttributes != null;
}
