// The Adyen face's share of the /_sim inspection routes: its payments as rows shaped like the
// Stripe face's, and the JSON it exchanged with callers.
import { Router } from 'express';
import { currencyExponent } from '../../domain/money';
import type { AdyenState } from './state';

/**
 * Adyen's decimals where they differ from ISO 4217's (its currency-codes page). Rows count
 * ISO minor units, like the Stripe face's and holdfast's, so they compare across PSPs.
 */
const ADYEN_DECIMALS: Readonly<Record<string, number>> = { clp: 2, idr: 0, isk: 2 };

export function adyenPaymentRows(state: AdyenState, merchantReference: string | undefined) {
  return [...state.payments.values()]
    .filter((payment) => merchantReference === undefined || payment.reference === merchantReference)
    .map((payment) => {
      const currency = payment.amount.currency.toLowerCase();
      const iso = (value: number) => isoMinorUnits(value, currency);
      return {
        psp: 'adyen',
        psp_reference: payment.pspReference,
        merchant_reference: payment.reference,
        amount: iso(payment.amount.value),
        currency,
        status: payment.status,
        amount_captured: iso(payment.amountCaptured),
        amount_refunded: iso(payment.amountRefunded),
        authorizations: payment.authorizations,
        statement_descriptor: payment.shopperStatement ?? null,
      };
    });
}

/** GET /_sim/adyen/exchanges?merchant_reference=: each call's JSON body and the face's JSON answer. */
export function adyenExchangeRoutes(state: AdyenState): Router {
  const router = Router();
  router.get('/_sim/adyen/exchanges', (req, res) => {
    const reference = typeof req.query.merchant_reference === 'string' ? req.query.merchant_reference : undefined;
    const data = state.exchanges(reference);
    res.json({ count: data.length, data });
  });
  return router;
}

/** An amount in Adyen's minor units as ISO 4217 minor units (`currency` lower-case). */
export function isoMinorUnits(value: number, currency: string): number {
  const shift = (ADYEN_DECIMALS[currency] ?? currencyExponent(currency)) - currencyExponent(currency);
  return shift >= 0 ? value / 10 ** shift : value * 10 ** -shift;
}

/** The inverse of isoMinorUnits; undefined when the amount has no whole value in Adyen's units. */
export function adyenMinorUnits(value: number, currency: string): number | undefined {
  const shift = (ADYEN_DECIMALS[currency] ?? currencyExponent(currency)) - currencyExponent(currency);
  const adyen = shift >= 0 ? value * 10 ** shift : value / 10 ** -shift;
  return Number.isSafeInteger(adyen) ? adyen : undefined;
}
