// Whether a PSP's API can carry an amount exactly, asked of the adapters' own conversions so
// the answer can never disagree with what they would send. Routing leaves out a PSP that
// cannot (KWD 1.005 at Stripe, whose three-decimal amounts must end in 0), so the payment
// goes to one that can before anything is sent anywhere.
import type { PspName } from '../domain/psp';
import { toAdyenAmount } from './adyen/mappers';
import { toStripeAmount } from './stripe/amounts';

/** Each PSP's request conversion of a payment's amount; it throws for one the PSP cannot carry. */
const CONVERSIONS: Readonly<Record<PspName, (amount: number, currency: string) => unknown>> = {
  stripe: (amount, currency) => toStripeAmount(amount, currency, { use: 'payment' }),
  adyen: toAdyenAmount,
};

export function pspCanCarry(psp: PspName, payment: { amount: number; currency: string }): boolean {
  try {
    CONVERSIONS[psp](payment.amount, payment.currency);
    return true;
  } catch {
    return false;
  }
}
