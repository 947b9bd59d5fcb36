// The reconciliation workflow on the time-skipping test server, with its activities mocked by
// a small in-memory stand-in for the database: what a run asks to be fixed, raised and
// cleared, that a retried fix carries the same request, that a fix which fails goes to a
// person instead of failing the run, and that a second run fixes nothing twice.
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { createReconciliationActivities } from '../../activities/reconciliation/activities';
import { ACTIVITY_DATA_REJECTED } from '../../domain/activity-failures';
import type { AutoFix } from '../../domain/reconciliation/findings';
import type { KnownPayment, OurRecord } from '../../domain/reconciliation/records';
import type { ReportLine } from '../../domain/reconciliation/types';
import { workflowBundle } from '../../workers/workflow-bundle';
import { reconciliationWorkflowId, type ReconciliationInput } from '../../workflows/reconciliation.contract';
import { reconciliationWorkflow } from '../../workflows/reconciliation.workflow';
import { timeSkippingEnv, uniqueTaskQueue } from '../support/temporal';

type Activities = ReturnType<typeof createReconciliationActivities>;
type Input<K extends keyof Activities> = Parameters<Activities[K]>[0];

const DATE = '2026-11-21';

function line(fields: Partial<ReportLine> & Pick<ReportLine, 'lineId' | 'paymentReference'>): ReportLine {
  return { kind: 'capture', amount: 1000, fee: 30, currency: 'usd', createdAt: `${DATE}T10:00:00.000Z`, ...fields };
}

function record(paymentId: string, paymentReference: string, amount = 1000): OurRecord {
  return {
    ledgerTransactionId: `ltx_${paymentId}`,
    kind: 'capture',
    paymentId,
    merchantId: 'mer_1',
    paymentReference,
    amount,
    currency: 'usd',
    paymentStatus: 'captured',
  };
}

function payment(paymentId: string, pspReference: string, status: KnownPayment['status']): KnownPayment {
  return { paymentId, merchantId: 'mer_1', psp: 'stripe', status, pspReference, amount: 1000, currency: 'usd' };
}

/**
 * A day at Stripe: one capture that agrees, one a minor unit off (within tolerance), one
 * settled for a payment still `processing`, one charge nobody knows, one payout; and one
 * capture of ours the report does not show.
 */
const REPORT: ReportLine[] = [
  line({ lineId: 'txn_ok', paymentReference: 'pi_ok' }),
  line({ lineId: 'txn_small', paymentReference: 'pi_small', amount: 1001 }),
  line({ lineId: 'txn_processing', paymentReference: 'pi_processing' }),
  line({ lineId: 'txn_stranger', paymentReference: 'pi_stranger', amount: 2500 }),
  line({ lineId: 'txn_payout', paymentReference: '', kind: 'other', amount: 9000 }),
];

/** The database as the activities would see it: what fixes and exceptions were recorded. */
class FakeStore {
  readonly calls: Array<{ name: keyof Activities; input: unknown }> = [];
  readonly audit = new Set<string>();
  readonly refunded = new Set<string>();
  readonly exceptions = new Map<string, { status: 'open' | 'resolved'; category: 2 | 3; businessDate: string }>();
  readonly runs = new Map<string, unknown>();
  /** Fails the first N attempts of applyReconciliationFix for a kind. */
  readonly failFix = new Map<AutoFix['kind'], { times: number; error: () => Error }>();
  /** Set: the report cannot be fetched, with this error. */
  reportError?: () => Error;

  constructor(private readonly report: ReportLine[] = REPORT) {}

