// The simulated Adyen Checkout API (v72), at the paths the Adyen library calls relative to
// its host (/v72/payments, /v72/payments/{pspReference}/captures, …), in the order Adyen
// applies its checks: outage, parse, authenticate, idempotency, then the endpoint. Its
// settlement details reports are downloaded from the same host, with the same API key.
import express, { Router } from 'express';
import type { SimContext } from '../context';
import { requireApiKey } from './auth';
import { renderAdyenError, serviceUnavailable, unknownRoute } from './errors';
import { failFirstFlakyCalls } from './flaky-calls';
import { idempotentRequests } from './idempotency';
import { modificationRoutes } from './modifications';
import { paymentRoutes } from './payments';
import { recordRequests } from './record-requests';
import { settlementReportRoutes } from './settlement-report';

export function adyenApi(context: SimContext): Router {
  const router = Router();
  const state = context.store.adyen;
  router.use(context.outages.unavailableWhenDown('adyen', serviceUnavailable));
  router.use(express.json());
  router.use(recordRequests(context));
  router.use(requireApiKey);
  router.use(idempotentRequests(state));
  router.use(failFirstFlakyCalls(state));
  router.use(paymentRoutes(context));
  router.use(modificationRoutes(context));
  router.use(settlementReportRoutes(context));
  router.use(unknownRoute);
  router.use(renderAdyenError);
  return router;
}
