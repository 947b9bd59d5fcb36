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
import type { SellerPart } from '../marketplace/allocate';
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

/** What each seller of a marketplace payment is owed (+) or gives back (−) on its pending balance. */
function sellerEntries(parts: readonly SellerPart[], sign: 1 | -1, currency: string): LedgerEntry[] {
  return parts.map((part) => {
    assertIdentifier(part.seller, 'seller id');
    if (!Number.isSafeInteger(part.amount) || part.amount < 0) throw new Error(`invalid part of ${part.seller}: ${part.amount}`);
    return { account: accounts.sellerPending(part.seller), amount: -sign * part.amount, currency };
  });
}

function sumOf(parts: readonly SellerPart[]): number {
  return parts.reduce((sum, part) => sum + part.amount, 0);
}

/**
 * One posting per payment: releases the whole hold (a partial capture gives the rest back
 * to the card, so there is no separate release), and moves `amount` into PSP receivable
 * against the pending balances of the sellers (their parts, domain/marketplace/allocate),
 * the merchant (the rest, less the platform fee) and the platform fee (see platformFee for
 * rounding). The fee is on the whole capture and is the merchant's to pay.
 */
export function capture(
  input: PaymentRef & { authorizedAmount: number; amount: number; feeBps: number; sellerParts?: readonly SellerPart[] },
): Posting {
  assertPaymentRef(input);
  assertAmount(input.authorizedAmount, 'authorized amount');
  assertAmount(input.amount, 'captured amount');
  if (input.amount > input.authorizedAmount) {
    throw new Error(`cannot capture ${input.amount} of a ${input.authorizedAmount} ${input.currency} authorization`);
  }
  const fee = platformFee(input.amount, input.feeBps);
  const parts = input.sellerParts ?? [];
  const { currency } = input;
  return posting(
    { postingKey: `payment:${input.paymentId}:capture`, kind: 'capture', merchantId: input.merchantId, paymentId: input.paymentId },
    [
      ...holdEntries(input, -input.authorizedAmount),
      { account: accounts.pspReceivable(input.psp), amount: input.amount, currency },
      ...sellerEntries(parts, 1, currency),
      { account: accounts.merchantPending(input.merchantId), amount: -(input.amount - sumOf(parts) - fee), currency },
      { account: accounts.platformFees(), amount: -fee, currency },
    ],
  );
}

/**
 * Money goes back to the customer: each seller's pending balance pays its part of the refund
 * (domain/marketplace/allocate) and the merchant's pays the rest. The platform fee is not
 * returned (the fee was for processing the capture, as with Stripe).
 */
export function refund(input: PaymentRef & { refundId: string; amount: number; sellerParts?: readonly SellerPart[] }): Posting {
  assertPaymentRef(input);
  assertIdentifier(input.refundId, 'refund id');
  assertAmount(input.amount, 'refunded amount');
  const parts = input.sellerParts ?? [];
  const { currency } = input;
  return posting(
    {
      postingKey: `refund:${input.refundId}`,
      kind: 'refund',
      merchantId: input.merchantId,
      paymentId: input.paymentId,
      refundId: input.refundId,
    },
    [
      ...sellerEntries(parts, -1, currency),
      { account: accounts.merchantPending(input.merchantId), amount: input.amount - sumOf(parts), currency },
      { account: accounts.pspReceivable(input.psp), amount: -input.amount, currency },
    ],
  );
}
