// Stripe's currency special cases, as the Stripe face enforces them (Stripe's currencies page,
// "Special cases"). Written apart from holdfast's adapter on purpose: a test of the adapter
// against this face checks two readings of Stripe's page against each other.
// - ISK: effectively zero-decimal, still counted in hundredths; an amount that is not a
//   multiple of 100 is refused with `invalid_charge_amount_no_decimal_compatible`.
// - BHD, JOD, KWD, OMR, TND: thousandths whose last digit must be 0.
// - HUF, TWD: two-decimal for charges, whole units (multiples of 100) for payouts.
import { StripeApiError } from './errors';

const THREE_DECIMAL: ReadonlySet<string> = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);
const WHOLE_UNIT_PAYOUTS: ReadonlySet<string> = new Set(['huf', 'twd']);
/** Stripe's count of an ISK krona. */
const ISK_UNITS = 100;

type AmountUse = 'payment' | 'payout';

/** Refuses `amount` (Stripe's units) of `currency` where Stripe would, naming `param`. */
export function assertStripeAmount(amount: number, currency: string, param: string, use: AmountUse): void {
  const refusal = stripeAmountRefusal(amount, currency, use);
  if (refusal) throw refused(param, refusal.message, refusal.code);
}

/** Why Stripe would refuse `amount` (Stripe's units) of `currency`, if it would. */
export function stripeAmountRefusal(amount: number, currency: string, use: AmountUse): { message: string; code?: string } | undefined {
  const seeAlso = 'See https://stripe.com/docs/currencies#special-cases for more information.';
  if (currency === 'isk' && amount % ISK_UNITS !== 0) {
    return {
      message: `Invalid amount. Currency ISK has become effectively zero-decimal and charged amounts must be evenly divisible by 100. ${seeAlso}`,
      code: 'invalid_charge_amount_no_decimal_compatible',
    };
  }
  if (THREE_DECIMAL.has(currency) && amount % 10 !== 0) {
    return {
      message: `Invalid amount. Amounts in ${currency.toUpperCase()} must end in 0 (round to the nearest ten). ${seeAlso}`,
      code: 'invalid_charge_amount',
    };
  }
  if (use === 'payout' && WHOLE_UNIT_PAYOUTS.has(currency) && amount % 100 !== 0) {
    return { message: `Invalid amount. Payouts in ${currency.toUpperCase()} must be integer amounts evenly divisible by 100. ${seeAlso}` };
  }
  return undefined;
}

/** Stripe's units of an amount given in ISO 4217 minor units (the simulator's control and inspection count those). */
export function stripeUnitsFromIso(amount: number, currency: string): number {
  return currency === 'isk' ? amount * ISK_UNITS : amount;
}

/** ISO 4217 minor units of an amount in Stripe's units, as rows comparable across PSPs and with holdfast. */
export function isoFromStripeUnits(amount: number, currency: string): number {
  if (currency !== 'isk') return amount;
  // Whole krónur only: the face never stores anything else.
  return Math.trunc(amount / ISK_UNITS);
}

function refused(param: string, message: string, code?: string): StripeApiError {
  return new StripeApiError(
    400,
    { type: 'invalid_request_error', message, param, ...(code ? { code } : {}) },
    // Validated before the endpoint acts: the key stays free for a corrected retry.
    true,
  );
}
