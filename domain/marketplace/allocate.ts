// How a marketplace payment's money is divided between its sellers and the merchant (the
// marketplace itself), at capture, at each refund and at a dispute.
//
// The rounding rule: each seller's part is rounded *down* to a whole minor unit, and the
// merchant's part is what is left, so the parts always add up to exactly the amount — no
// minor unit is created or lost. Refunds are allocated cumulatively: after refunds totalling
// R a seller has given back floor(R × share / captured), and each refund moves the difference.
// So a payment refunded in pieces returns exactly what refunding it at once would, and a
// full refund returns each seller's whole share. Everything is integer arithmetic in BigInt,
// so the exponent of the currency (JPY 0, USD 2, KWD 3) never enters into it.

import type { DisputeShare } from './types';

/** A part of `amount` owed to one seller. */
export interface SellerPart {
  seller: string;
  amount: number;
}

/**
 * Each seller's part of `amount` when `whole` is divided as `shares`: floor(amount × share /
 * whole), in the order given. The merchant's part is `amount` minus their sum.
 */
export function proRata(amount: number, whole: number, shares: readonly SellerPart[]): SellerPart[] {
  assertMinorUnits(amount, 'amount');
  assertMinorUnits(whole, 'whole');
  const total = shares.reduce((sum, share) => sum + share.amount, 0);
  if (total > whole) throw new Error(`seller shares (${total}) exceed the whole (${whole})`);
  if (amount > 0 && whole === 0) throw new Error('cannot divide an amount of a zero whole');
  return shares.map((share) => {
    assertMinorUnits(share.amount, `share of ${share.seller}`);
    const part = whole === 0 ? 0n : (BigInt(amount) * BigInt(share.amount)) / BigInt(whole);
    return { seller: share.seller, amount: Number(part) };
  });
}

/** The sellers' parts of a capture of `captured` out of a payment of `amount` split as `splits`. */
export function captureParts(captured: number, amount: number, splits: readonly SellerPart[]): SellerPart[] {
  if (captured > amount) throw new Error(`cannot capture ${captured} of ${amount}`);
  return proRata(captured, amount, splits);
}

/**
 * The sellers' parts of one refund: what they have given back after it, minus what they had
 * given back before it (see the rounding rule above).
 */
export function refundParts(input: {
  refund: number;
  refundedBefore: number;
  captured: number;
  captureParts: readonly SellerPart[];
}): SellerPart[] {
  const { refund, refundedBefore, captured } = input;
  if (refundedBefore + refund > captured) {
    throw new Error(`cannot refund ${refund} after ${refundedBefore} of ${captured} captured`);
  }
  const after = proRata(refundedBefore + refund, captured, input.captureParts);
  const before = proRata(refundedBefore, captured, input.captureParts);
  return after.map((part, i) => ({ seller: part.seller, amount: part.amount - before[i]!.amount }));
}

/** The merchant's part: whatever of `amount` the sellers' parts leave. */
export function merchantPart(amount: number, parts: readonly SellerPart[]): number {
  return amount - parts.reduce((sum, part) => sum + part.amount, 0);
}

function assertMinorUnits(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${what} must be a non-negative safe integer, got ${value}`);
}

/**
 * Who bears a dispute of `disputed` out of `captured`: each seller the same share of it as of
 * the capture (rounded down, as above), the merchant the rest.
 */
export function disputeShares(disputed: number, captured: number, captureParts: readonly SellerPart[]): DisputeShare[] {
  if (disputed > captured) throw new Error(`cannot dispute ${disputed} of ${captured} captured`);
  const parts = proRata(disputed, captured, captureParts);
  return [{ seller: null, amount: merchantPart(disputed, parts) }, ...parts.map((part) => ({ seller: part.seller, amount: part.amount }))];
}
