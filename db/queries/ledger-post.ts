// Writes postings to the double-entry ledger in one round trip each: `ledger_post` (migration
// 0010) alone, or, when several postings of this process wait at once, `ledger_post_batch`
// (0014) for all of them in one database transaction (ledger-batcher.ts). The posting key makes
// a second write of the same posting a no-op; Postgres's triggers check every one balances.
// The ledger activity (activities/ledger.ts) and finance's exception decisions (api/exceptions)
// both write through here, and each turns a refusal into its own kind of answer.
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Database } from '../client';
import { describeAccount, type Posting } from '../../domain/ledger';
import { PostingBatcher } from './ledger-batcher';

/** One batcher per connection pool, so every activity of a process shares its commits. */
const batchers = new WeakMap<Database, PostingBatcher>();

export function batcherFor(db: Database): PostingBatcher {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new PostingBatcher(db, (parameter) => postAlone(db, parameter));
    batchers.set(db, batcher);
  }
  return batcher;
}

/**
 * One posting in one statement outside a transaction: Postgres runs it as its own, its
 * triggers check it at the end of the statement, and the app waits for one round trip.
 */
export async function postAlone(
  executor: Pick<Database, 'execute'>,
  parameter: string,
): Promise<{ transactionId: string; created: boolean }> {
  const { rows } = await executor.execute<{ transaction_id: string; created: boolean }>(
    sql`select * from ledger_post(${parameter}::jsonb)`,
  );
  const [row] = rows;
  if (!row) throw new Error('ledger_post answered nothing');
  return { transactionId: row.transaction_id, created: row.created };
}

/**
 * The posting as `ledger_post` (migration 0010) reads it, one JSON text bound as a parameter.
 * It describes every account it names, so the function can create a missing one without
 * knowing the rules of account codes; existing accounts are found by their unique index in
 * the same round trip, which is why no account ids are cached here.
 */
export function postingParameter(posting: Posting): string {
  const codes = new Map(posting.entries.map((e) => [accountKey(e.account, e.currency), e]));
  const accounts = [...codes.values()].map(({ account, currency }) => {
    const { type, merchantId, sellerId } = describeAccount(account);
    return { code: account, currency, type, merchant_id: merchantId, seller_id: sellerId };
  });
  return JSON.stringify({
    id: `ltx_${randomUUID().replaceAll('-', '')}`,
    posting_key: posting.postingKey,
    kind: posting.kind,
    merchant_id: posting.merchantId,
    payment_id: posting.paymentId,
    refund_id: posting.refundId ?? null,
    entries: posting.entries.map(({ account, currency, amount }) => ({ account, currency, amount })),
    accounts,
  });
}

/** The Postgres error inside what drizzle threw: its constraint and detail, if any. */
export function databaseErrorOf(error: unknown): { constraint: string; detail?: string } | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    const { constraint, detail } = e as { constraint?: unknown; detail?: unknown };
    if (typeof constraint === 'string') return { constraint, ...(typeof detail === 'string' ? { detail } : {}) };
  }
  return undefined;
}

function accountKey(code: string, currency: string): string {
  return `${code}/${currency}`;
}
