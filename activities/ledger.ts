// The ledger activity: writes a posting through db/queries/ledger-post.ts and turns what the
// database refuses into failures the workflows know (domain/failures.ts). The posting key makes
// a retried activity a no-op. Balance is checked three times: by the posting rules, by
// assertValidPosting here, and by Postgres's triggers.
import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../db/client';
import { INSUFFICIENT_FUNDS, INVALID_POSTING, POSTING_KEY_CONFLICT } from '../domain/failures';
import { assertValidPosting, type Posting } from '../domain/ledger';
import { batcherFor, databaseErrorOf, postAlone, postingParameter } from '../db/queries/ledger-post';

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

/**
 * Writes the posting inside the caller's database transaction (the payout reservation decides
 * its approval in the same one); the posting key makes a second write a no-op.
 */
export function writePosting(tx: Transaction, posting: Posting): Promise<{ transactionId: string; created: boolean }> {
  return samePostingOrConflict(posting, () => postAlone(tx, postingParameter(posting)));
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
