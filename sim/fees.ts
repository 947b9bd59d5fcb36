// The simulated PSPs' pricing. The acquirer's answers and both settlement reports take their
// fees from here, so a fee holdfast books from one always agrees with the others.
// A capture costs a percentage plus a fixed part; refunds and voids cost nothing.
import { currencyExponent } from '../domain/money';
import type { PspName } from '../domain/psp';

export type SettlementKind = 'capture' | 'refund' | 'void';

/** Each PSP's percentage of a capture, in basis points (Stripe 2.9 %, Adyen 0.6 %). */
const CAPTURE_BPS: Readonly<Record<PspName, bigint>> = { stripe: 290n, adyen: 60n };

/**
 * The fixed part, in minor units, by currency exponent: 0.30 of a two-decimal currency, and
 * the same 0.300 of a three-decimal one; nothing for a zero-decimal currency (JPY).
 */
const FIXED_BY_EXPONENT: Readonly<Record<number, bigint>> = { 0: 0n, 2: 30n, 3: 300n };

const BASIS_POINTS = 10_000n;

/** The fee, in minor units of `currency` (lower-case), for settling `amount` minor units. */
export function settlementFee(psp: PspName, kind: SettlementKind, currency: string, amount: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`amount must be a non-negative safe integer, got ${amount}`);
  if (kind !== 'capture') return 0;
  const fixed = FIXED_BY_EXPONENT[currencyExponent(currency)];
  if (fixed === undefined) throw new Error(`no fixed fee for currency ${currency}`);
  // Half a basis-point product rounds up: adding half the divisor before the floor division.
  const percentage = (BigInt(amount) * CAPTURE_BPS[psp] + BASIS_POINTS / 2n) / BASIS_POINTS;
  return Number(percentage + fixed);
}
