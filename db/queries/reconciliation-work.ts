// A reconciliation run's working set, kept in tables so its workflow passes counts and seq
// numbers instead of report lines and findings: the report's normalized lines as fetched, and
// the findings the classifier made of them, each with where its handling stands.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import type { Finding } from '../../domain/reconciliation/findings';
import type { ReportLine } from '../../domain/reconciliation/types';

/** Rows written per INSERT: one statement's parameters stay far below Postgres' limit. */
const ROWS_PER_STATEMENT = 2_000;

export type FindingState = 'open' | 'fixed' | 'escalated' | 'raised' | 'kept';

export interface FindingRow {
  seq: number;
  finding: Finding;
  state: FindingState;
  fixError: string | null;
}

/** Replaces the run's report lines (a retried fetch writes them again), in the order listed. */
export async function saveReportLines(db: Database, runId: string, lines: ReportLine[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from reconciliation_report_lines where run_id = ${runId}`);
    for (let start = 0; start < lines.length; start += ROWS_PER_STATEMENT) {
      const page = lines.slice(start, start + ROWS_PER_STATEMENT);
      await tx.execute(sql`
        insert into reconciliation_report_lines (run_id, seq, line)
        select ${runId}, ${start} + ordinality::int - 1, value
          from jsonb_array_elements(${JSON.stringify(page)}::jsonb) with ordinality`);
    }
  });
}

/** A finished run's lines go: the report is kept as served in the run's row, and its findings stay. */
export async function deleteReportLines(db: Database, runId: string): Promise<void> {
  await db.execute(sql`delete from reconciliation_report_lines where run_id = ${runId}`);
}

export async function reportLinesOf(db: Database, runId: string): Promise<ReportLine[]> {
  const { rows } = await db.execute<{ line: ReportLine }>(sql`
    select line from reconciliation_report_lines where run_id = ${runId} order by seq`);
  return rows.map((r) => r.line);
}

export interface Classification {
  reportLines: number;
  matched: number;
  autoFixes: number;
  exceptionFindings: number;
  /** Subjects of records booked on another date that this report explained. */
  explainedElsewhere: string[];
}

/**
 * Replaces the run's findings and its classification in one transaction: a retried
 * classification starts over — it runs before any finding is handled.
 */
export async function saveClassification(db: Database, runId: string, findings: Finding[], classification: Classification): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from reconciliation_findings where run_id = ${runId}`);
    for (let start = 0; start < findings.length; start += ROWS_PER_STATEMENT) {
      const page = findings.slice(start, start + ROWS_PER_STATEMENT);
      await tx.execute(sql`
        insert into reconciliation_findings (run_id, seq, category, kind, subject, finding)
        select ${runId}, ${start} + ordinality::int - 1, (value->>'category')::int, value->>'kind', value->>'subject', value
          from jsonb_array_elements(${JSON.stringify(page)}::jsonb) with ordinality`);
    }
    await tx.execute(sql`update reconciliation_runs set classification = ${JSON.stringify(classification)}::jsonb where id = ${runId}`);
  });
}

export async function classificationOf(db: Database, runId: string): Promise<Classification | undefined> {
  const { rows } = await db.execute<{ classification: Classification | null }>(sql`
    select classification from reconciliation_runs where id = ${runId}`);
  return rows[0]?.classification ?? undefined;
}

/** Category-1 findings after `afterSeq` still to fix, `limit` at most, by seq. */
export async function openAutoFixes(db: Database, runId: string, afterSeq: number, limit: number): Promise<number[]> {
  const { rows } = await db.execute<{ seq: number }>(sql`
    select seq from reconciliation_findings
     where run_id = ${runId} and category = 1 and state = 'open' and seq > ${afterSeq}
     order by seq limit ${limit}`);
  return rows.map((r) => r.seq);
}

export async function findingOf(db: Database, runId: string, seq: number): Promise<FindingRow | undefined> {
  const { rows } = await db.execute<{ seq: number; finding: Finding; state: FindingState; fix_error: string | null }>(sql`
    select seq, finding, state, fix_error from reconciliation_findings where run_id = ${runId} and seq = ${seq}`);
  const row = rows[0];
  return row && { seq: row.seq, finding: row.finding, state: row.state, fixError: row.fix_error };
}

export async function setFindingState(db: Database, runId: string, seq: number, state: FindingState, fixError?: string): Promise<void> {
  await db.execute(sql`
    update reconciliation_findings set state = ${state}, fix_error = coalesce(${fixError ?? null}, fix_error)
     where run_id = ${runId} and seq = ${seq}`);
}

/** Findings for the exceptions list not handled yet (categories 2 and 3, failed fixes), after `afterSeq`. */
export async function findingsToRaise(db: Database, runId: string, afterSeq: number, limit: number): Promise<FindingRow[]> {
  const { rows } = await db.execute<{ seq: number; finding: Finding; state: FindingState; fix_error: string | null }>(sql`
    select seq, finding, state, fix_error from reconciliation_findings
     where run_id = ${runId} and seq > ${afterSeq}
       and ((category <> 1 and state = 'open') or state = 'escalated')
     order by seq limit ${limit}`);
  return rows.map((r) => ({ seq: r.seq, finding: r.finding, state: r.state, fixError: r.fix_error }));
}

/** What the run found for the exceptions list, raised or kept as a person decided it: kind and subject. */
export async function foundForExceptions(db: Database, runId: string): Promise<Array<{ kind: string; subject: string }>> {
  const { rows } = await db.execute<{ kind: string; subject: string }>(sql`
    select kind, subject from reconciliation_findings
     where run_id = ${runId} and (category <> 1 or state in ('escalated', 'raised', 'kept'))`);
  return rows;
}

export async function countFindings(db: Database, runId: string): Promise<{ fixed: number; raised: number }> {
  const { rows } = await db.execute<{ fixed: number; raised: number }>(sql`
    select (count(*) filter (where state = 'fixed'))::int as fixed, (count(*) filter (where state = 'raised'))::int as raised
      from reconciliation_findings where run_id = ${runId}`);
  return rows[0]!;
}
