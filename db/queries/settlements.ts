// Write side of settlement: claiming the day's unsettled postings, batching them, recording
// the acquirer's answers. Every step is idempotent, because each runs inside a retried
// activity: a settlement row that exists means its items were claimed, a batch id is derived
// from what it holds, and an item's answer is recorded only while it is still outstanding.
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { settlementBatches, settlementItems, settlements, type BatchStatus, type SettlementStatus } from '../schema';
import { accounts } from '../../domain/ledger';
import { buildBatchFile, grossOf } from '../../domain/settlement/batch-file';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export type SettlementItemRow = typeof settlementItems.$inferSelect;
export type SettlementBatchRow = typeof settlementBatches.$inferSelect;

function shortHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
}

export interface PrepareRequest {
  settlementId: string;
  /** 1, or the supplementary run's number: it claims only what no earlier run of the date took. */
  run?: number;
  workflowId: string;
  businessDate: string;
  psp: string;
  timeZone: string;
}

/**
 * Creates the settlement and claims every capture, refund and hold release of this PSP
 * booked on or before the business date that no settlement has claimed yet (an item rejected
 * for good stays claimed: it is on the exceptions list, not silently retried tomorrow). Then
 * batches them per merchant and currency. Run again, it changes nothing and returns the same
 * first-round batches.
 */
export async function prepareSettlement(db: Database, request: PrepareRequest): Promise<{ batchIds: string[]; items: number }> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(settlements)
      .values({
        id: request.settlementId,
        businessDate: request.businessDate,
        psp: request.psp,
        run: request.run ?? 1,
        status: 'prepared',
        workflowId: request.workflowId,
        collectedUntil: sql`now()`,
      })
      .onConflictDoNothing()
      .returning({ id: settlements.id });
    if (created) {
      await claimItems(tx, request);
      await batchPendingItems(tx, request.settlementId, request.psp, 1);
    }
    const batches = await tx
      .select({ id: settlementBatches.id })
      .from(settlementBatches)
      .where(and(eq(settlementBatches.settlementId, request.settlementId), eq(settlementBatches.round, 1)))
      .orderBy(asc(settlementBatches.id));
    const [{ count }] = (await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(settlementItems)
      .where(eq(settlementItems.settlementId, request.settlementId))) as [{ count: number }];
    return { batchIds: batches.map((b) => b.id), items: count };
  });
}

async function claimItems(tx: Transaction, request: PrepareRequest): Promise<void> {
  const receivable = accounts.pspReceivable(request.psp);
  // Items are named after the posting they settle (ltx_… → sti_…), so a claim is repeatable.
  // The amount of a void is the released hold, read from the memo entry.
  await tx.execute(sql`
    insert into settlement_items
      (id, settlement_id, ledger_transaction_id, kind, merchant_id, payment_id, refund_id,
       psp_reference, currency, amount, receivable, merchant_share, seller_shares, status)
    select 'sti_' || substr(t.id, 5), ${request.settlementId}, t.id,
           case t.kind when 'capture' then 'capture' when 'refund' then 'refund' else 'void' end,
           t.merchant_id, t.payment_id, t.refund_id, p.psp_reference, p.currency,
           abs(case when t.kind = 'hold_release' then e.memo else e.receivable end),
           e.receivable, -e.pending, s.shares, 'pending'
      from ledger_transactions t
      join payments p on p.id = t.payment_id
      cross join lateral (
        select coalesce(sum(le.amount) filter (where la.code = ${receivable}), 0) as receivable,
               coalesce(sum(le.amount) filter (where la.code = 'merchant:' || t.merchant_id || ':pending'), 0) as pending,
               coalesce(sum(le.amount) filter (where la.code = 'memo:holds:' || p.psp), 0) as memo
          from ledger_entries le join ledger_accounts la on la.id = le.account_id
         where le.transaction_id = t.id
      ) e
      -- A marketplace payment's sellers: what the posting put on each seller's pending balance.
      cross join lateral (
        select coalesce(jsonb_agg(jsonb_build_object('seller', la.seller_id, 'amount', -le.amount) order by la.seller_id), '[]'::jsonb) as shares
          from ledger_entries le join ledger_accounts la on la.id = le.account_id
         where le.transaction_id = t.id and la.code = 'seller:' || la.seller_id || ':pending'
      ) s
     where p.psp = ${request.psp}
       and p.psp_reference is not null
       and t.kind in ('capture', 'refund', 'hold_release')
       and (t.created_at at time zone ${request.timeZone})::date <= ${request.businessDate}::date
       and not exists (select 1 from settlement_items i where i.ledger_transaction_id = t.id)
    on conflict (ledger_transaction_id) do nothing`);
}

