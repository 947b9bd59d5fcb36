// Posting rules: a business event in, a balanced posting out. Pure, so workflows can call
// them and replay tests can diff them. Each posting key is derived from the event alone,
// so a retried activity carries the same key and the ledger writes it once.
//
// Memo accounts track authorizations without touching the balance sheet: a hold debits
// memo:holds:<psp> against memo:holds_offset:<merchant>; a release or capture reverses it.
import { accounts } from './accounts';
import { assertAmount, assertCurrency, assertIdentifier } from './assert';
import { platformFee } from './platform-fee';
import type { LedgerEntry, Posting } from './types';
import { assertValidPosting } from './validate-posting';

export interface PaymentRef {
  paymentId: string;
  merchantId: string;
  psp: string;
  currency: string;
}

function assertPaymentRef(ref: PaymentRef): void {
  assertIdentifier(ref.paymentId, 'payment id');
  assertIdentifier(ref.merchantId, 'merchant id');
  assertIdentifier(ref.psp, 'psp');
  assertCurrency(ref.currency);
}

/** Builds the posting, leaving out zero entries (a 0 fee), and proves it balances. */
function posting(fields: Omit<Posting, 'entries'>, entries: LedgerEntry[]): Posting {
  const result: Posting = { ...fields, entries: entries.filter((e) => e.amount !== 0) };
  assertValidPosting(result);
  return result;
}

function holdEntries(ref: PaymentRef, amount: number): LedgerEntry[] {
  return [
    { account: accounts.memoHolds(ref.psp), amount, currency: ref.currency },
    { account: accounts.memoHoldsOffset(ref.merchantId), amount: -amount, currency: ref.currency },
  ];
}

/** The PSP authorized `amount` on the card: record the hold (memo only, no money moved). */
export function authorizationHold(input: PaymentRef & { amount: number }): Posting {
  assertPaymentRef(input);
  assertAmount(input.amount, 'authorized amount');
  return posting(
    { postingKey: `payment:${input.paymentId}:hold`, kind: 'authorization_hold', merchantId: input.merchantId, paymentId: input.paymentId },
    holdEntries(input, input.amount),
  );
}

/**
 * The authorization ended without a capture. `reason` is checked but not recorded: the
 * entries are the same either way, and the payment's history says which it was.
 */
export function holdRelease(input: PaymentRef & { amount: number; reason: 'canceled' | 'expired' }): Posting {
  assertPaymentRef(input);
  assertAmount(input.amount, 'released amount');
  if (input.reason !== 'canceled' && input.reason !== 'expired') {
    throw new Error(`invalid hold release reason: ${JSON.stringify(input.reason)}`);
  }
  return posting(
    { postingKey: `payment:${input.paymentId}:release`, kind: 'hold_release', merchantId: input.merchantId, paymentId: input.paymentId },
    holdEntries(input, -input.amount),
  );
}

/**
 * One posting per payment: releases the whole hold (a partial capture gives the rest back
 * to the card, so there is no separate release), and moves `amount` into PSP receivable
 * against the merchant's pending balance and the platform fee (see platformFee for rounding).
 */
export function capture(input: PaymentRef & { authorizedAmount: number; amount: number; feeBps: number }): Posting {
  assertPaymentRef(input);
  assertAmount(input.authorizedAmount, 'authorized amount');
  assertAmount(input.amount, 'captured amount');
  if (input.amount > input.authorizedAmount) {
    throw new Error(`cannot capture ${input.amount} of a ${input.authorizedAmount} ${input.currency} authorization`);
  }
  const fee = platformFee(input.amount, input.feeBps);
  const { currency } = input;
  return posting(
    { postingKey: `payment:${input.paymentId}:capture`, kind: 'capture', merchantId: input.merchantId, paymentId: input.paymentId },
    [
      ...holdEntries(input, -input.authorizedAmount),
      { account: accounts.pspReceivable(input.psp), amount: input.amount, currency },
      { account: accounts.merchantPending(input.merchantId), amount: -(input.amount - fee), currency },
      { account: accounts.platformFees(), amount: -fee, currency },
    ],
  );
}

/**
 * Money goes back to the customer: the merchant's pending balance pays for it in full. The
 * platform fee is not returned (the fee was for processing the capture, as with Stripe).
 */
export function refund(input: PaymentRef & { refundId: string; amount: number }): Posting {
  assertPaymentRef(input);
  assertIdentifier(input.refundId, 'refund id');
  assertAmount(input.amount, 'refunded amount');
  return posting(
    { postingKey: `refund:${input.refundId}`, kind: 'refund', merchantId: input.merchantId, paymentId: input.paymentId, refundId: input.refundId },
    [
      { account: accounts.merchantPending(input.merchantId), amount: input.amount, currency: input.currency },
      { account: accounts.pspReceivable(input.psp), amount: -input.amount, currency: input.currency },
    ],
  );
}
