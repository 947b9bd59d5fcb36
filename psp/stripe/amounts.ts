// Amounts between holdfast and Stripe: the one place they are converted, both ways (requests
// in mappers.ts, answers, webhooks and balance transactions alike).
//
// holdfast counts ISO 4217 minor units. Stripe mostly does too, with special cases (its
// currencies page, "Special cases"; checked 2026-12):
// - ISK is effectively zero-decimal, but Stripe's API keeps counting it in hundredths: 500 ISK
//   is `50000`, and an amount that is not a multiple of 100 is refused
//   (`invalid_charge_amount_no_decimal_compatible`);
// - three-decimal currencies (BHD, JOD, KWD, OMR, TND) are counted in thousandths, but the
//   last digit must be 0: KWD 5.124 cannot be charged, refunded or disputed;
// - HUF and TWD are two-decimal for charges, but payouts must be whole units (multiples of 100).
// An amount Stripe cannot carry exactly is refused here, naming the field, never rounded: a
// rounded charge or refund would move money nobody asked for.
import { currencyExponent, formatMoney, isSupportedCurrency, isValidAmount } from '../../domain/money';
import { StripeAmountNotSupportedError, UnmappableStripeAmountError } from './errors';

/** Stripe's rules for payouts differ from those for payments (charges, captures, refunds). */
export type StripeAmountUse = 'payment' | 'payout';

/** Where Stripe's exponent differs from ISO 4217's, which holdfast uses. */
const STRIPE_EXPONENTS: Readonly<Record<string, number>> = { isk: 2 };

/** Currencies whose payouts Stripe takes in whole units only. */
const WHOLE_UNIT_PAYOUTS: ReadonlySet<string> = new Set(['huf', 'twd']);

function stripeExponent(currency: string): number {
  return STRIPE_EXPONENTS[currency] ?? currencyExponent(currency);
}

/** What a Stripe amount must be a multiple of, in Stripe's units. */
export function stripeAmountStep(currency: string, use: StripeAmountUse): number {
  const exponent = stripeExponent(currency);
  // ISK: whole krónur. Any holdfast ISK amount scales to one; the step guards the way back.
  if (STRIPE_EXPONENTS[currency] !== undefined) return 10 ** (exponent - currencyExponent(currency));
  if (exponent === 3) return 10;
  if (use === 'payout' && WHOLE_UNIT_PAYOUTS.has(currency)) return 10 ** exponent;
  return 1;
}

/**
 * holdfast's `amount` of `currency` in Stripe's units, or StripeAmountNotSupportedError (a
 * final refusal, `amount_not_supported`) naming `field`, the request's field, and `stripeField`,
 * the Stripe parameter it would have gone to.
 */
export function toStripeAmount(
  amount: number,
  currency: string,
  { use, field = 'amount', stripeField = 'amount' }: { use: StripeAmountUse; field?: string; stripeField?: string },
): number {
  if (!isValidAmount(amount)) throw new RangeError(`${field} must be a positive safe integer of minor units, got ${amount}`);
  if (!isSupportedCurrency(currency)) {
    throw new StripeAmountNotSupportedError(`holdfast does not know Stripe's units of currency ${currency}`, 'currency');
  }
  const value = amount * 10 ** (stripeExponent(currency) - currencyExponent(currency));
  if (!Number.isSafeInteger(value)) {
    throw new StripeAmountNotSupportedError(`${field}: ${formatMoney(amount, currency)} is too large for Stripe's ${stripeField}.`, field);
  }
  const step = stripeAmountStep(currency, use);
  if (value % step !== 0) {
    const unit = formatMoney(step / 10 ** (stripeExponent(currency) - currencyExponent(currency)), currency);
    throw new StripeAmountNotSupportedError(
      `${field}: Stripe cannot ${use === 'payout' ? 'pay out' : 'charge or refund'} ${formatMoney(amount, currency)}; ` +
        `its ${stripeField} must be a multiple of ${unit}.`,
      field,
    );
  }
  return value;
}

/**
 * A Stripe amount of `currency` in holdfast's minor units, or UnmappableStripeAmountError
 * naming `field` (the Stripe object's field) when it is not a whole number of them.
 */
export function fromStripeAmount(amount: number, currency: string, field: string): number {
  if (!isSupportedCurrency(currency)) {
    throw new UnmappableStripeAmountError(`Stripe sent ${field} in currency ${currency}, which holdfast does not support`, field);
  }
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new UnmappableStripeAmountError(`Stripe sent a ${field} that is not a whole number of minor units: ${amount}`, field);
  }
  const divisor = 10 ** (stripeExponent(currency) - currencyExponent(currency));
  if (amount % divisor !== 0) {
    throw new UnmappableStripeAmountError(
      `Stripe sent ${field} ${amount} ${currency}, which is not a whole number of holdfast's minor units (${divisor} of Stripe's)`,
      field,
    );
  }
  return amount / divisor;
}
