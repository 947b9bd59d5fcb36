// The shape every posting must have before it reaches Postgres. The database enforces the
// balance again (the entries' statement-level trigger); checking here too turns a bad posting
// into a clear, non-retryable error at the caller instead of a refused statement.
import { describeAccount } from './accounts';
import { assertCurrency, assertIdentifier } from './assert';
import { POSTING_KINDS, type Posting } from './types';

/**
 * Throws unless the posting has at least two non-zero integer entries on known accounts of
 * its own merchant (none, for a platform posting), summing to zero per currency — and its memo entries also sum to zero on
 * their own, so an off-balance-sheet account can never absorb a real imbalance.
 */
export function assertValidPosting(posting: Posting): void {
  if (typeof posting.postingKey !== 'string' || posting.postingKey.length === 0) {
    throw new Error('posting key must be a non-empty string');
  }
  if (!POSTING_KINDS.includes(posting.kind)) throw new Error(`unknown posting kind: ${JSON.stringify(posting.kind)}`);
  if (posting.merchantId !== null) assertIdentifier(posting.merchantId, 'merchant id');
  if (posting.paymentId !== null) assertIdentifier(posting.paymentId, 'payment id');
  if (posting.refundId !== undefined) assertIdentifier(posting.refundId, 'refund id');
  if (!Array.isArray(posting.entries) || posting.entries.length < 2) {
    throw new Error(`posting ${posting.postingKey} needs at least two entries`);
  }

  // BigInt sums: each amount is a safe integer, their sum need not be.
  const sums = new Map<string, bigint>();
  for (const entry of posting.entries) {
    if (!Number.isSafeInteger(entry.amount) || entry.amount === 0) {
      throw new Error(`posting ${posting.postingKey}: entry amount must be a non-zero safe integer, got ${entry.amount}`);
    }
    assertCurrency(entry.currency);
    const account = describeAccount(entry.account);
    if (account.merchantId !== null && account.merchantId !== posting.merchantId) {
      throw new Error(`posting ${posting.postingKey} for merchant ${posting.merchantId} touches ${entry.account}`);
    }
    const bucket = `${entry.currency}/${account.type === 'memo' ? 'memo' : 'balance sheet'}`;
    sums.set(bucket, (sums.get(bucket) ?? 0n) + BigInt(entry.amount));
  }
  for (const [bucket, sum] of sums) {
    if (sum !== 0n) throw new Error(`posting ${posting.postingKey} does not balance: ${bucket} entries sum to ${sum}`);
  }
}