/**
 * At most this many items per batch file: a busy merchant's day is several files, so one
 * acquirer call, one answer and one page of postings stay small whatever the volume.
 */
export const MAX_BATCH_ITEMS = 1_000;

/**
 * Puts the settlement's unbatched `pending` items into batches per merchant and currency
 * (of at most MAX_BATCH_ITEMS each) for `round`, writing each batch file. Returns the new
 * batches' ids. The first batch of a merchant and currency keeps the id and key it always had.
 */
async function batchPendingItems(tx: Transaction, settlementId: string, psp: string, round: number): Promise<string[]> {
  const items = await tx
    .select()
    .from(settlementItems)
    .where(and(eq(settlementItems.settlementId, settlementId), eq(settlementItems.status, 'pending'), isNull(settlementItems.batchId)))
    .orderBy(asc(settlementItems.merchantId), asc(settlementItems.currency), asc(settlementItems.id));
  const groups = new Map<string, SettlementItemRow[]>();
  for (const item of items) {
    const key = `${item.merchantId}/${item.currency}`;
    // Appended in place: copying the group for each item is quadratic on a busy day.
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const batchIds: string[] = [];
  for (const [part, group] of [...groups.values()].flatMap(chunked)) {
    const { merchantId, currency } = group[0]!;
    const partSuffix = part === 0 ? [] : [String(part)];
    const batchId = `stb_${shortHash(settlementId, merchantId, currency, String(round), ...partSuffix)}`;
    const fileItems = group.map((i) => ({ itemId: i.id, kind: i.kind, pspReference: i.pspReference, amount: i.amount }));
    await tx.insert(settlementBatches).values({
      id: batchId,
      settlementId,
      merchantId,
      currency,
      round,
      idempotencyKey: [`${settlementId}-${merchantId}-${currency}-r${round}`, ...partSuffix].join('-p'),
      status: 'prepared',
      itemCount: group.length,
      gross: fileItems.reduce((sum, item) => sum + grossOf(item), 0),
      rawRequest: buildBatchFile({ batchId, psp, merchantId, currency, createdAt: new Date().toISOString() }, fileItems),
    });
    await tx
      .update(settlementItems)
      .set({ batchId, updatedAt: sql`now()` })
      .where(
        inArray(
          settlementItems.id,
          group.map((i) => i.id),
        ),
      );
    batchIds.push(batchId);
  }
  return batchIds;
}

/** A merchant and currency's items as [part, items] of at most MAX_BATCH_ITEMS each. */
function chunked(items: SettlementItemRow[]): Array<[number, SettlementItemRow[]]> {
  const parts: Array<[number, SettlementItemRow[]]> = [];
  for (let start = 0; start < items.length; start += MAX_BATCH_ITEMS)
    parts.push([parts.length, items.slice(start, start + MAX_BATCH_ITEMS)]);
  return parts;
}

/**
 * Sends items rejected for a transient reason again, alone, in new batches of `round`. Run
 * again for the same round, it returns the batches it made the first time.
 */
export async function batchRetries(db: Database, settlementId: string, psp: string, round: number): Promise<string[]> {
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: settlementBatches.id })
      .from(settlementBatches)
      .where(and(eq(settlementBatches.settlementId, settlementId), eq(settlementBatches.round, round)))
      .orderBy(asc(settlementBatches.id));
    if (existing.length > 0) return existing.map((b) => b.id);
    await tx
      .update(settlementItems)
      .set({ status: 'pending', batchId: null, updatedAt: sql`now()` })
      .where(and(eq(settlementItems.settlementId, settlementId), eq(settlementItems.status, 'retry')));
    return batchPendingItems(tx, settlementId, psp, round);
  });
}

