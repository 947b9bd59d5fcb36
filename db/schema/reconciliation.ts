import { date, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { ReconciliationSummary } from '../../domain/reconciliation/types';

/** One run of matching a PSP's settlement report against the ledger and payment states. */
export const reconciliationRuns = pgTable(
  'reconciliation_runs',
  {
    id: text('id').primaryKey(),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    psp: text('psp').notNull(),
    status: text('status').$type<'running' | 'completed' | 'failed'>().notNull(),
    /** Why a failed run failed: the PSP's report could not be fetched. */
    failureReason: text('failure_reason'),
    workflowId: text('workflow_id').notNull(),
    /** The report as the PSP served it (CSV, or the balance transactions' JSON). */
    rawReport: text('raw_report'),
    summary: jsonb('summary').$type<ReconciliationSummary>(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('reconciliation_runs_date_psp_idx').on(t.businessDate, t.psp, t.startedAt)],
);

/**
 * Append-only record of every automatic fix and every person's resolution: who, what, why,
 * and the ledger transaction it posted. `idempotency_key` keeps a rerun from recording twice.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    /** `system:reconciliation`, or the finance key's id. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    ledgerTransactionId: text('ledger_transaction_id'),
    idempotencyKey: text('idempotency_key').unique('audit_log_idempotency_key_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId, t.createdAt),
    // holdfast purge (0017).
    index('audit_log_created_idx').on(t.createdAt),
  ],
);
