// The simulated Adyen APIs at the paths the Adyen library calls relative to each API's host:
// Checkout v72 (/v72/payments, /v72/payments/{pspReference}/captures, …), Payout v68
// (/pal/servlet/Payout/v68/submitThirdParty) and Disputes v30
// (/ca/services/DisputeService/v30/…), in the order Adyen applies its checks: outage, parse,
// authenticate, idempotency, then the endpoint. Its settlement details reports are downloaded
// from the same host, with the same API key.
import express, { Router } from 'express';
import type { SimContext } from '../context';
import { requireApiKey } from './auth';
import { disputeServiceRoutes } from './dispute-service';
import { renderAdyenError, serviceUnavailable, unknownRoute } from './errors';
import { failFirstFlakyCalls } from './flaky-calls';
import { idempotentRequests } from './idempotency';
import { modificationRoutes } from './modifications';
import { paymentRoutes } from './payments';
import { payoutRoutes } from './payouts';
import { recordRequests } from './record-requests';
import { settlementReportRoutes } from './settlement-report';

export function adyenApi(context: SimContext): Router {
  const router = Router();
  const state = context.store.adyen;
  router.use(context.outages.unavailableWhenDown('adyen', serviceUnavailable));
  // Defense documents are base64 in the JSON body, and Adyen takes them up to 10 MB.
  router.use(express.json({ limit: '15mb' }));
  router.use(recordRequests(context));
  router.use(requireApiKey);
  router.use(idempotentRequests(state));
  router.use(failFirstFlakyCalls(state));
  router.use(paymentRoutes(context));
  router.use(modificationRoutes(context));
  router.use(payoutRoutes(context));
  router.use(disputeServiceRoutes(context));
  router.use(settlementReportRoutes(context));
  router.use(unknownRoute);
  router.use(renderAdyenError);
  return router;
}