  inputsOf<K extends keyof Activities>(name: K): Input<K>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input as Input<K>);
  }

  activities(): Activities {
    const log = <K extends keyof Activities>(name: K, input: Input<K>) => this.calls.push({ name, input });
    return {
      beginReconciliationRun: async (input) => {
        log('beginReconciliationRun', input);
        this.runs.set(input.runId, 'running');
      },
      fetchReconciliationReport: async (input) => {
        log('fetchReconciliationReport', input);
        if (this.reportError) throw this.reportError();
        return this.report;
      },
      loadReconciliationRecords: async (input) => {
        log('loadReconciliationRecords', input);
        return {
          records: [record('pay_ok', 'pi_ok'), record('pay_small', 'pi_small'), record('pay_missing', 'pi_missing')],
          elsewhere: [],
          payments: [
            payment('pay_ok', 'pi_ok', 'captured'),
            payment('pay_small', 'pi_small', 'captured'),
            payment('pay_processing', 'pi_processing', 'processing'),
          ],
          autoRefunded: input.pspReferences.filter((ref) => this.refunded.has(ref)),
        };
      },
      applyReconciliationFix: async (input) => {
        log('applyReconciliationFix', input);
        const failure = this.failFix.get(input.fix.kind);
        if (failure && failure.times > 0) {
          failure.times--;
          throw failure.error();
        }
        const key = `${input.fix.kind}/${input.fix.subject}`;
        const alreadyApplied = this.audit.has(key);
        this.audit.add(key);
        if (input.fix.kind === 'unmatched_charge') this.refunded.add(input.fix.line.paymentReference);
        return { alreadyApplied };
      },
      raiseReconciliationException: async (input) => {
        log('raiseReconciliationException', input);
        const key = `${input.finding.kind}/${input.finding.subject}`;
        this.exceptions.set(key, { status: 'open', category: input.finding.category === 3 ? 3 : 2, businessDate: input.businessDate });
        return { exceptionId: `exc_${key}`, raised: true };
      },
      clearReconciliationExceptions: async (input) => {
        log('clearReconciliationExceptions', input);
        const found = new Set(input.found.map((f) => `${f.kind}/${f.subject}`));
        let cleared = 0;
        for (const [key, exception] of this.exceptions) {
          if (exception.status === 'open' && exception.businessDate === input.businessDate && !found.has(key)) {
            exception.status = 'resolved';
            cleared++;
          }
        }
        return cleared;
      },
      finishReconciliationRun: async (input) => {
        log('finishReconciliationRun', input);
        this.runs.set(input.runId, input.summary);
      },
      failReconciliationRun: async (input) => {
        log('failReconciliationRun', input);
        this.runs.set(input.runId, `failed: ${input.reason}`);
      },
    };
  }
}


async function runReconciliation(store: FakeStore, input: Partial<ReconciliationInput> = {}) {
  const env = await timeSkippingEnv();
  const taskQueue = uniqueTaskQueue('reconciliation-workflow');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: store.activities(),
  });
  const runId = `rec_${randomUUID().replaceAll('-', '')}`;
  return worker.runUntil(
    env.client.workflow.execute(reconciliationWorkflow, {
      taskQueue,
      workflowId: reconciliationWorkflowId(runId),
      args: [{ runId, businessDate: DATE, psp: 'stripe', timeZone: 'UTC', tolerance: 1, ...input }],
    }),
  );
}

