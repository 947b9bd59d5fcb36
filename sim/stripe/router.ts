// The simulated Stripe API under /v1, in the order Stripe applies its checks: parse the
// form, authenticate, idempotency, then the endpoint.
import express, { Router } from 'express';
import type { SimContext } from '../context';
import { requireSecretKey } from './auth';
import { failFirstFlakyCalls } from './flaky-calls';
import { idempotentRequests } from './idempotency';
import { stripeId } from './ids';
import { paymentIntentRoutes } from './payment-intents';
import { recordRequests } from './record-requests';
import { refundRoutes } from './refunds';
import { renderStripeError, unrecognizedRequestUrl } from './render-error';

export function stripeApi(context: SimContext): Router {
  const router = Router();
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
  router.use(paymentIntentRoutes(context));
  router.use(refundRoutes(context));
  router.use(unrecognizedRequestUrl);
  router.use(renderStripeError);
  return router;
}
