// The reconciliation workflow on the time-skipping test server, with its activities mocked by
// a small in-memory stand-in for the database: what a run asks to be fixed, raised and
// cleared, that a retried fix carries the same request, that a fix which fails goes to a
// person instead of failing the run, and that a second run fixes nothing twice. A run keeps
// its report and findings in the database (reconciliation-in-activities): the stand-in keeps
// them per run too, and its paged steps go through the same per-finding steps as before, which
// are what the tests look at.
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { createReconciliationActivities } from '../../activities/reconciliation/activities';
import { classify } from '../../domain/reconciliation/classify';
import { type AutoFix, type Finding, isAutoFix } from '../../domain/reconciliation/findings';
import type { KnownPayment, OurRecord } from '../../domain/reconciliation/records';
import type { ReportLine } from '../../domain/reconciliation/types';
import { workflowBundle } from '../../workers/workflow-bundle';
import { reconciliationWorkflowId, type ReconciliationInput } from '../../contracts/reconciliation.contract';
import { reconciliationWorkflow } from '../../workflows/reconciliation.workflow';
import { timeSkippingEnv, uniqueTaskQueue } from '../support/temporal';
import { ACTIVITY_DATA_REJECTED } from '../../domain/failures';

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

  /** Per run: the report's lines, and each finding with where its handling stands. */
  private readonly lines = new Map<string, ReportLine[]>();
  private readonly findings = new Map<
    string,
    Array<{ finding: Finding; state: 'open' | 'fixed' | 'escalated' | 'raised'; error?: string }>
  >();
  private readonly classified = new Map<string, { reportLines: number; matched: number; explainedElsewhere: string[] }>();

  activities(): Activities {
    const steps = this.steps();
    const findingsOf = (runId: string) => this.findings.get(runId) ?? [];
    return {
      ...steps,
      loadReconciliationReport: async (input) => {
        const lines = await steps.fetchReconciliationReport(input);
        this.lines.set(input.runId, lines);
        return { lines: lines.length };
      },
      classifyReconciliation: async (input) => {
        const lines = this.lines.get(input.runId) ?? [];
        const matchable = lines.filter((l) => l.kind !== 'other');
        const ourSide = await steps.loadReconciliationRecords({
          psp: input.psp,
          businessDate: input.businessDate,
          timeZone: input.timeZone,
          pspReferences: [...new Set(matchable.map((l) => l.paymentReference))],
          paymentIds: [...new Set(matchable.flatMap((l) => (l.merchantReference ? [l.merchantReference] : [])))],
        });
        const { findings, matched, explainedElsewhere } = classify({ psp: input.psp, tolerance: input.tolerance, lines, ...ourSide });
        this.findings.set(
          input.runId,
          findings.map((finding) => ({ finding, state: 'open' as const })),
        );
        this.classified.set(input.runId, { reportLines: lines.length, matched, explainedElsewhere });
        const autoFixes = findings.filter(isAutoFix).length;
        return { reportLines: lines.length, matched, autoFixes, exceptionFindings: findings.length - autoFixes };
      },
      nextReconciliationFixes: async ({ runId, afterSeq, limit }) =>
        findingsOf(runId)
          .map((f, seq) => ({ ...f, seq }))
          .filter((f) => f.seq > afterSeq && f.finding.category === 1 && f.state === 'open')
          .slice(0, limit)
          .map((f) => f.seq),
      applyReconciliationFixOf: async ({ seq, ...scope }) => {
        const row = findingsOf(scope.runId)[seq]!;
        await steps.applyReconciliationFix({ ...scope, fix: row.finding as AutoFix });
        row.state = 'fixed';
      },
      escalateReconciliationFix: async ({ runId, seq, error }) => {
        Object.assign(findingsOf(runId)[seq]!, { state: 'escalated', error });
      },
      raiseReconciliationFindings: async (scope) => {
        let raised = 0;
        for (const row of findingsOf(scope.runId)) {
          if (!(row.state === 'escalated' || (row.finding.category !== 1 && row.state === 'open'))) continue;
          const finding =
            row.state === 'escalated' ? { ...(row.finding as AutoFix), autoFixError: row.error ?? '' } : (row.finding as never);
          if ((await steps.raiseReconciliationException({ ...scope, finding })).raised) raised++;
          row.state = 'raised';
        }
        return raised;
      },
      clearReconciliationExceptionsOfRun: (scope) =>
        steps.clearReconciliationExceptions({
          ...scope,
          found: findingsOf(scope.runId)
            .filter((f) => f.state === 'raised')
            .map((f) => ({ kind: f.finding.kind, subject: f.finding.subject })),
          explainedElsewhere: this.classified.get(scope.runId)?.explainedElsewhere ?? [],
        }),
      finishReconciliationRunOf: async ({ runId, cleared }) => {
        const rows = findingsOf(runId);
        const summary = {
          reportLines: this.classified.get(runId)!.reportLines,
          matched: this.classified.get(runId)!.matched,
          autoFixed: rows.filter((f) => f.state === 'fixed').length,
          exceptions: rows.filter((f) => f.state === 'raised').length,
          cleared,
        };
        await steps.finishReconciliationRun({ runId, summary });
        return summary;
      },
    };
  }

  /** The per-finding steps, logged: what the tests look at, whichever way the workflow pages through them. */
  private steps() {
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
    } satisfies Partial<Activities>;
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
      store
        .inputsOf('applyReconciliationFix')
        .map((i) => `${i.fix.kind}/${i.fix.subject}`)
        .sort(),
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
    store.reportError = () =>
      ApplicationFailure.create({ type: 'PspRequestRejected', message: 'report not found (404)', nonRetryable: true });

    await assert.rejects(runReconciliation(store));

    assert.deepEqual([...store.runs.values()], ['failed: report not found (404)']);
    assert.equal(store.inputsOf('loadReconciliationRecords').length, 0, 'nothing matched against a missing report');
  });

  it('a write the database refuses for good fails the run at once, and its row says why, instead of retrying for ever', async () => {
    const store = new FakeStore();
    const activities = store.activities();
    // As the activities' database layer classifies it: retryable unless the workflow says otherwise.
    const refused = () =>
      ApplicationFailure.create({
        type: ACTIVITY_DATA_REJECTED,
        message: 'SQLSTATE 22021: invalid byte sequence',
        details: [{ sqlstate: '22021' }],
      });
    const refusing: Activities = {
      ...activities,
      raiseReconciliationFindings: async () => {
        throw refused();
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
