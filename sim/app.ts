import express, { type Express } from 'express';
import type { SimContext } from './context';
import { simControlRoutes } from './routes/sim-control';
import { simInspectionRoutes } from './routes/sim-inspection';
import { stripeApi } from './stripe/router';

export function createSimulatorApp(context: SimContext): Express {
  const app = express();
  app.disable('x-powered-by');
  // Every change arrives by POST; keep the store's file (if any) in step with it.
  app.use((req, res, next) => {
    if (req.method === 'POST') res.once('finish', () => context.store.persist());
    next();
  });
  app.use('/v1', stripeApi(context));
  app.use(simControlRoutes(context));
  app.use(simInspectionRoutes(context));
  return app;
}
