// The marketplace's rounding rule (domain/marketplace/allocate): sellers' parts round down,
// the merchant takes the rest, refunds are allocated cumulatively. Awkward amounts in a
// zero-decimal (JPY), two-decimal (USD) and three-decimal (KWD) currency.
import assert from 'node:assert/strict';
import { captureParts, disputeShares, merchantPart, proRata, refundParts, type SellerPart } from '../../domain/marketplace/allocate';

const total = (parts: readonly SellerPart[]) => parts.reduce((sum, p) => sum + p.amount, 0);

/** Refunds `pieces` one after another and returns each seller's total given back. */
function refundInPieces(captured: number, shares: readonly SellerPart[], pieces: number[]): SellerPart[] {
  let refundedBefore = 0;
  const given = shares.map((s) => ({ seller: s.seller, amount: 0 }));
  for (const refund of pieces) {
    const parts = refundParts({ refund, refundedBefore, captured, captureParts: shares });
    parts.forEach((p, i) => (given[i]!.amount += p.amount));
    assert.ok(total(parts) <= refund, 'sellers never give back more than the refund');
    refundedBefore += refund;
  }
  return given;
}

describe('split allocation', () => {
  it('JPY: ¥1001 split three ways at capture leaves the odd yen with the merchant, and no yen is made or lost', () => {
    const splits = [
      { seller: 'sel_a', amount: 333 },
      { seller: 'sel_b', amount: 333 },
      { seller: 'sel_c', amount: 333 },
    ];
    // Full capture: every seller gets exactly its split.
    assert.deepEqual(captureParts(1001, 1001, splits), splits);
    // Partial capture of ¥500: 333 × 500 / 1001 = 166.33… → 166 each; the merchant 500 − 498 = 2.
    const parts = captureParts(500, 1001, splits);
    assert.deepEqual(
      parts.map((p) => p.amount),
      [166, 166, 166],
    );
    assert.equal(merchantPart(500, parts), 2);
    assert.equal(total(parts) + merchantPart(500, parts), 500);
  });

  it('USD: $100.00 captured of a $100.01 payment split 33.33 / 66.67 rounds each seller down', () => {
    const splits = [
      { seller: 'sel_a', amount: 3333 },
      { seller: 'sel_b', amount: 6667 },
    ];
    const parts = captureParts(10_000, 10_001, splits);
    // 3333 × 10000 / 10001 = 3332.67 → 3332; 6667 × 10000 / 10001 = 6666.33 → 6666.
    assert.deepEqual(
      parts.map((p) => p.amount),
      [3332, 6666],
    );
    assert.equal(merchantPart(10_000, parts), 2);
  });

  it("KWD: 10.001 KWD (10001 fils) refunded in three pieces returns exactly each seller's share, as one refund would", () => {
    const shares = [
      { seller: 'sel_a', amount: 3334 },
      { seller: 'sel_b', amount: 3333 },
    ];
    const pieces = [1, 3333, 6667];
    const given = refundInPieces(10_001, shares, pieces);
    assert.deepEqual(given, shares, 'a full refund in pieces gives back every fils each seller got');
    // One refund of the same total gives the same result.
    assert.deepEqual(refundParts({ refund: 10_001, refundedBefore: 0, captured: 10_001, captureParts: shares }), shares);
  });

  it("a refund of 1 minor unit is the merchant's until the sellers' cumulative parts reach a whole unit", () => {
    const shares = [{ seller: 'sel_a', amount: 500 }];
    // 500/1000 of 1 = 0.5 → 0: the merchant refunds it; of 2 cumulatively = 1: the seller's turn.
    assert.deepEqual(refundParts({ refund: 1, refundedBefore: 0, captured: 1000, captureParts: shares }), [{ seller: 'sel_a', amount: 0 }]);
    assert.deepEqual(refundParts({ refund: 1, refundedBefore: 1, captured: 1000, captureParts: shares }), [{ seller: 'sel_a', amount: 1 }]);
  });

  it('amounts past 2^53 / 10 000 are divided exactly (BigInt), not as floats', () => {
    const big = 9_007_199_254_740_991; // Number.MAX_SAFE_INTEGER
    const parts = proRata(big, big, [{ seller: 'sel_a', amount: big - 1 }]);
    assert.equal(parts[0]!.amount, big - 1);
  });

  it("a dispute is borne in the capture's proportions: sellers round down, the merchant takes the rest", () => {
    const shares = disputeShares(1000, 3000, [
      { seller: 'sel_a', amount: 1000 },
      { seller: 'sel_b', amount: 1999 },
    ]);
    // 1000 × 1000/3000 = 333.3 → 333; 1000 × 1999/3000 = 666.3 → 666; merchant 1.
    assert.deepEqual(shares, [
      { seller: null, amount: 1 },
      { seller: 'sel_a', amount: 333 },
      { seller: 'sel_b', amount: 666 },
    ]);
  });

  it('refuses shares that exceed the whole, a capture above the amount and a refund above what was captured', () => {
    assert.throws(() => proRata(10, 100, [{ seller: 'sel_a', amount: 101 }]), /exceed the whole/);
    assert.throws(() => captureParts(101, 100, []), /cannot capture 101 of 100/);
    assert.throws(() => refundParts({ refund: 60, refundedBefore: 50, captured: 100, captureParts: [] }), /cannot refund 60 after 50/);
  });
});
