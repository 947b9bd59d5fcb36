// The settlement workflow on the time-skipping test server with its activities mocked (and
// the reconciliation child replaced by a stub workflow): the order of its steps, the prepared
// Update, resubmission rounds that carry only transiently rejected items, rounds worked through
// in pages whose counts make the progress `holdfast settle` prints.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { createSettlementActivities } from '../../activities/settlement/activities';
import { activityFailedSignal, activityFailedSubject } from '../../contracts/activity-failed.contract';
import { type BatchOutcome, preparedUpdate, type SettlementInput, settlementProgressQuery } from '../../contracts/settlement.contract';
import { settlementWorkflow } from '../../workflows/settlement.workflow';
import { timeSkippingEnv, uniqueTaskQueue } from '../support/temporal';
import { ACTIVITY_DATA_REJECTED } from '../../domain/failures';

type Activities = ReturnType<typeof createSettlementActivities>;

function input(overrides: Partial<SettlementInput> = {}): SettlementInput {
  return {
    settlementId: `stl_test_${randomUUID().slice(0, 8)}`,
    businessDate: '2026-11-21',
    psp: 'stripe',
    timeZone: 'UTC',
    resubmitSeconds: 900,
    maxSubmissions: 3,
    reconciliationTolerance: 0,
    ...overrides,
  };
}

/**
 * Mocks that answer each round of batches from a script and record every call: a page settles
 * one batch of its round and answers the settlement's counts after it, as the database would.
 */
function mocks(rounds: BatchOutcome[][]) {
  const calls: Array<{ name: string; input: any; at: number }> = [];
  // `at` is the workflow time the call was scheduled at (the test server's skipped clock).
  const record = (name: string, value: any) =>
    calls.push({ name, input: value, at: Context.current().info.currentAttemptScheduledTimestampMs });
  const counts = { batches: rounds[0]!.length, submitted: 0, accepted: 0, rejected: 0, retrying: 0 };
  const pagesDone = new Map<number, number>();
  const activities: Partial<Activities> = {
    voidExpiredHoldsConcurrently: async (i) => (record('voidExpiredHolds', i), 2),
    prepareSettlementRun: async (i) => (record('prepareSettlement', i), { batches: rounds[0]!.length, items: 5 }),
    settleRoundPage: async (i) => {
      record('settleRoundPage', i);
      const page = pagesDone.get(i.round) ?? 0;
      pagesDone.set(i.round, page + 1);
      const outcomes = rounds[i.round - 1]!;
      const outcome = outcomes[page]!;
      // The round's items waiting to be sent again were made pending by batchRetries.
      if (page === 0) counts.retrying = 0;
      counts.submitted++;
      counts.accepted += outcome.accepted;
      counts.rejected += outcome.rejected;
      counts.retrying += outcome.retrying;
      return {
        done: page === outcomes.length - 1,
        noticesSkipped: 1,
        batches: { total: counts.batches, submitted: counts.submitted },
        items: { total: 5, accepted: counts.accepted, rejected: counts.rejected, retrying: counts.retrying },
      };
    },
    batchRetriesCounted: async (i) => {
      record('batchRetries', i);
      counts.batches += rounds[i.round - 1]!.length;
      return rounds[i.round - 1]!.length;
    },
    setSettlementStatus: async (i) => void record('setSettlementStatus', i),
    checkMerchantBalances: async (i) => (record('checkMerchantBalances', i), 0),
  };
  return { calls, activities };
}

async function run<T>(activities: Partial<Activities>, body: (taskQueue: string) => Promise<T>): Promise<T> {
  const env = await timeSkippingEnv();
  const taskQueue = uniqueTaskQueue('settlement-workflow');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowsPath: require.resolve('./fixtures/settlement-workflows'),
    activities,
  });
  return worker.runUntil(body(taskQueue));
}

