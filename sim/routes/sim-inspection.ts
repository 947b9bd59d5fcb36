// Read-only views for tests and reconciliation: what the PSP holds (GET /_sim/payments), what
// it was asked (GET /_sim/requests) and the disputes it opened (GET /_sim/disputes). No auth:
// they are not part of Stripe's API.
import { type Request, Router } from 'express';
import { acquirerInspectionRoutes } from '../acquirer/inspection';
import { adyenExchangeRoutes, adyenPaymentRows } from '../adyen/inspection';
import type { SimContext } from '../context';
import { PSP_NAMES } from '../../domain/psp';
import { reportFaultRoutes } from '../reports/inspection';
import { isoFromStripeUnits } from '../stripe/currency-rules';
import { MERCHANT_REFERENCE_KEY } from '../stripe/payment-context';

export function simInspectionRoutes(context: SimContext): Router {
  const router = Router();

  router.get('/_sim/payments', (req, res) => {
    const merchantReference = merchantReferenceFilter(req);
    const data = [...context.store.paymentIntents.values()]
      .filter((intent) => merchantReference === undefined || intent.metadata[MERCHANT_REFERENCE_KEY] === merchantReference)
      // ISO minor units, like the Adyen face's rows and holdfast (Stripe counts ISK in hundredths).
      .map((intent) => ({
        psp: 'stripe',
        psp_reference: intent.id,
        merchant_reference: intent.metadata[MERCHANT_REFERENCE_KEY] ?? null,
        amount: isoFromStripeUnits(intent.amount, intent.currency),
        currency: intent.currency,
        status: intent.status,
        amount_captured: isoFromStripeUnits(intent.amountReceived, intent.currency),
        amount_refunded: isoFromStripeUnits(intent.amountRefunded, intent.currency),
        authorizations: intent.authorizations,
        statement_descriptor: intent.statementDescriptorSuffix ?? null,
      }));
    res.json({ data: [...data, ...adyenPaymentRows(context.store.adyen, merchantReference)] });
  });

  // Adyen's requests are in /_sim/requests like Stripe's; this adds the JSON each way.
  router.use(adyenExchangeRoutes(context.store.adyen));
  // What the acquirer received, and which settlement report lines were corrupted on purpose.
  router.use(acquirerInspectionRoutes(context.acquirer));
  router.use(reportFaultRoutes(context.reportFaults));

  // Every dispute either PSP face opened (`dispute` on /_sim/control), oldest first per face.
  router.get('/_sim/disputes', (_req, res) => {
    res.json({ data: PSP_NAMES.flatMap((psp) => context.disputes[psp].list()) });
  });

  router.get('/_sim/requests', (req, res) => {
    const data = context.requests.list(merchantReferenceFilter(req));
    res.json({ count: data.length, data });
  });

  return router;
}

function merchantReferenceFilter(req: Request): string | undefined {
  const value = req.query.merchant_reference;
  return typeof value === 'string' ? value : undefined;
}
