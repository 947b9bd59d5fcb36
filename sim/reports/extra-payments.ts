// The `extra` report fault: a payment captured at the PSP that holdfast never asked for (made
// on the PSP's dashboard, say). It is real at that face: it shows in its reports and can be
// refunded through its refund API. It carries nothing of holdfast's (no holdfast metadata;
// at Adyen the merchant reference is `sim_extra_<n>`), and no webhook announces it: the
// fault is about what reconciliation finds in the report, not about webhook handling.
import { pspReference } from '../adyen/ids';
import type { SimAdyenPayment } from '../adyen/state';
import type { SimPaymentIntent, SimStore } from '../store';
import { stripeUnitsFromIso } from '../stripe/currency-rules';
import { stripeId } from '../stripe/ids';

/** In the currency's minor units: Adyen's own at Adyen; ISO 4217's at Stripe, scaled to Stripe's below. */
const EXTRA_AMOUNT = 1234;
const CARD = 'pm_card_visa';

/** `value` moved into [gte, lt) where the bounds are given: a booking time inside a report's range. */
export function clampIntoRange(value: number, gte: number | undefined, lt: number | undefined): number {
  return Math.min(Math.max(value, gte ?? -Infinity), (lt ?? Infinity) - 1);
}

export function createExtraStripePayment(
  store: SimStore,
  extra: { currency: string; capturedAt: number; description: string },
): SimPaymentIntent {
  const id = stripeId('pi');
  // Whole krónur for ISK, which Stripe counts in hundredths: an amount Stripe could book.
  const amount = stripeUnitsFromIso(EXTRA_AMOUNT, extra.currency);
  const intent: SimPaymentIntent = {
    id,
    clientSecret: `${id}_secret_${stripeId('cs').slice(3)}`,
    created: extra.capturedAt,
    amount,
    currency: extra.currency,
    captureMethod: 'automatic',
    status: 'succeeded',
    amountCapturable: 0,
    amountReceived: amount,
    amountRefunded: 0,
    paymentMethod: CARD,
    allowedPaymentMethodTypes: null,
    paymentMethodTypes: ['card'],
    description: extra.description,
    metadata: {},
    latestCharge: stripeId('ch'),
    lastPaymentError: null,
    nextAction: null,
    canceledAt: null,
    cancellationReason: null,
    authorizations: 1,
    capturedAt: extra.capturedAt,
  };
  store.paymentIntents.set(id, intent);
  // Reports are GETs, which the app does not save after.
  store.persist();
  return intent;
}

export function createExtraAdyenPayment(
  store: SimStore,
  extra: { merchantAccount: string; currency: string; bookedAt: string; reference: string },
): SimAdyenPayment {
  const reference = pspReference();
  const payment: SimAdyenPayment = {
    pspReference: reference,
    merchantAccount: extra.merchantAccount,
    reference: extra.reference,
    amount: { value: EXTRA_AMOUNT, currency: extra.currency },
    paymentMethod: CARD,
    // No checkout, so no shopper to send back anywhere.
    returnUrl: '',
    manualCapture: false,
    status: 'Captured',
    refusalReason: null,
    refusalReasonCode: null,
    amountCaptured: EXTRA_AMOUNT,
    amountRefunded: 0,
    authorizations: 1,
    redirectResult: null,
    failModifications: false,
    // Captured with the authorisation, so booked under the payment's own reference.
    capture: { pspReference: reference, value: EXTRA_AMOUNT, bookedAt: extra.bookedAt },
  };
  store.adyen.payments.set(reference, payment);
  store.persist();
  return payment;
}