describe('settlement workflow (time-skipping, mocked activities)', function () {
  this.timeout(60_000);
  before(() => timeSkippingEnv());

  it('voids expired holds, prepares, settles the round page by page, then reconciles and checks balances, in that order', async () => {
    const m = mocks([
      [
        { accepted: 3, rejected: 0, retrying: 0 },
        { accepted: 2, rejected: 0, retrying: 0 },
      ],
    ]);
    const env = await timeSkippingEnv();
    const result = await run(m.activities, async (taskQueue) => {
      const handle = await env.client.workflow.start(settlementWorkflow, {
        taskQueue,
        workflowId: `settlement-test-${randomUUID()}`,
        args: [input()],
      });
      const prepared = await handle.executeUpdate(preparedUpdate);
      assert.deepEqual(prepared.batches.total, 2);
      assert.equal(prepared.items.total, 5);
      return handle.result();
    });
    assert.deepEqual(
      m.calls.map((c) => (c.name === 'setSettlementStatus' ? `status:${c.input.status}` : c.name)),
      [
        'voidExpiredHolds',
        'prepareSettlement',
        'settleRoundPage',
        'settleRoundPage',
        'status:submitted',
        'checkMerchantBalances',
        'status:reconciled',
      ],
    );
    assert.equal(result.phase, 'done');
    assert.equal(result.expiredHoldsVoided, 2);
    assert.deepEqual(result.items, { total: 5, accepted: 5, rejected: 0, retrying: 0 });
    assert.deepEqual(result.batches, { total: 2, submitted: 2 });
    assert.equal(result.settledNoticesSkipped, 2, 'summed over the pages');
    assert.match(result.reconciliationRunId ?? '', /^rec_/);
  });

  it('waits the resubmit interval, then sends only the retried items in a new round, until none is left', async () => {
    const m = mocks([
      [{ accepted: 1, rejected: 1, retrying: 2 }],
      [{ accepted: 1, rejected: 0, retrying: 1 }],
      [{ accepted: 0, rejected: 1, retrying: 0 }],
    ]);
    const env = await timeSkippingEnv();
    const result = await run(m.activities, async (taskQueue) => {
      const handle = await env.client.workflow.start(settlementWorkflow, {
        taskQueue,
        workflowId: `settlement-test-${randomUUID()}`,
        args: [input({ resubmitSeconds: 900 })],
      });
      const done = await handle.result();
      const progress = await handle.query(settlementProgressQuery);
      assert.equal(progress.phase, 'done');
      return done;
    });
    assert.deepEqual(
      m.calls.filter((c) => c.name === 'batchRetries').map((c) => c.input.round),
      [2, 3],
    );
    const submits = m.calls.filter((c) => c.name === 'settleRoundPage').map((c) => c.at);
    assert.ok(submits[1]! - submits[0]! >= 900_000 && submits[2]! - submits[1]! >= 900_000, 'each round waits the interval');
    assert.deepEqual(result.items, { total: 5, accepted: 2, rejected: 2, retrying: 0 });
    assert.equal(result.round, 3);
    assert.equal(result.batches.total, 3);
  });

  it('a reconciliation that fails leaves the settlement submitted, its money posted, and still checks balances', async () => {
    const m = mocks([[{ accepted: 2, rejected: 0, retrying: 0 }]]);
    const env = await timeSkippingEnv();
    const result = await run(m.activities, async (taskQueue) =>
      env.client.workflow.execute(settlementWorkflow, {
        taskQueue,
        workflowId: `settlement-test-${randomUUID()}`,
        args: [input({ reconciliationTolerance: -1 })],
      }),
    );
    assert.equal(result.reconciliationRunId, undefined);
    assert.deepEqual(
      m.calls.filter((c) => c.name === 'setSettlementStatus').map((c) => c.input.status),
      ['submitted'],
    );
    assert.equal(m.calls.filter((c) => c.name === 'checkMerchantBalances').length, 1);
    assert.equal(m.calls.filter((c) => c.name === 'settleRoundPage').length, 1);
  });

  it('a page of postings the database refuses waits for a person, is only retried, and then completes', async () => {
    const m = mocks([[{ accepted: 2, rejected: 0, retrying: 0 }]]);
    const raised: Array<{ subject?: string; context: Record<string, unknown> }> = [];
    let refusing = true;
    let wasRaised!: () => void;
    const firstRaise = new Promise<void>((resolve) => (wasRaised = resolve));
    const activities = {
      ...m.activities,
      settleRoundPage: async (i: Parameters<Activities['settleRoundPage']>[0]) => {
        if (refusing) {
          m.calls.push({ name: 'settleRoundPage', input: i, at: 0 });
          throw ApplicationFailure.create({ type: ACTIVITY_DATA_REJECTED, message: 'SQLSTATE 23514', details: [{ sqlstate: '23514' }] });
        }
        return m.activities.settleRoundPage!(i);
      },
      raiseException: async (exception: (typeof raised)[number]) => {
        raised.push(exception);
        wasRaised();
        return 'exc_1';
      },
    };
    const env = await timeSkippingEnv();
    const workflowId = `settlement-test-${randomUUID()}`;
    const result = await run(activities as Partial<Activities>, async (taskQueue) => {
      const handle = await env.client.workflow.start(settlementWorkflow, { taskQueue, workflowId, args: [input()] });
      await firstRaise;
      const subject = activityFailedSubject(workflowId, 'settleRoundPage:1:1');
      await handle.signal(activityFailedSignal, { subject, action: 'fail', by: 'key_finance' });
      const waiting = await handle.query(settlementProgressQuery);
      assert.equal(waiting.phase, 'submitting', 'answers its progress while it waits');
      refusing = false;
      await handle.signal(activityFailedSignal, { subject, action: 'retry', by: 'key_finance' });
      return handle.result();
    });
    assert.equal(raised.length, 1);
    assert.equal(raised[0]!.subject, `${workflowId}/settleRoundPage:1:1`);
    assert.deepEqual(raised[0]!.context.actions, ['retry'], 'money the acquirer accepted is never given up');
    assert.equal(m.calls.filter((c) => c.name === 'settleRoundPage').length, 2);
    assert.deepEqual(result.items, { total: 5, accepted: 2, rejected: 0, retrying: 0 });
  });
});
