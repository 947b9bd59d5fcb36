// The reconciliation workflow's side effects. Each takes and returns ids and normalized
// report lines, never a PSP's raw payload (that goes straight into the run's row, sealed), so the
// workflow's history stays small.
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Database } from '../../db/client';
import { sealRawReport } from '../../db/sealed/reconciliation-report';
import { subjectsWithAction } from '../../db/queries/audit';
import { type ExceptionRow, raiseException, resolveException } from '../../db/queries/exceptions';
import {
  beginRun,
  completeRun,
  failRun,
  findExceptionBySubject,
  openExceptionsOf,
  paymentsNamed,
  recordsBookedBetween,
  recordsOfPaymentsOutside,
  saveRawReport,
} from '../../db/queries/reconciliation';
import {
  classificationOf,
  countFindings,
  deleteReportLines,
  findingOf,
  findingsToRaise,
  foundForExceptions,
  openAutoFixes,
  reportLinesOf,
  saveClassification,
  saveReportLines,
  setFindingState,
} from '../../db/queries/reconciliation-work';
import { classify } from '../../domain/reconciliation/classify';
import type { PspName } from '../../domain/psp';
import {
  type AutoFix,
  type Difference,
  type ExceptionFinding,
  type FindingKind,
  isAutoFix,
  RECONCILIATION_EXCEPTION_KINDS,
} from '../../domain/reconciliation/findings';
import type { KnownPayment, OurRecord, OurSide } from '../../domain/reconciliation/records';
import type { ReconciliationSummary, ReportLine } from '../../domain/reconciliation/types';
import type { Keyring } from '../../keyring/keyring';
import { dayBounds } from '../../domain/settlement/business-date';
import { createLedgerActivities } from '../ledger';
import { createPspActivities } from '../psp-activities';
import { gatewayFor, pspRequestRejected } from '../psp-failures';
import { type PspGateway, PspRequestError } from '../../domain/psp-gateway';
import { applyFix, FIX_AUDIT_ACTIONS, FIX_SUBJECT_TYPE, type FixRequest } from './apply-fix';

/** What a run writes as `resolution.by` when it clears an exception it no longer finds. */
export const RESOLVED_BY_RECONCILIATION = 'reconciliation';

/** Which PSP's report for which business date. */
export interface RunScope {
  runId: string;
  psp: PspName;
  businessDate: string;
}

