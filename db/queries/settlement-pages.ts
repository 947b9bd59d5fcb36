// Reads a settlement works through page by page, so its workflow's history carries counts
// instead of lists of batches or items, however busy the day: the next batches of a round
// still to finish, and the settlement's counts as the database holds them.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';

/**
 * Batches of `round` not finished yet, in id order: not answered by the acquirer, or answered
 * with accepted items whose settlement posting is not written yet.
 */
export async function openBatchesOfRound(db: Database, settlementId: string, round: number, limit: number): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(sql`
    select b.id from settlement_batches b
     where b.settlement_id = ${settlementId} and b.round = ${round}
       and (b.raw_response is null
            or exists (select 1 from settlement_items i
                        where i.batch_id = b.id and i.status = 'accepted' and i.kind <> 'void' and i.settled_transaction_id is null))
     order by b.id
     limit ${limit}`);
  return rows.map((r) => r.id);
}

export interface SettlementCounts {
  batches: { total: number; submitted: number };
  items: { total: number; accepted: number; rejected: number; retrying: number };
}

/** What a settlement's progress shows, counted from its rows: right however often a page was retried. */
export async function settlementCounts(db: Database, settlementId: string): Promise<SettlementCounts> {
  const { rows } = await db.execute<Record<string, number>>(sql`
    select (select count(*) from settlement_batches where settlement_id = ${settlementId})::int as batches,
           (select count(*) from settlement_batches where settlement_id = ${settlementId} and raw_response is not null)::int as submitted,
           count(*)::int as items,
           (count(*) filter (where status = 'accepted'))::int as accepted,
           (count(*) filter (where status = 'rejected'))::int as rejected,
           (count(*) filter (where status = 'retry'))::int as retrying
      from settlement_items where settlement_id = ${settlementId}`);
  const row = rows[0]!;
  return {
    batches: { total: row.batches!, submitted: row.submitted! },
    items: { total: row.items!, accepted: row.accepted!, rejected: row.rejected!, retrying: row.retrying! },
  };
}

export interface SettlementRunRow {
  id: string;
  run: number;
  workflowId: string;
  status: string;
}

/** The runs of a date at a PSP, first to last. */
export async function recordedRuns(
  db: Database,
  businessDate: string,
  psp: string,
): Promise<{ lastRecordedRun: number; reconciledRuns: number[] }> {
  const runs = await settlementRunsOf(db, businessDate, psp);
  return { lastRecordedRun: runs.at(-1)?.run ?? 0, reconciledRuns: runs.filter((r) => r.status === 'reconciled').map((r) => r.run) };
}

/** The runs of a date at a PSP, first to last. */
export async function settlementRunsOf(db: Database, businessDate: string, psp: string): Promise<SettlementRunRow[]> {
  const { rows } = await db.execute<{ id: string; run: number; workflow_id: string; status: string }>(sql`
    select id, run, workflow_id, status from settlements where business_date = ${businessDate} and psp = ${psp} order by run`);
  return rows.map((r) => ({ id: r.id, run: r.run, workflowId: r.workflow_id, status: r.status }));
}
