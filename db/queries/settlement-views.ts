// The read side of settlement for finance (API and /ops): settlements with their
// per-currency totals, batches and items, and the batch documents kept for audits. Reads
// Postgres only; the settlement workflow writes these rows.
import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { settlementBatches, settlementItems, settlements } from '../schema';

export type SettlementRow = typeof settlements.$inferSelect;
export type SettlementItemRow = typeof settlementItems.$inferSelect;
export type SettlementBatchRow = Omit<typeof settlementBatches.$inferSelect, 'rawRequest' | 'rawResponse'>;

/** Per currency. Gross is every item's receivable (refunds negative); fees and net count accepted items only. */
export interface SettlementTotal {
  currency: string;
  items: number;
  accepted: number;
  rejected: number;
  /** Not decided yet: pending, submitted, or waiting to be sent again. */
  pending: number;
  gross: number;
  fees: number;
  net: number;
}

export interface SettlementSummary {
  settlement: SettlementRow;
  totals: SettlementTotal[];
  batches: SettlementBatchRow[];
}

export interface SettlementDetail extends SettlementSummary {
  items: SettlementItemRow[];
}

const int = (expression: ReturnType<typeof sql>) => expression.mapWith(Number);
const accepted = sql`${settlementItems.status} = 'accepted'`;

// The batch documents can be large; they are read one at a time, by findBatchDocuments.
const { rawRequest: _request, rawResponse: _response, ...batchColumns } = getTableColumns(settlementBatches);

async function totalsOf(db: Database, settlementIds: string[]) {
  if (settlementIds.length === 0) return [];
  return db
    .select({
      settlementId: settlementItems.settlementId,
      currency: settlementItems.currency,
      items: int(sql`count(*)`),
      accepted: int(sql`count(*) filter (where ${accepted})`),
      rejected: int(sql`count(*) filter (where ${settlementItems.status} = 'rejected')`),
      pending: int(sql`count(*) filter (where ${settlementItems.status} in ('pending', 'submitted', 'retry'))`),
      gross: int(sql`coalesce(sum(${settlementItems.receivable}), 0)`),
      fees: int(sql`coalesce(sum(${settlementItems.fee}) filter (where ${accepted}), 0)`),
      net: int(sql`coalesce(sum(${settlementItems.receivable} - coalesce(${settlementItems.fee}, 0)) filter (where ${accepted}), 0)`),
    })
    .from(settlementItems)
    .where(inArray(settlementItems.settlementId, settlementIds))
    .groupBy(settlementItems.settlementId, settlementItems.currency)
    .orderBy(asc(settlementItems.currency));
}

async function batchesOf(db: Database, settlementIds: string[]): Promise<SettlementBatchRow[]> {
  if (settlementIds.length === 0) return [];
  return db
    .select(batchColumns)
    .from(settlementBatches)
    .where(inArray(settlementBatches.settlementId, settlementIds))
    .orderBy(asc(settlementBatches.round), asc(settlementBatches.merchantId), asc(settlementBatches.currency), asc(settlementBatches.id));
}

async function summaries(db: Database, rows: SettlementRow[]): Promise<SettlementSummary[]> {
  const ids = rows.map((row) => row.id);
  const [totals, batches] = await Promise.all([totalsOf(db, ids), batchesOf(db, ids)]);
  return rows.map((settlement) => ({
    settlement,
    totals: totals.filter((t) => t.settlementId === settlement.id).map(({ settlementId: _id, ...total }) => total),
    batches: batches.filter((b) => b.settlementId === settlement.id),
  }));
}

/** The settlements of a business date (one per PSP), optionally of one PSP, by PSP name. */
export async function listSettlementSummaries(db: Database, filter: { date: string; psp?: string }): Promise<SettlementSummary[]> {
  const rows = await db
    .select()
    .from(settlements)
    .where(and(eq(settlements.businessDate, filter.date), filter.psp ? eq(settlements.psp, filter.psp) : undefined))
    .orderBy(asc(settlements.psp));
  return summaries(db, rows);
}

/** These settlements, in the order asked, leaving out ids with no row. */
export async function findSettlementSummaries(db: Database, ids: string[]): Promise<SettlementSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(settlements).where(inArray(settlements.id, ids));
  const found = await summaries(db, rows);
  return ids.flatMap((id) => found.filter((s) => s.settlement.id === id));
}

export async function findSettlementDetail(db: Database, id: string): Promise<SettlementDetail | undefined> {
  const [summary] = await findSettlementSummaries(db, [id]);
  if (!summary) return undefined;
  const items = await db
    .select()
    .from(settlementItems)
    .where(eq(settlementItems.settlementId, id))
    .orderBy(asc(settlementItems.createdAt), asc(settlementItems.id));
  return { ...summary, items };
}

/** The batch file as sent and the acquirer's answer as received (null until it answered). */
export async function findBatchDocuments(
  db: Database,
  settlementId: string,
  batchId: string,
): Promise<{ rawRequest: string; rawResponse: string | null } | undefined> {
  const [row] = await db
    .select({ rawRequest: settlementBatches.rawRequest, rawResponse: settlementBatches.rawResponse })
    .from(settlementBatches)
    .where(and(eq(settlementBatches.id, batchId), eq(settlementBatches.settlementId, settlementId)));
  return row;
}
