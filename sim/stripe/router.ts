// The simulated Stripe API under /v1, in the order Stripe applies its checks: availability,
// parse the form, authenticate, idempotency, then the endpoint.
import express, { Router } from 'express';
import type { SimContext } from '../context';
import { requireSecretKey } from './auth';
import { balanceTransactionRoutes } from './balance-transactions';
import { disputeRoutes } from './dispute-routes';
import { serviceUnavailableBody } from './errors';
import { failFirstFlakyCalls } from './flaky-calls';
import { idempotentRequests } from './idempotency';
import { stripeId } from './ids';
import { paymentIntentRoutes } from './payment-intents';
import { payoutRoutes } from './payouts';
import { recordRequests } from './record-requests';
import { refundRoutes } from './refunds';
import { renderStripeError, unrecognizedRequestUrl } from './render-error';
import { paymentIntentSearchRoutes } from './search';

export function stripeApi(context: SimContext): Router {
  const router = Router();
  // An unavailable Stripe answers before it reads, logs or changes anything.
  router.use(context.outages.unavailableWhenDown('stripe', serviceUnavailableBody));
  // Stripe's form encoding nests with brackets: metadata[holdfast_payment_id]=..., types[0]=card.
  router.use(express.urlencoded({ extended: true }));
  router.use((_req, res, next) => {
    res.set('Request-Id', stripeId('req', 14));
    next();
  });
  router.use(recordRequests(context));
  router.use(requireSecretKey);
  router.use(idempotentRequests());
  router.use(failFirstFlakyCalls(context));
  // Before /payment_intents/:id, which would take `search` for an id.
  router.use(paymentIntentSearchRoutes(context));
  router.use(paymentIntentRoutes(context));
  router.use(refundRoutes(context));
  router.use(balanceTransactionRoutes(context));
  router.use(payoutRoutes(context));
  router.use(disputeRoutes(context));
  router.use(unrecognizedRequestUrl);
  router.use(renderStripeError);
  return router;
}
