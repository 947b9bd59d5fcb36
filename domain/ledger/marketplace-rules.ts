// Posting rules for a marketplace's sellers: payouts and disputes. Pure, like the payment
// rules; the payout and dispute workflows call them, and each key names one step of one
// payout or dispute, so a retried activity posts once.
import { accounts } from './accounts';
import { assertAmount, assertCurrency, assertIdentifier } from './assert';
import type { LedgerEntry, Posting } from './types';
import { assertValidPosting } from './validate-posting';
import type { DisputeShare } from '../marketplace/types';

function posting(fields: Omit<Posting, 'entries'>, entries: LedgerEntry[]): Posting {
  const result: Posting = { ...fields, entries: entries.filter((e) => e.amount !== 0) };
  assertValidPosting(result);
  return result;
}

export interface PayoutRef {
  payoutId: string;
  merchantId: string;
  sellerId: string;
  /** The PSP the payout goes through; its settlement bank account pays it. */
  psp: string;
  amount: number;
  currency: string;
}

function assertPayoutRef(ref: PayoutRef): void {
  assertIdentifier(ref.payoutId, 'payout id');
  assertIdentifier(ref.merchantId, 'merchant id');
  assertIdentifier(ref.sellerId, 'seller id');
  assertIdentifier(ref.psp, 'psp');
  assertAmount(ref.amount, 'payout amount');
  assertCurrency(ref.currency);
}

/** Moves `amount` of `from` into `to`, both liabilities of the seller: a debit and a credit. */
function move(from: string, to: string, amount: number, currency: string): LedgerEntry[] {
  return [
    { account: from, amount, currency },
    { account: to, amount: -amount, currency },
  ];
}

function payoutPosting(ref: PayoutRef, step: string, entries: LedgerEntry[]): Posting {
  assertPayoutRef(ref);
  return posting({ postingKey: `payout:${ref.payoutId}:${step}`, kind: 'payout', merchantId: ref.merchantId, paymentId: null }, entries);
}

/**
 * The payout's funds leave the seller's available balance for its payout reserve. Postgres
 * refuses this posting if it would take the available balance below zero
 * (`ledger_payouts_never_overdraw`), which is what makes concurrent payouts safe.
 */
export function payoutReserved(ref: PayoutRef): Posting {
  return payoutPosting(
    ref,
    'reserve',
    move(accounts.sellerAvailable(ref.sellerId), accounts.sellerPayoutReserve(ref.sellerId), ref.amount, ref.currency),
  );
}

/** The PSP paid the seller: the reserve is discharged from the platform's settlement bank account. */
export function payoutPaid(ref: PayoutRef): Posting {
  return payoutPosting(ref, 'paid', [
    { account: accounts.sellerPayoutReserve(ref.sellerId), amount: ref.amount, currency: ref.currency },
    { account: accounts.settlementBank(ref.psp), amount: -ref.amount, currency: ref.currency },
  ]);
}

/** The payout failed or was canceled: the reserved funds are available again. */
export function payoutReturned(ref: PayoutRef): Posting {
  return payoutPosting(
    ref,
    'returned',
    move(accounts.sellerPayoutReserve(ref.sellerId), accounts.sellerAvailable(ref.sellerId), ref.amount, ref.currency),
  );
}

export interface DisputeRef {
  disputeId: string;
  merchantId: string;
  paymentId: string;
  psp: string;
  currency: string;
  /** Who bears which part of the disputed amount; the parts sum to the disputed amount. */
  shares: readonly DisputeShare[];
}

function reserveOf(merchantId: string, share: DisputeShare): { available: string; reserve: string } {
  if (share.seller === null) {
    return { available: accounts.merchantAvailable(merchantId), reserve: accounts.merchantDisputeReserve(merchantId) };
  }
  assertIdentifier(share.seller, 'seller id');
  return { available: accounts.sellerAvailable(share.seller), reserve: accounts.sellerDisputeReserve(share.seller) };
}

function disputePosting(ref: DisputeRef, step: string, entries: (amount: number) => LedgerEntry[]): Posting {
  assertIdentifier(ref.disputeId, 'dispute id');
  assertIdentifier(ref.merchantId, 'merchant id');
  assertIdentifier(ref.paymentId, 'payment id');
  assertIdentifier(ref.psp, 'psp');
  assertCurrency(ref.currency);
  for (const share of ref.shares) {
    if (!Number.isSafeInteger(share.amount) || share.amount < 0) throw new Error(`invalid dispute share: ${share.amount}`);
  }
  const amount = ref.shares.reduce((sum, share) => sum + share.amount, 0);
  assertAmount(amount, 'disputed amount');
  return posting(
    { postingKey: `dispute:${ref.disputeId}:${step}`, kind: 'dispute', merchantId: ref.merchantId, paymentId: ref.paymentId },
    entries(amount),
  );
}

/**
 * The PSP withdrew the disputed amount (out of what it owes us) and each holder's share moves
 * from its available balance into its dispute reserve, so payouts cannot take it. The
 * available balance may go below zero here: the share is held even when the payment has not
 * settled yet or the seller was already paid, and settles the debt as sales come in.
 */
export function disputeHeld(ref: DisputeRef): Posting {
  const { currency } = ref;
  return disputePosting(ref, 'hold', (amount) => [
    { account: accounts.pspDisputes(ref.psp), amount, currency },
    { account: accounts.pspReceivable(ref.psp), amount: -amount, currency },
    ...ref.shares.flatMap((share) => {
      const { available, reserve } = reserveOf(ref.merchantId, share);
      return move(available, reserve, share.amount, currency);
    }),
  ]);
}

/** Won: the PSP gives the money back and each share returns from reserve to available. */
export function disputeWon(ref: DisputeRef): Posting {
  const { currency } = ref;
  return disputePosting(ref, 'won', (amount) => [
    { account: accounts.pspReceivable(ref.psp), amount, currency },
    { account: accounts.pspDisputes(ref.psp), amount: -amount, currency },
    ...ref.shares.flatMap((share) => {
      const { available, reserve } = reserveOf(ref.merchantId, share);
      return move(reserve, available, share.amount, currency);
    }),
  ]);
}

/** Lost: the cardholder keeps the money; the reserves are given up against what the PSP withdrew. */
export function disputeLost(ref: DisputeRef): Posting {
  const { currency } = ref;
  return disputePosting(ref, 'lost', (amount) => [
    ...ref.shares.map((share) => ({ account: reserveOf(ref.merchantId, share).reserve, amount: share.amount, currency })),
    { account: accounts.pspDisputes(ref.psp), amount: -amount, currency },
  ]);
}
