// /v1/refunds against a PaymentIntent: partial refunds until the captured amount is used up.
import { Router } from 'express';
import type { SimContext } from '../context';
import { nowInSeconds, type SimRefund } from '../store';
import { assertStripeAmount } from './currency-rules';
import { noSuchObject, StripeApiError, unexpectedState } from './errors';
import { apiRequestCause, sendStripeEvent } from './events';
import { stripeId } from './ids';
import { refundObject } from './objects';
import { metadataParam, onlyKnownParams, optionalAmount, optionalEnum, requiredString } from './params';

const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

export function refundRoutes(context: SimContext): Router {
  const router = Router();
  const { store } = context;

  router.post('/refunds', (req, res) => {
    const params = onlyKnownParams(req.body, ['payment_intent', 'amount', 'reason', 'metadata']);
    const paymentIntentId = requiredString(params, 'payment_intent');
    const requested = optionalAmount(params, 'amount');
    const reason = optionalEnum(params, 'reason', REFUND_REASONS) ?? null;
    const metadata = metadataParam(params);
    const intent = store.paymentIntents.get(paymentIntentId);
    if (!intent) throw noSuchObject('payment_intent', paymentIntentId, 'payment_intent');
    if (intent.status !== 'succeeded' || intent.latestCharge === null) {
      throw unexpectedState(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`);
    }
    const refundable = intent.amountReceived - intent.amountRefunded;
    if (refundable === 0) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        code: 'charge_already_refunded',
        message: `Charge ${intent.latestCharge} has already been refunded.`,
      });
    }
    if (requested !== undefined) assertStripeAmount(requested, intent.currency, 'amount', 'payment');
    const amount = requested ?? refundable;
    if (amount > refundable) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        code: 'amount_too_large',
        param: 'amount',
        message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${refundable}), in ${intent.currency} minor units.`,
      });
    }
    const refund: SimRefund = {
      id: stripeId('re'),
      created: nowInSeconds(),
      amount,
      currency: intent.currency,
      paymentIntent: intent.id,
      charge: intent.latestCharge,
      reason,
      metadata,
      // Card refunds succeed at once in Stripe's test mode.
      status: 'succeeded',
    };
    store.refunds.set(refund.id, refund);
    intent.amountRefunded += amount;
    // Card refunds succeed at once here: refund.created carries the final status, and no
    // refund.updated follows.
    sendStripeEvent(context, 'refund.created', refundObject(refund), apiRequestCause(req, res));
    res.json(refundObject(refund));
  });

  router.get('/refunds/:id', (req, res) => {
    const refund = store.refunds.get(req.params.id);
    if (!refund) throw noSuchObject('refund', req.params.id, 'id');
    res.json(refundObject(refund));
  });

  return router;
}
