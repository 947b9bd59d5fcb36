// The platform's cut of a capture.

/**
 * floor(amount × feeBps / 10 000), computed in BigInt because amount × feeBps can pass
 * 2^53 and lose precision as a float. Rounding down favours the merchant by less than one
 * minor unit, and since the merchant is credited `amount − fee`, the two parts always add
 * up to exactly `amount`: no minor unit is created or lost.
 */
export function platformFee(amount: number, feeBps: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`invalid amount for a fee: ${amount}`);
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > 10_000) {
    throw new Error(`fee must be an integer number of basis points in [0, 10000], got ${feeBps}`);
  }
  return Number((BigInt(amount) * BigInt(feeBps)) / 10_000n);
}
