// The simulator's three HTTP faces. Each PSP listens on its own port, so `psp_down` can close
// one PSP's listener (connections refused) while the other and the control routes stay up.
import express, { type Express } from 'express';
import type { PspName } from '../domain/psp';
import { acquirerRoutes } from './acquirer/routes';
import { adyenApi } from './adyen/router';
import { adyenShopperPages } from './adyen/shopper-pages';
import type { SimContext } from './context';
import { simControlRoutes } from './routes/sim-control';
import { riskService } from './risk';
import { simInspectionRoutes } from './routes/sim-inspection';
import { stripeApi } from './stripe/router';
import { stripeShopperPages } from './stripe/shopper-pages';

function baseApp(context: SimContext): Express {
  const app = express();
  app.disable('x-powered-by');
  // Every change arrives by POST; keep the store's file (if any) in step with it.
  app.use((req, res, next) => {
    if (req.method === 'POST') res.once('finish', () => context.store.persist());
    next();
  });
  return app;
}

/** Test knobs, inspection, the pages a shopper visits (3-D Secure challenges), the risk service, the acquirer. */
export function createControlApp(context: SimContext): Express {
  const app = baseApp(context);
  app.use(simControlRoutes(context));
  app.use(simInspectionRoutes(context));
  app.use(stripeShopperPages(context));
  app.use(adyenShopperPages(context));
  app.use(riskService(context));
  app.use(acquirerRoutes(context));
  return app;
}

export function createPspApp(psp: PspName, context: SimContext): Express {
  const app = baseApp(context);
  if (psp === 'stripe') app.use('/v1', stripeApi(context));
  else app.use(adyenApi(context));
  return app;
}
