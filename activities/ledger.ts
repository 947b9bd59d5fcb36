// Writes postings to the double-entry ledger: one database transaction per posting, and
// the posting key makes a retried activity a no-op. Balance is checked three times: by the
// posting rules, by assertValidPosting here, and by Postgres at commit.
import { ApplicationFailure } from '@temporalio/common';
import { asc, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/client';
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from '../db/schema';
import { INSUFFICIENT_FUNDS, INVALID_POSTING, POSTING_KEY_CONFLICT } from '../domain/errors';
import { assertValidPosting, describeAccount, type LedgerEntry, type Posting } from '../domain/ledger';

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
      return writeOnce(db, posting);
    },
  };
}

function writeOnce(db: Database, posting: Posting): Promise<{ transactionId: string; created: boolean }> {
  return refusingOverdraft(posting, () => db.transaction((tx) => writePosting(tx, posting)));
}

/**
 * Writes the posting inside the caller's database transaction (the payout reservation decides
 * its approval in the same one); the posting key makes a second write a no-op.
 */
export async function writePosting(tx: Transaction, posting: Posting): Promise<{ transactionId: string; created: boolean }> {
  const [inserted] = await tx
    .insert(ledgerTransactions)
    .values({
      id: `ltx_${randomUUID().replaceAll('-', '')}`,
      postingKey: posting.postingKey,
      kind: posting.kind,
      merchantId: posting.merchantId,
      paymentId: posting.paymentId,
      refundId: posting.refundId ?? null,
    })
    // A concurrent writer of the same key makes this wait for its commit, then do
    // nothing; the row it wrote is visible to the next statement.
    .onConflictDoNothing({ target: ledgerTransactions.postingKey })
    .returning({ id: ledgerTransactions.id });
  if (!inserted) {
    const existingId = await assertSameAsStored(tx, posting);
    return { transactionId: existingId, created: false };
  }
  const accountIds = await ensureAccounts(tx, posting.entries);
  await tx.insert(ledgerEntries).values(
    posting.entries.map((entry) => ({
      transactionId: inserted.id,
      accountId: accountIds.get(accountKey(entry.account, entry.currency))!,
      amount: entry.amount,
      currency: entry.currency,
    })),
  );
  return { transactionId: inserted.id, created: true };
}

/** Runs the write; an overdraft refused by `ledger_payouts_never_overdraw` becomes `InsufficientFunds`. */
export async function refusingOverdraft<T>(posting: Posting, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (constraintOf(error) !== 'ledger_payouts_never_overdraw') throw error;
    throw ApplicationFailure.create({
      type: INSUFFICIENT_FUNDS,
      message: `posting ${posting.postingKey} would overdraw an account it pays out of`,
      nonRetryable: true,
      cause: error as Error,
    });
  }
}

/** The constraint a Postgres error names, wherever drizzle put the driver's error. */
function constraintOf(error: unknown): string | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    const constraint = (e as { constraint?: unknown }).constraint;
    if (typeof constraint === 'string') return constraint;
  }
  return undefined;
}

function accountKey(code: string, currency: string): string {
  return `${code}/${currency}`;
}

/** Creates missing accounts (type and owner come from the code) and returns every id. */
async function ensureAccounts(tx: Transaction, entries: LedgerEntry[]): Promise<Map<string, number>> {
  const wanted = new Map(entries.map((e) => [accountKey(e.account, e.currency), e]));
  // Sorted, so two postings creating the same accounts lock them in the same order.
  const rows = [...wanted.keys()].sort().map((key) => {
    const { account, currency } = wanted.get(key)!;
    const { type, merchantId, sellerId } = describeAccount(account);
    return { code: account, currency, type, merchantId, sellerId };
  });
  await tx.insert(ledgerAccounts).values(rows).onConflictDoNothing({
    target: [ledgerAccounts.code, ledgerAccounts.currency],
  });
  const found = await tx
    .select({ id: ledgerAccounts.id, code: ledgerAccounts.code, currency: ledgerAccounts.currency })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.code, rows.map((r) => r.code)));
  return new Map(found.map((a) => [accountKey(a.code, a.currency), a.id]));
}

/** Returns the stored transaction's id if it holds exactly this posting; throws otherwise. */
async function assertSameAsStored(tx: Transaction, posting: Posting): Promise<string> {
  const [stored] = await tx.select().from(ledgerTransactions).where(eq(ledgerTransactions.postingKey, posting.postingKey));
  if (!stored) throw new Error(`posting key ${posting.postingKey} conflicted but no transaction holds it`);
  const entries = await tx
    .select({ account: ledgerAccounts.code, amount: ledgerEntries.amount, currency: ledgerEntries.currency })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(eq(ledgerEntries.transactionId, stored.id))
    .orderBy(asc(ledgerEntries.id));
  const storedPosting: Posting = {
    postingKey: stored.postingKey,
    kind: stored.kind,
    merchantId: stored.merchantId,
    paymentId: stored.paymentId,
    ...(stored.refundId === null ? {} : { refundId: stored.refundId }),
    entries,
  };
  if (fingerprint(storedPosting) !== fingerprint(posting)) {
    throw ApplicationFailure.create({
      type: POSTING_KEY_CONFLICT,
      message: `posting key ${posting.postingKey} is already used by ledger transaction ${stored.id} with different contents`,
      nonRetryable: true,
      details: [{ postingKey: posting.postingKey, transactionId: stored.id }],
    });
  }
  return stored.id;
}

/** Compares postings as sets of entries: entry order carries no meaning. */
function fingerprint(posting: Posting): string {
  const entries = posting.entries.map((e) => `${e.account}|${e.currency}|${e.amount}`).sort();
  return JSON.stringify([posting.kind, posting.merchantId, posting.paymentId, posting.refundId ?? null, entries]);
}