describe('reconciliation workflow (time-skipping, mocked activities)', function () {
  this.timeout(60_000);

  before(async () => {
    await Promise.all([timeSkippingEnv(), workflowBundle()]);
  });

  it('classifies the report, fixes category 1, raises categories 2 and 3, clears, and records the summary', async () => {
    const store = new FakeStore();
    const result = await runReconciliation(store);

    assert.deepEqual(
      store.calls.map((c) => c.name).filter((name, i, all) => all.indexOf(name) === i),
      [
        'beginReconciliationRun',
        'fetchReconciliationReport',
        'loadReconciliationRecords',
        'applyReconciliationFix',
        'raiseReconciliationException',
        'clearReconciliationExceptions',
        'finishReconciliationRun',
      ],
    );
    // Our side is asked for by the report's references only, never the payout's empty one.
    const [load] = store.inputsOf('loadReconciliationRecords');
    assert.deepEqual(load?.pspReferences, ['pi_ok', 'pi_small', 'pi_processing', 'pi_stranger']);

    assert.deepEqual(
      store.inputsOf('applyReconciliationFix').map((i) => `${i.fix.kind}/${i.fix.subject}`).sort(),
      ['settled_while_processing/pi_processing', 'small_difference/pi_small:amount', 'unmatched_charge/pi_stranger'],
    );
    assert.deepEqual(
      store.inputsOf('raiseReconciliationException').map((i) => [i.finding.category, i.finding.kind, i.finding.subject]),
      [[2, 'missing_at_psp', 'pi_missing']],
    );
    assert.deepEqual(result.summary, { reportLines: 5, matched: 1, autoFixed: 3, exceptions: 1, cleared: 0 });
    assert.deepEqual(store.runs.get(result.runId), result.summary);
  });

  it('a fix retried after a transient failure is sent again with the same request, and counted once', async () => {
    const store = new FakeStore();
    store.failFix.set('unmatched_charge', { times: 1, error: () => new Error('connection reset') });
    const result = await runReconciliation(store);

    const attempts = store.inputsOf('applyReconciliationFix').filter((i) => i.fix.kind === 'unmatched_charge');
    assert.equal(attempts.length, 2);
    assert.deepEqual(attempts[0], attempts[1]);
    assert.equal(result.summary.autoFixed, 3);
    assert.equal(result.summary.exceptions, 1);
  });

  it('a fix that fails for good goes to a person as category 2 with its error, and the run completes', async () => {
    const store = new FakeStore();
    store.failFix.set('unmatched_charge', {
      times: 1,
      error: () => ApplicationFailure.create({ type: 'UnmatchedChargeRefundFailed', message: 'charge_disputed', nonRetryable: true }),
    });
    const result = await runReconciliation(store);

    assert.equal(store.inputsOf('applyReconciliationFix').filter((i) => i.fix.kind === 'unmatched_charge').length, 1);
    const escalated = store.inputsOf('raiseReconciliationException').find((i) => i.finding.kind === 'unmatched_charge');
    assert.ok(escalated, 'the failed fix was not raised');
    assert.equal(escalated.finding.subject, 'pi_stranger');
    assert.match('autoFixError' in escalated.finding ? escalated.finding.autoFixError : '', /charge_disputed/);
    assert.equal(store.exceptions.get('unmatched_charge/pi_stranger')?.category, 2);
    assert.deepEqual(result.summary, { reportLines: 5, matched: 1, autoFixed: 2, exceptions: 2, cleared: 0 });
  });

  it('a second run of the same date refunds nothing twice and clears what it no longer finds', async () => {
    const store = new FakeStore();
    await runReconciliation(store);
    // Meanwhile an exception of the date this report no longer shows (raised by an earlier run).
    store.exceptions.set('amount_mismatch/pi_ok', { status: 'open', category: 2, businessDate: DATE });

    const second = await runReconciliation(store);

    const unmatchedFixes = store.inputsOf('applyReconciliationFix').filter((i) => i.fix.kind === 'unmatched_charge');
    assert.equal(unmatchedFixes.length, 1, 'the unknown charge was refunded again');
    // The refunded charge now counts as matched; the other fixes are asked again and find themselves done.
    assert.deepEqual(second.summary, { reportLines: 5, matched: 2, autoFixed: 2, exceptions: 1, cleared: 1 });
    assert.equal(store.exceptions.get('amount_mismatch/pi_ok')?.status, 'resolved');
    assert.equal(store.exceptions.get('missing_at_psp/pi_missing')?.status, 'open');
  });

  it('a report the PSP refuses fails the run, and its row says why instead of running for ever', async () => {
    const store = new FakeStore();
    store.reportError = () => ApplicationFailure.create({ type: 'PspRequestRejected', message: 'report not found (404)', nonRetryable: true });

    await assert.rejects(runReconciliation(store));

    assert.deepEqual([...store.runs.values()], ['failed: report not found (404)']);
    assert.equal(store.inputsOf('loadReconciliationRecords').length, 0, 'nothing matched against a missing report');
  });

  it('a write the database refuses for good fails the run at once, and its row says why, instead of retrying for ever', async () => {
    const store = new FakeStore();
    const activities = store.activities();
    const refusing: Activities = {
      ...activities,
      raiseReconciliationException: async () => {
        // As the activities' database layer classifies it: retryable unless the workflow says otherwise.
        throw ApplicationFailure.create({ type: ACTIVITY_DATA_REJECTED, message: 'SQLSTATE 22021: invalid byte sequence', details: [{ sqlstate: '22021' }] });
      },
    };
    const failed = await runReconciliation(Object.assign(store, { activities: () => refusing })).then(
      () => assert.fail('expected the run to fail'),
      (error: unknown) => error,
    );

    assert.ok(failed instanceof Error);
    assert.deepEqual([...store.runs.values()], ['failed: SQLSTATE 22021: invalid byte sequence']);
    assert.equal(store.inputsOf('finishReconciliationRun').length, 0);
  });
});
