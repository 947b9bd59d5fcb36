// The reconciliation workflow's side effects. Each takes and returns ids and normalized
// report lines, never a PSP's raw payload (that goes straight into the run's row), so the
// workflow's history stays small.
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../../db/client';
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
import { PSP_NOT_CONFIGURED } from '../../domain/errors';
import type { PspName } from '../../domain/psp';
import { type Difference, type ExceptionFinding, type FindingKind, RECONCILIATION_EXCEPTION_KINDS } from '../../domain/reconciliation/findings';
import type { OurSide } from '../../domain/reconciliation/records';
import type { ReconciliationSummary, ReportLine } from '../../domain/reconciliation/types';
import { dayBounds } from '../../domain/settlement/business-date';
import { createLedgerActivities } from '../ledger';
import { createPspActivities, PSP_REQUEST_REJECTED } from '../psp-activities';
import { type PspGateway, PspRequestError } from '../psp/gateway';
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
}: {
  db: Database;
  psps: Partial<Record<PspName, PspGateway>>;
  /** Signals payment workflows (a payment the PSP settled while we still waited on it). */
  client: Client;
}) {
  const { postLedgerTransaction } = createLedgerActivities({ db });
  const { refundPayment } = createPspActivities({ psps });

  return {
    async beginReconciliationRun(run: RunScope & { workflowId: string }): Promise<void> {
      await beginRun(db, { id: run.runId, businessDate: run.businessDate, psp: run.psp, workflowId: run.workflowId });
    },

    /** Fetches the date's report, keeps it as served in the run's row, and returns its lines. */
    async fetchReconciliationReport(run: RunScope & { timeZone: string }): Promise<ReportLine[]> {
      const gateway = psps[run.psp];
      if (!gateway) throw ApplicationFailure.nonRetryable(`no gateway configured for ${run.psp}`, PSP_NOT_CONFIGURED);
      let report: { raw: string; lines: ReportLine[] };
      try {
        report = await gateway.fetchSettlementReport(dayBounds(run.businessDate, run.timeZone));
      } catch (error) {
        if (!(error instanceof PspRequestError)) throw error;
        throw ApplicationFailure.create({
          type: PSP_REQUEST_REJECTED,
          message: error.message,
          nonRetryable: true,
          details: [{ code: error.code }],
          cause: error,
        });
      }
      await saveRawReport(db, run.runId, report.raw);
      return report.lines;
    },

    /** Our side of the report: the date's bookings, and what the report's references name. */
    async loadReconciliationRecords(query: {
      psp: PspName;
      businessDate: string;
      timeZone: string;
      pspReferences: string[];
      paymentIds: string[];
    }): Promise<OurSide> {
      const { start, end } = dayBounds(query.businessDate, query.timeZone);
      const [records, payments, autoRefunded] = await Promise.all([
        recordsBookedBetween(db, { psp: query.psp, start, end }),
        paymentsNamed(db, query),
        subjectsWithAction(db, {
          action: FIX_AUDIT_ACTIONS.unmatched_charge,
          subjectType: FIX_SUBJECT_TYPE,
          subjectIds: query.pspReferences,
        }),
      ]);
      const elsewhere = await recordsOfPaymentsOutside(db, {
        psp: query.psp,
        paymentIds: payments.map((p) => p.paymentId),
        start,
        end,
      });
      return { records, elsewhere, payments, autoRefunded };
    },

    applyReconciliationFix: (request: FixRequest) => applyFix({ db, client, post: postLedgerTransaction, refund: refundPayment }, request),

    /**
     * Puts a finding on the exceptions list (again, if it was resolved and is found again),
     * unless a person already decided this very finding: an exception they resolved stays
     * resolved while the run finds the same difference, since the report and our records
     * still disagree after, say, an adjustment. `raised: false` then.
     */
    async raiseReconciliationException(
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
    },

    /**
     * Resolves the date's open reconciliation exceptions this run no longer found, and the
     * `missing_at_psp` of records this report showed on another date. Returns how many of the
     * date's were cleared.
     */
    async clearReconciliationExceptions(
      request: RunScope & { found: Array<{ kind: FindingKind; subject: string }>; explainedElsewhere: string[] },
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
    },

    async finishReconciliationRun(request: { runId: string; summary: ReconciliationSummary }): Promise<void> {
      await completeRun(db, request.runId, request.summary);
    },

    async failReconciliationRun(request: { runId: string; reason: string }): Promise<void> {
      await failRun(db, request.runId, request.reason);
    },
  };
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