export async function findBatch(db: Database, batchId: string): Promise<SettlementBatchRow | undefined> {
  const [batch] = await db.select().from(settlementBatches).where(eq(settlementBatches.id, batchId));
  return batch;
}

export type ItemAnswer =
  { itemId: string; status: 'accepted'; fee: number } | { itemId: string; status: 'rejected'; reason: string; retryable: boolean };

/**
 * Records the acquirer's answer to a batch. Only items still `pending` in this batch take
 * their answer, so recording the same answer twice changes nothing. A transient rejection
 * becomes `retry` until the item has been sent `maxSubmissions` times, then `rejected`.
 */
export async function recordBatchAnswer(
  db: Database,
  batch: { id: string; rawResponse: string; answers: ItemAnswer[]; maxSubmissions: number },
): Promise<{ recorded: SettlementItemRow[] }> {
  return db.transaction(async (tx) => {
    // One statement for the whole answer: a batch file holds up to MAX_BATCH_ITEMS items, and
    // an UPDATE per item cost about a second per batch (measured by bench:settlement).
    const answers = batch.answers.map((a) =>
      a.status === 'accepted'
        ? { item_id: a.itemId, accepted: true, fee: a.fee, reason: null, retryable: false }
        : { item_id: a.itemId, accepted: false, fee: null, reason: a.reason, retryable: a.retryable },
    );
    const { rows: updated } = await tx.execute<{ id: string }>(sql`
      update settlement_items i
         set status = case when a.accepted then 'accepted'
                           when a.retryable and i.submissions + 1 < ${batch.maxSubmissions} then 'retry'
                           else 'rejected' end,
             fee = case when a.accepted then a.fee end,
             reject_reason = case when a.accepted then null else a.reason end,
             submissions = i.submissions + 1,
             updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(answers)}::jsonb) as a(item_id text, accepted boolean, fee bigint, reason text, retryable boolean)
       where i.id = a.item_id and i.batch_id = ${batch.id} and i.status = 'pending'
      returning i.id`);
    const recorded: SettlementItemRow[] =
      updated.length === 0
        ? []
        : await tx
            .select()
            .from(settlementItems)
            .where(
              inArray(
                settlementItems.id,
                updated.map((r) => r.id),
              ),
            )
            .orderBy(asc(settlementItems.id));
    const items = await tx.select().from(settlementItems).where(eq(settlementItems.batchId, batch.id));
    const accepted = items.filter((i) => i.status === 'accepted');
    const fees = accepted.reduce((sum, i) => sum + (i.fee ?? 0), 0);
    const gross = accepted.reduce((sum, i) => sum + i.receivable, 0);
    const status: BatchStatus = accepted.length === items.length ? 'accepted' : accepted.length === 0 ? 'rejected' : 'partially_accepted';
    await tx
      .update(settlementBatches)
      .set({
        status,
        rawResponse: batch.rawResponse,
        fees,
        net: gross - fees,
        submittedAt: sql`coalesce(${settlementBatches.submittedAt}, now())`,
      })
      .where(eq(settlementBatches.id, batch.id));
    return { recorded };
  });
}

/** Accepted captures and refunds of a batch whose settlement posting is not written yet. */
export async function unpostedAcceptedItems(db: Database, batchId: string): Promise<SettlementItemRow[]> {
  return db
    .select()
    .from(settlementItems)
    .where(
      and(
        eq(settlementItems.batchId, batchId),
        eq(settlementItems.status, 'accepted'),
        ne(settlementItems.kind, 'void'),
        isNull(settlementItems.settledTransactionId),
      ),
    )
    .orderBy(asc(settlementItems.id));
}

