// One reconciliation run: a PSP's settlement report for one business date against the ledger
// and the payments. The report is fetched, kept with the run and matched (pure `classify`) by
// activities; the findings stay in the database and the workflow passes their seq numbers and
// counts, so a busy day's report never enters the history. Category-1 findings are fixed,
// categories 2 and 3 put on the exceptions list, and the date's exceptions this run no longer
// finds are cleared. Every write is keyed, so a retried step or a second run of the same date
// repeats nothing. Runs started before 2026-12 matched in the workflow (`matchAndRecord`).
import {
  ActivityFailure,
  type ActivityOptions,
  ApplicationFailure,
  isCancellation,
  patched,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { createReconciliationActivities, EscalatedFix } from '../activities/reconciliation/activities';
import {
  ACTIVITY_DATA_REJECTED,
  INVALID_POSTING,
  PAYMENT_WORKFLOW_NOT_RUNNING,
  POSTING_KEY_CONFLICT,
  PSP_NOT_CONFIGURED,
  PSP_NOT_REACHED,
  PSP_REQUEST_REJECTED,
  UNMATCHED_CHARGE_REFUND_FAILED,
} from '../domain/failures';
import { classify } from '../domain/reconciliation/classify';
import { type ExceptionFinding, isAutoFix } from '../domain/reconciliation/findings';
import type { ReconciliationSummary } from '../domain/reconciliation/types';
import type { ReconciliationInput, ReconciliationResult } from '../contracts/reconciliation.contract';

/**
 * A report download can be large and the PSP slow; a few spaced retries ride out an outage.
 * A refused request (no report for the date, bad credentials) fails the run at once.
 */
const reportFetch = {
  startToCloseTimeout: '5m',
  retry: {
    initialInterval: '10s',
    backoffCoefficient: 2,
    maximumInterval: '2m',
    maximumAttempts: 5,
    nonRetryableErrorTypes: [PSP_REQUEST_REJECTED, PSP_NOT_CONFIGURED],
  },
} satisfies ActivityOptions;

/**
 * Database reads and keyed writes: idempotent, so retried without limit, like ledger writes —
 * except a write the database refuses for good, which fails the run where finance sees it
 * (a run moves no money and can be run again once the cause is fixed).
 */
const bookkeepingCall = {
  startToCloseTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m', nonRetryableErrorTypes: [ACTIVITY_DATA_REJECTED] },
} satisfies ActivityOptions;

/**
 * Fixes move money (a refund at the PSP, ledger postings): bounded retries, each with the
 * same keys. One that still fails goes to a person instead of failing the run.
 */
const autoFixCall = {
  startToCloseTimeout: '1m',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '1m',
    maximumAttempts: 6,
    nonRetryableErrorTypes: [
      PSP_REQUEST_REJECTED,
      PSP_NOT_REACHED,
      PSP_NOT_CONFIGURED,
      UNMATCHED_CHARGE_REFUND_FAILED,
      PAYMENT_WORKFLOW_NOT_RUNNING,
      INVALID_POSTING,
      POSTING_KEY_CONFLICT,
    ],
  },
} satisfies ActivityOptions;

/** Findings handled at once: bounded, so a bad day neither floods the PSP nor the history. */
const PARALLEL_FINDINGS = 10;

type Activities = ReturnType<typeof createReconciliationActivities>;
const { fetchReconciliationReport } = proxyActivities<Activities>(reportFetch);
const bookkeeping = proxyActivities<Activities>(bookkeepingCall);
const { applyReconciliationFix, applyReconciliationFixOf } = proxyActivities<Activities>(autoFixCall);

/**
 * Steps over a whole day's report or findings (matching, raising): as idempotent as
 * bookkeeping, alive as long as they heartbeat (raising) or within their timeout.
 */
const wholeDayCall = {
  startToCloseTimeout: '10m',
  heartbeatTimeout: '2m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m', nonRetryableErrorTypes: [ACTIVITY_DATA_REJECTED] },
} satisfies ActivityOptions;
const wholeDay = proxyActivities<Activities>(wholeDayCall);
/** A report download, kept with the run: as reportFetch, with room for a busy day's pages. */
const { loadReconciliationReport } = proxyActivities<Activities>({ ...reportFetch, startToCloseTimeout: '10m' });

const IN_ACTIVITIES = 'reconciliation-in-activities';

