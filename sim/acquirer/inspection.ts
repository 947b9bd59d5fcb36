// GET /_sim/acquirer/batches: every batch file the acquirer received, in order, with the
// Idempotency-Key it came under and the answer it got (replays and refusals included).
import { Router } from 'express';
import type { Acquirer } from './acquirer';

export function acquirerInspectionRoutes(acquirer: Acquirer): Router {
  const router = Router();
  router.get('/_sim/acquirer/batches', (_req, res) => {
    res.json(acquirer.receivedBatches());
  });
  return router;
}