export async function markItemPosted(db: Database, itemId: string, transactionId: string): Promise<void> {
  await db
    .update(settlementItems)
    .set({ settledTransactionId: transactionId, updatedAt: sql`now()` })
    .where(eq(settlementItems.id, itemId));
}

export async function itemsOfBatch(db: Database, batchId: string): Promise<SettlementItemRow[]> {
  return db.select().from(settlementItems).where(eq(settlementItems.batchId, batchId)).orderBy(asc(settlementItems.id));
}

export async function setSettlementStatus(db: Database, settlementId: string, status: SettlementStatus): Promise<void> {
  await db
    .update(settlements)
    .set({ status, updatedAt: sql`now()` })
    .where(eq(settlements.id, settlementId));
}

/** Authorized payments of a PSP whose hold expired before `asOf`: the settlement voids them first. */
export async function expiredHolds(db: Database, psp: string, asOf: Date): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(sql`
    select id from payments
     where psp = ${psp} and status = 'authorized' and capture_before <= ${asOf.toISOString()}
     order by capture_before`);
  return rows.map((r) => r.id);
}

/**
 * A person sends a rejected item back: it becomes `retry` again, for a new round after the
 * settlement's last. `not_rejected` when it is not (or no longer) rejected; `busy` while the
 * settlement still has items of its own waiting to be sent, whose rounds it runs itself.
 */
export async function sendRejectedItemBack(
  db: Database,
  itemId: string,
): Promise<{ settlementId: string; businessDate: string; psp: string; round: number } | 'not_rejected' | 'busy'> {
  return db.transaction(async (tx) => {
    const [owner] = await tx
      .select({ settlementId: settlementItems.settlementId })
      .from(settlementItems)
      .where(eq(settlementItems.id, itemId));
    if (!owner) return 'not_rejected';
    // Locks the settlement row: two people sending items back wait for each other.
    const [settlement] = await tx
      .select({ businessDate: settlements.businessDate, psp: settlements.psp })
      .from(settlements)
      .where(eq(settlements.id, owner.settlementId))
      .for('update');
    const [outstanding] = await tx
      .select({ id: settlementItems.id })
      .from(settlementItems)
      .where(
        and(
          eq(settlementItems.settlementId, owner.settlementId),
          inArray(settlementItems.status, ['pending', 'retry']),
          ne(settlementItems.id, itemId),
        ),
      )
      .limit(1);
    if (outstanding) return 'busy';
    const [item] = await tx
      .update(settlementItems)
      .set({ status: 'retry', updatedAt: sql`now()` })
      .where(and(eq(settlementItems.id, itemId), inArray(settlementItems.status, ['rejected', 'retry'])))
      .returning({ settlementId: settlementItems.settlementId });
    if (!item) return 'not_rejected';
    const [{ last }] = (await tx
      .select({ last: sql<number>`coalesce(max(${settlementBatches.round}), 0)::int` })
      .from(settlementBatches)
      .where(eq(settlementBatches.settlementId, item.settlementId))) as [{ last: number }];
    return { settlementId: item.settlementId, businessDate: settlement!.businessDate, psp: settlement!.psp, round: last + 1 };
  });
}

export async function findItem(db: Database, itemId: string): Promise<SettlementItemRow | undefined> {
  const [item] = await db.select().from(settlementItems).where(eq(settlementItems.id, itemId));
  return item;
}

/** An item a person's round left waiting for yet another round is rejected again: no round will come. */
export async function rejectIfStillRetrying(db: Database, itemId: string): Promise<void> {
  await db
    .update(settlementItems)
    .set({ status: 'rejected', updatedAt: sql`now()` })
    .where(and(eq(settlementItems.id, itemId), eq(settlementItems.status, 'retry')));
}