export async function reconciliationWorkflow(input: ReconciliationInput): Promise<ReconciliationResult> {
  const { runId, psp, businessDate, timeZone } = input;
  const scope = { runId, psp, businessDate };
  await bookkeeping.beginReconciliationRun({ ...scope, workflowId: workflowInfo().workflowId });
  if (patched(IN_ACTIVITIES)) return inActivities(scope, input);

  let lines;
  try {
    lines = await fetchReconciliationReport({ ...scope, timeZone });
  } catch (error) {
    // The run's row says so too, so a list of runs does not show it running for ever.
    if (error instanceof ActivityFailure) {
      await bookkeeping.failReconciliationRun({ runId, reason: (error.cause ?? error).message });
    }
    throw error;
  }
  try {
    return await matchAndRecord(scope, input, lines);
  } catch (error) {
    const cause = error instanceof ActivityFailure ? error.cause : undefined;
    const refused = cause instanceof ApplicationFailure && cause.type === ACTIVITY_DATA_REJECTED;
    if (refused && patched('reconciliation-fails-on-refused-data')) {
      await bookkeeping.failReconciliationRun({ runId, reason: cause.message });
    }
    throw error;
  }
}

/** Fails the run's row where finance sees it when `step` failed for a reason no retry can change; rethrows. */
async function failingTheRun<T>(runId: string, step: () => Promise<T>, when: (error: unknown) => string | undefined): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const reason = when(error);
    if (reason !== undefined) await bookkeeping.failReconciliationRun({ runId, reason });
    throw error;
  }
}

function refusedData(error: unknown): string | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  return cause instanceof ApplicationFailure && cause.type === ACTIVITY_DATA_REJECTED ? cause.message : undefined;
}

async function inActivities(
  scope: { runId: string; psp: ReconciliationInput['psp']; businessDate: string },
  { timeZone, tolerance }: ReconciliationInput,
): Promise<ReconciliationResult> {
  const { runId } = scope;
  await failingTheRun(
    runId,
    () => loadReconciliationReport({ ...scope, timeZone }),
    (error) => (error instanceof ActivityFailure ? (error.cause ?? error).message : undefined),
  );
  return failingTheRun(
    runId,
    async () => {
      await wholeDay.classifyReconciliation({ ...scope, timeZone, tolerance });
      // Fixed by this run or found fixed by an earlier one: either way, nothing left to do. A
      // fix that still fails goes to a person with the exceptions below.
      for (let afterSeq = -1; ;) {
        const seqs = await bookkeeping.nextReconciliationFixes({ runId, afterSeq, limit: PARALLEL_FINDINGS });
        if (seqs.length === 0) break;
        await Promise.all(
          seqs.map(async (seq) => {
            try {
              await applyReconciliationFixOf({ ...scope, seq });
            } catch (error) {
              if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
              await bookkeeping.escalateReconciliationFix({ runId, seq, error: (error.cause ?? error).message });
            }
          }),
        );
        afterSeq = seqs.at(-1)!;
      }
      await wholeDay.raiseReconciliationFindings(scope);
      const cleared = await bookkeeping.clearReconciliationExceptionsOfRun(scope);
      const summary = await bookkeeping.finishReconciliationRunOf({ runId, cleared });
      return { runId, summary };
    },
    refusedData,
  );
}

async function matchAndRecord(
  scope: { runId: string; psp: ReconciliationInput['psp']; businessDate: string },
  { timeZone, tolerance }: ReconciliationInput,
  lines: Awaited<ReturnType<Activities['fetchReconciliationReport']>>,
): Promise<ReconciliationResult> {
  const { runId, psp, businessDate } = scope;
  const matchable = lines.filter((line) => line.kind !== 'other');
  const ourSide = await bookkeeping.loadReconciliationRecords({
    psp,
    businessDate,
    timeZone,
    pspReferences: unique(matchable.map((line) => line.paymentReference)),
    paymentIds: unique(matchable.flatMap((line) => (line.merchantReference ? [line.merchantReference] : []))),
  });
  const { findings, matched, explainedElsewhere } = classify({ psp, tolerance, lines, ...ourSide });

  const toRaise: Array<ExceptionFinding | EscalatedFix> = findings.filter((f): f is ExceptionFinding => !isAutoFix(f));
  // Fixed by this run or found fixed by an earlier one: either way, nothing left to do.
  let autoFixed = 0;
  await inBatches(findings.filter(isAutoFix), async (fix) => {
    try {
      await applyReconciliationFix({ ...scope, fix });
      autoFixed++;
    } catch (error) {
      if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
      toRaise.push({ ...fix, autoFixError: (error.cause ?? error).message });
    }
  });
  let exceptions = 0;
  await inBatches(toRaise, async (finding) => {
    const { raised } = await bookkeeping.raiseReconciliationException({ ...scope, finding });
    if (raised) exceptions++;
  });
  const cleared = await bookkeeping.clearReconciliationExceptions({
    ...scope,
    found: toRaise.map(({ kind, subject }) => ({ kind, subject })),
    explainedElsewhere,
  });

  const summary: ReconciliationSummary = { reportLines: lines.length, matched, autoFixed, exceptions, cleared };
  await bookkeeping.finishReconciliationRun({ runId, summary });
  return { runId, summary };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

async function inBatches<T>(items: T[], handle: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL_FINDINGS) {
    await Promise.all(items.slice(i, i + PARALLEL_FINDINGS).map(handle));
  }
}
