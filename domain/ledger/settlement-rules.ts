// Posting rules for settlement and reconciliation. Pure, like the payment rules: the
// settlement workflow calls them, and each key is derived from what it settles or fixes, so
// a rerun posts nothing twice.
import { accounts } from './accounts';
import { assertAmount, assertCurrency, assertIdentifier } from './assert';
import type { LedgerEntry, Posting } from './types';
import { assertValidPosting } from './validate-posting';

function posting(fields: Omit<Posting, 'entries'>, entries: LedgerEntry[]): Posting {
  const result: Posting = { ...fields, entries: entries.filter((e) => e.amount !== 0) };
  assertValidPosting(result);
  return result;
}

function assertSignedAmount(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount)) throw new Error(`${what} must be a safe integer, got ${amount}`);
}

export interface SettledItem {
  /** The capture or refund posting this item settles; one settlement posting per transaction. */
  ledgerTransactionId: string;
  psp: string;
  merchantId: string;
  paymentId: string;
  refundId?: string;
  currency: string;
  /** What the settled posting put on the PSP receivable: + for a capture, − for a refund. */
  receivable: number;
  /** What it put on the merchant's pending balance, as owed to the merchant: + capture, − refund. */
  merchantShare: number;
  /** What it put on each seller's pending balance, signed like merchantShare. */
  sellerShares?: ReadonlyArray<{ seller: string; amount: number }>;
  /** What the acquirer kept; never negative. */
  fee: number;
}

/**
 * The acquirer accepted an item: the PSP pays the receivable into the settlement bank less
 * its fee (an expense of the platform), and the merchant's share moves from pending to
 * available, as does each seller's. For a refund every amount is negative: money leaves the bank.
 */
export function settlement(item: SettledItem): Posting {
  assertIdentifier(item.ledgerTransactionId, 'ledger transaction id');
  assertIdentifier(item.psp, 'psp');
  assertIdentifier(item.merchantId, 'merchant id');
  assertIdentifier(item.paymentId, 'payment id');
  if (item.refundId !== undefined) assertIdentifier(item.refundId, 'refund id');
  assertCurrency(item.currency);
  assertSignedAmount(item.receivable, 'receivable');
  assertSignedAmount(item.merchantShare, 'merchant share');
  if (item.fee !== 0) assertAmount(item.fee, 'fee');
  const { currency } = item;
  return posting(
    {
      postingKey: `settlement:${item.ledgerTransactionId}`,
      kind: 'settlement',
      merchantId: item.merchantId,
      paymentId: item.paymentId,
      ...(item.refundId === undefined ? {} : { refundId: item.refundId }),
    },
    [
      { account: accounts.settlementBank(item.psp), amount: item.receivable - item.fee, currency },
      { account: accounts.pspFees(item.psp), amount: item.fee, currency },
      { account: accounts.pspReceivable(item.psp), amount: -item.receivable, currency },
      { account: accounts.merchantPending(item.merchantId), amount: item.merchantShare, currency },
      { account: accounts.merchantAvailable(item.merchantId), amount: -item.merchantShare, currency },
      ...(item.sellerShares ?? []).flatMap((share) => {
        assertIdentifier(share.seller, 'seller id');
        assertSignedAmount(share.amount, 'seller share');
        return [
          { account: accounts.sellerPending(share.seller), amount: share.amount, currency },
          { account: accounts.sellerAvailable(share.seller), amount: -share.amount, currency },
        ];
      }),
    ],
  );
}

export interface UnmatchedCharge {
  psp: string;
  /** The PSP's reference of the charge no payment of ours explains. */
  pspReference: string;
  currency: string;
  amount: number;
}

/** A PSP settled a charge that is no merchant's: the PSP owes it, and it is held in suspense. */
export function unmatchedChargeReceived(charge: UnmatchedCharge): Posting {
  return unmatchedCharge(charge, 'received', 1);
}

/** The unmatched charge was refunded to the card: suspense and receivable are cleared again. */
export function unmatchedChargeReturned(charge: UnmatchedCharge): Posting {
  return unmatchedCharge(charge, 'returned', -1);
}

function unmatchedCharge(charge: UnmatchedCharge, step: 'received' | 'returned', sign: 1 | -1): Posting {
  assertIdentifier(charge.psp, 'psp');
  assertIdentifier(charge.pspReference, 'psp reference');
  assertCurrency(charge.currency);
  assertAmount(charge.amount, 'charge amount');
  return posting(
    {
      postingKey: `reconciliation:${charge.psp}:${charge.pspReference}:unmatched_charge_${step}`,
      kind: 'reconciliation',
      merchantId: null,
      paymentId: null,
    },
    [
      { account: accounts.pspReceivable(charge.psp), amount: sign * charge.amount, currency: charge.currency },
      { account: accounts.suspense(), amount: -sign * charge.amount, currency: charge.currency },
    ],
  );
}

export interface DifferenceFix {
  /** Names the fix: one posting per exception or per automatically accepted difference. */
  postingKey: string;
  psp: string;
  currency: string;
  /** The PSP's figure minus ours, in minor units; never zero. */
  difference: number;
  /** `amount`: the PSP owes a different sum than the ledger says. `fee`: it kept a different fee. */
  of: 'amount' | 'fee';
  /** `adjust_ledger` books the PSP's figure and parks the other side in suspense; `write_off` takes it to the platform's P&L. */
  action: 'adjust_ledger' | 'write_off';
  merchantId?: string;
  paymentId?: string;
}

/**
 * Makes the ledger agree with the PSP's report. An amount difference moves the receivable;
 * a fee difference moves the bank (the PSP kept more or less of what it paid out).
 */
export function differenceFix(fix: DifferenceFix): Posting {
  assertIdentifier(fix.psp, 'psp');
  assertCurrency(fix.currency);
  assertSignedAmount(fix.difference, 'difference');
  if (fix.difference === 0) throw new Error('a difference fix needs a non-zero difference');
  const counter = fix.action === 'write_off' ? accounts.writeOffs() : fix.of === 'fee' ? accounts.pspFees(fix.psp) : accounts.suspense();
  const { currency, difference } = fix;
  const entries: LedgerEntry[] =
    fix.of === 'amount'
      ? [
          { account: accounts.pspReceivable(fix.psp), amount: difference, currency },
          { account: counter, amount: -difference, currency },
        ]
      : [
          { account: counter, amount: difference, currency },
          { account: accounts.settlementBank(fix.psp), amount: -difference, currency },
        ];
  return posting(
    { postingKey: fix.postingKey, kind: 'reconciliation', merchantId: fix.merchantId ?? null, paymentId: fix.paymentId ?? null },
    entries,
  );
}