export function createReconciliationActivities({
  db,
  psps,
  client,
  keyring,
}: {
  db: Database;
  psps: Partial<Record<PspName, PspGateway>>;
  /** Signals payment workflows (a payment the PSP settled while we still waited on it). */
  client: Client;
  /** Seals the report kept in the run's row. */
  keyring: Keyring;
}) {
  const { postLedgerTransaction } = createLedgerActivities({ db });
  const { refundPayment } = createPspActivities({ psps });

  /** Fetches the date's report and keeps it as served in the run's row; answers its lines. */
  async function fetchReport(run: RunScope & { timeZone: string }): Promise<ReportLine[]> {
    const gateway = gatewayFor(psps, run.psp);
    let report: { raw: string; lines: ReportLine[] };
    try {
      report = await gateway.fetchSettlementReport(dayBounds(run.businessDate, run.timeZone));
    } catch (error) {
      if (!(error instanceof PspRequestError)) throw error;
      throw pspRequestRejected(error);
    }
    await saveRawReport(db, run.runId, sealRawReport(keyring, report.raw));
    return report.lines;
  }

  /**
   * Read in slices of IDS_PER_QUERY references: a busy day's report names 100,000 payments,
   * more than one statement may carry as parameters (65,535) and more than the query builder
   * nests (it overflowed the stack at 100,000, found by bench:settlement).
   */
  async function loadOurSide(query: {
    psp: PspName;
    businessDate: string;
    timeZone: string;
    pspReferences: string[];
    paymentIds: string[];
  }): Promise<OurSide> {
    const { start, end } = dayBounds(query.businessDate, query.timeZone);
    const records = await recordsBookedBetween(db, { psp: query.psp, start, end });
    const byId = new Map<string, KnownPayment>();
    const autoRefunded: string[] = [];
    for (const pspReferences of slices(query.pspReferences)) {
      for (const payment of await paymentsNamed(db, { psp: query.psp, pspReferences, paymentIds: [] }))
        byId.set(payment.paymentId, payment);
      const refunded = { action: FIX_AUDIT_ACTIONS.unmatched_charge, subjectType: FIX_SUBJECT_TYPE, subjectIds: pspReferences };
      autoRefunded.push(...(await subjectsWithAction(db, refunded)));
    }
    for (const paymentIds of slices(query.paymentIds)) {
      for (const payment of await paymentsNamed(db, { psp: query.psp, pspReferences: [], paymentIds }))
        byId.set(payment.paymentId, payment);
    }
    const payments = [...byId.values()];
    const elsewhere: OurRecord[] = [];
    for (const paymentIds of slices(payments.map((p) => p.paymentId))) {
      elsewhere.push(...(await recordsOfPaymentsOutside(db, { psp: query.psp, paymentIds, start, end })));
    }
    return { records, elsewhere, payments, autoRefunded };
  }

  /** Raises a finding unless a person already decided this very one; see raiseReconciliationException. */
  async function raiseFinding(
    request: RunScope & { finding: ExceptionFinding | EscalatedFix },
  ): Promise<{ exceptionId: string; raised: boolean }> {
    const { finding, runId, psp, businessDate } = request;
    const record = 'record' in finding ? finding.record : undefined;
    const payment = 'payment' in finding ? finding.payment : undefined;
    const merchantId = record?.merchantId ?? payment?.merchantId;
    const paymentId = record?.paymentId ?? payment?.paymentId;
    const context = {
      runId,
      ...('difference' in finding ? { difference: finding.difference } : {}),
      ...('reason' in finding ? { reason: finding.reason } : {}),
      ...('line' in finding ? { reportLine: finding.line } : {}),
      ...('lines' in finding ? { reportLines: finding.lines } : {}),
      ...(record ? { ourRecord: record } : {}),
      ...(payment ? { payment } : {}),
      ...('autoFixError' in finding ? { autoFixError: finding.autoFixError } : {}),
    };
    const existing = await findExceptionBySubject(db, finding.kind, finding.subject);
    if (existing && decidedByPerson(existing) && sameFinding(existing.context, context)) {
      return { exceptionId: existing.id, raised: false };
    }
    const exceptionId = await raiseException(db, {
      kind: finding.kind,
      category: finding.category === 3 ? 3 : 2,
      subject: finding.subject,
      psp,
      businessDate,
      ...(merchantId ? { merchantId } : {}),
      ...(paymentId ? { paymentId } : {}),
      context,
    });
    return { exceptionId, raised: true };
  }

  /** Resolves the date's open exceptions a run no longer found; answers how many of the date's it cleared. */
  async function clearStale(
    request: RunScope & { found: Array<{ kind: string; subject: string }>; explainedElsewhere: string[] },
  ): Promise<number> {
    const resolution = { by: RESOLVED_BY_RECONCILIATION, runId: request.runId };
    const found = new Set(request.found.map((f) => `${f.kind}/${f.subject}`));
    const open = await openExceptionsOf(db, { ...request, kinds: RECONCILIATION_EXCEPTION_KINDS });
    const stale = open.filter((row) => !found.has(`${row.kind}/${row.subject}`));
    for (const row of stale) await resolveException(db, { kind: row.kind, subject: row.subject, resolution });
    for (const subject of request.explainedElsewhere) {
      if (!found.has(`missing_at_psp/${subject}`)) await resolveException(db, { kind: 'missing_at_psp', subject, resolution });
    }
    return stale.length;
  }

  return {
    async beginReconciliationRun(run: RunScope & { workflowId: string }): Promise<void> {
      await beginRun(db, { id: run.runId, businessDate: run.businessDate, psp: run.psp, workflowId: run.workflowId });
    },

    /** Fetches the date's report, keeps it as served in the run's row, and returns its lines. */
    fetchReconciliationReport: (run: RunScope & { timeZone: string }): Promise<ReportLine[]> => fetchReport(run),

    /** Our side of the report: the date's bookings, and what the report's references name. */
    loadReconciliationRecords: loadOurSide,

    applyReconciliationFix: (request: FixRequest) => applyFix({ db, client, post: postLedgerTransaction, refund: refundPayment }, request),

    /**
     * Puts a finding on the exceptions list (again, if it was resolved and is found again),
     * unless a person already decided this very finding: an exception they resolved stays
     * resolved while the run finds the same difference, since the report and our records
     * still disagree after, say, an adjustment. `raised: false` then.
     */
    raiseReconciliationException: raiseFinding,

    /**
     * Resolves the date's open reconciliation exceptions this run no longer found, and the
     * `missing_at_psp` of records this report showed on another date. Returns how many of the
     * date's were cleared.
     */
    clearReconciliationExceptions: (
      request: RunScope & { found: Array<{ kind: FindingKind; subject: string }>; explainedElsewhere: string[] },
    ): Promise<number> => clearStale(request),

    // What a run does from here on (reconciliation-in-activities): the report's lines and the
    // findings stay in the database; the workflow passes the run id, seq numbers and counts.

    /** Fetches the report and keeps its lines with the run; answers how many. */
    async loadReconciliationReport(run: RunScope & { timeZone: string }): Promise<{ lines: number }> {
      const lines = await fetchReport(run);
      await saveReportLines(db, run.runId, lines);
      return { lines: lines.length };
    },

    /**
     * Matches the run's lines against our side (the pure `classify`, here rather than in the
     * workflow) and keeps the findings with the run; answers counts.
     */
    async classifyReconciliation(
      run: RunScope & { timeZone: string; tolerance: number },
    ): Promise<{ reportLines: number; matched: number; autoFixes: number; exceptionFindings: number }> {
      const lines = await reportLinesOf(db, run.runId);
      const matchable = lines.filter((line) => line.kind !== 'other');
      const ourSide = await loadOurSide({
        psp: run.psp,
        businessDate: run.businessDate,
        timeZone: run.timeZone,
        pspReferences: [...new Set(matchable.map((line) => line.paymentReference))],
        paymentIds: [...new Set(matchable.flatMap((line) => (line.merchantReference ? [line.merchantReference] : [])))],
      });
      const { findings, matched, explainedElsewhere } = classify({ psp: run.psp, tolerance: run.tolerance, lines, ...ourSide });
      const autoFixes = findings.filter(isAutoFix).length;
      const counts = { reportLines: lines.length, matched, autoFixes, exceptionFindings: findings.length - autoFixes };
      await saveClassification(db, run.runId, findings, { ...counts, explainedElsewhere });
      return counts;
    },

    /** The next category-1 findings to fix, by seq. */
    nextReconciliationFixes: ({ runId, afterSeq, limit }: { runId: string; afterSeq: number; limit: number }): Promise<number[]> =>
      openAutoFixes(db, runId, afterSeq, limit),

    /** Applies the fix of finding `seq` (applyFix: keyed, so a retry or a second run redoes nothing) and marks it fixed. */
    async applyReconciliationFixOf(request: RunScope & { seq: number }): Promise<void> {
      const row = await findingOf(db, request.runId, request.seq);
      if (!row || !isAutoFix(row.finding)) throw new Error(`run ${request.runId} has no automatic fix ${request.seq}`);
      if (row.state === 'fixed') return;
      const fix: AutoFix = row.finding;
      await applyFix({ db, client, post: postLedgerTransaction, refund: refundPayment }, { ...request, fix });
      await setFindingState(db, request.runId, request.seq, 'fixed');
    },

    /** A fix that still failed after its retries goes to a person: raised with the others, as category 2. */
    async escalateReconciliationFix(request: { runId: string; seq: number; error: string }): Promise<void> {
      await setFindingState(db, request.runId, request.seq, 'escalated', request.error);
    },

    /** Puts the run's findings for a person on the exceptions list, page by page, heartbeating; answers how many it raised. */
    async raiseReconciliationFindings(run: RunScope): Promise<number> {
      for (let after = -1; ;) {
        const page = await findingsToRaise(db, run.runId, after, 500);
        if (page.length === 0) break;
        for (const row of page) {
          const finding =
            row.state === 'escalated'
              ? { ...(row.finding as AutoFix), autoFixError: row.fixError ?? '' }
              : (row.finding as ExceptionFinding);
          const { raised } = await raiseFinding({ ...run, finding });
          await setFindingState(db, run.runId, row.seq, raised ? 'raised' : 'kept');
        }
        after = page.at(-1)!.seq;
        Context.current().heartbeat(after);
      }
      return (await countFindings(db, run.runId)).raised;
    },

    /** clearReconciliationExceptions, with what the run found read from its findings. */
    async clearReconciliationExceptionsOfRun(run: RunScope): Promise<number> {
      const classification = await classificationOf(db, run.runId);
      return clearStale({
        ...run,
        found: await foundForExceptions(db, run.runId),
        explainedElsewhere: classification?.explainedElsewhere ?? [],
      });
    },

    /** Writes the run's summary from its counts (and the `cleared` its clearing step answered), and answers it. */
    async finishReconciliationRunOf(run: { runId: string; cleared: number }): Promise<ReconciliationSummary> {
      const classification = await classificationOf(db, run.runId);
      if (!classification) throw new Error(`run ${run.runId} was never classified`);
      const counts = await countFindings(db, run.runId);
      const summary: ReconciliationSummary = {
        reportLines: classification.reportLines,
        matched: classification.matched,
        autoFixed: counts.fixed,
        exceptions: counts.raised,
        cleared: run.cleared,
      };
      await completeRun(db, run.runId, summary);
      await deleteReportLines(db, run.runId);
      return summary;
    },

    async finishReconciliationRun(request: { runId: string; summary: ReconciliationSummary }): Promise<void> {
      await completeRun(db, request.runId, request.summary);
    },

    async failReconciliationRun(request: { runId: string; reason: string }): Promise<void> {
      await failRun(db, request.runId, request.reason);
    },
  };
}

/** References per query where a report's references are looked up. */
const IDS_PER_QUERY = 5_000;

function slices<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += IDS_PER_QUERY) out.push(values.slice(i, i + IDS_PER_QUERY));
  return out;
}

function decidedByPerson(row: ExceptionRow): boolean {
  const resolution = row.resolution as { by?: unknown } | null;
  return row.status === 'resolved' && resolution !== null && resolution.by !== RESOLVED_BY_RECONCILIATION;
}

/**
 * The same difference (or none) for the same reason: what a person's decision was about.
 * Field by field, since Postgres hands jsonb back with its keys in its own order.
 */
function sameFinding(stored: unknown, found: { difference?: Difference; reason?: string }): boolean {
  const before = (stored ?? {}) as { difference?: Partial<Difference>; reason?: string };
  const [a, b] = [before.difference, found.difference];
  const sameDifference = a === undefined || b === undefined ? a === b : a.amount === b.amount && a.currency === b.currency && a.of === b.of;
  return sameDifference && before.reason === found.reason;
}

/** A category-1 finding whose fix failed: raised for a person, as category 2. */
export type EscalatedFix = FixRequest['fix'] & { autoFixError: string };
