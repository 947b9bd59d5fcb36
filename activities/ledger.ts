// Writes postings to the double-entry ledger in one round trip each: `ledger_post` (migration
// 0010) alone, or, when several postings of this process wait at once, `ledger_post_batch`
// (0014) for all of them in one database transaction (activities/ledger-batcher.ts). The
// posting key makes a retried activity a no-op. Balance is checked three times: by the
// posting rules, by assertValidPosting here, and by Postgres's triggers.
import { ApplicationFailure } from '@temporalio/common';
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/client';
import { INSUFFICIENT_FUNDS, INVALID_POSTING, POSTING_KEY_CONFLICT } from '../domain/failures';
import { assertValidPosting, describeAccount, type Posting } from '../domain/ledger';
import { PostingBatcher } from './ledger-batcher';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export function createLedgerActivities({ db }: { db: Database }) {
  return {
    /**
     * Writes the posting once. A second call with the same posting key writes nothing and
     * answers `created: false` — provided it is the same posting; reusing a key for other
     * entries is a bug that retrying cannot fix, so it fails with `PostingKeyConflict`.
     */
    async postLedgerTransaction(posting: Posting): Promise<{ transactionId: string; created: boolean }> {
      try {
        assertValidPosting(posting);
      } catch (error) {
        throw ApplicationFailure.create({
          type: INVALID_POSTING,
          message: (error as Error).message,
          nonRetryable: true,
          cause: error as Error,
        });
      }
      const parameter = postingParameter(posting);
      return samePostingOrConflict(posting, () => refusingOverdraft(posting, () => batcherFor(db).write(parameter)));
    },
  };
}

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
export async function postAlone(executor: Pick<Database, 'execute'>, parameter: string): Promise<{ transactionId: string; created: boolean }> {
  const { rows } = await executor.execute<{ transaction_id: string; created: boolean }>(sql`select * from ledger_post(${parameter}::jsonb)`);
  const [row] = rows;
  if (!row) throw new Error('ledger_post answered nothing');
  return { transactionId: row.transaction_id, created: row.created };
}

/**
 * Writes the posting inside the caller's database transaction (the payout reservation decides
 * its approval in the same one); the posting key makes a second write a no-op.
 */
export function writePosting(tx: Transaction, posting: Posting): Promise<{ transactionId: string; created: boolean }> {
  return samePostingOrConflict(posting, () => postAlone(tx, postingParameter(posting)));
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

/** Runs the write; the stored posting of the same key with other contents becomes `PostingKeyConflict`. */
export async function samePostingOrConflict<T>(posting: Posting, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const refused = databaseErrorOf(error);
    if (refused?.constraint !== 'ledger_posting_key_reused') throw error;
    throw ApplicationFailure.create({
      type: POSTING_KEY_CONFLICT,
      message: `posting key ${posting.postingKey} is already used by ledger transaction ${refused.detail} with different contents`,
      nonRetryable: true,
      details: [{ postingKey: posting.postingKey, transactionId: refused.detail }],
      cause: error as Error,
    });
  }
}

/** Runs the write; an overdraft refused by `ledger_payouts_never_overdraw` becomes `InsufficientFunds`. */
export async function refusingOverdraft<T>(posting: Posting, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (databaseErrorOf(error)?.constraint !== 'ledger_payouts_never_overdraw') throw error;
    throw ApplicationFailure.create({
      type: INSUFFICIENT_FUNDS,
      message: `posting ${posting.postingKey} would overdraw an account it pays out of`,
      nonRetryable: true,
      cause: error as Error,
    });
  }
}

/** The Postgres error inside what drizzle threw: its constraint and detail, if any. */
function databaseErrorOf(error: unknown): { constraint: string; detail?: string } | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    const { constraint, detail } = e as { constraint?: unknown; detail?: unknown };
    if (typeof constraint === 'string') return { constraint, ...(typeof detail === 'string' ? { detail } : {}) };
  }
  return undefined;
}

function accountKey(code: string, currency: string): string {
  return `${code}/${currency}`;
}
