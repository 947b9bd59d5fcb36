// The reconciliation run and the reconciliation exception, as finance reads them (API and
// /ops); api/schemas/reconciliations.ts describes them.
import type { ExceptionRow } from '../db/queries/exceptions';
import type { ReconciliationRunRow } from '../db/queries/reconciliation';

const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function reconciliationView(row: ReconciliationRunRow) {
  return {
    id: row.id,
    object: 'reconciliation' as const,
    date: row.businessDate,
    psp: row.psp,
    status: row.status,
    started: unixSeconds(row.startedAt),
    finished: row.finishedAt ? unixSeconds(row.finishedAt) : null,
    failure_reason: row.failureReason,
    summary: row.summary && {
      report_lines: row.summary.reportLines,
      matched: row.summary.matched,
      auto_fixed: row.summary.autoFixed,
      exceptions: row.summary.exceptions,
      cleared: row.summary.cleared,
    },
  };
}

export function reconciliationExceptionView(row: ExceptionRow) {
  return {
    id: row.id,
    object: 'reconciliation_exception' as const,
    kind: row.kind,
    category: row.category,
    status: row.status,
    subject: row.subject,
    psp: row.psp,
    date: row.businessDate,
    merchant: row.merchantId,
    payment: row.paymentId,
    context: row.context,
    resolution: row.resolution,
    created: unixSeconds(row.createdAt),
    resolved_at: row.resolvedAt ? unixSeconds(row.resolvedAt) : null,
  };
}

export type ReconciliationExceptionView = ReturnType<typeof reconciliationExceptionView>;
