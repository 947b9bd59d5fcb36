// GET /_sim/report_faults: every report fault applied so far, oldest first, with the payment
// and line it touched, so a test knows what reconciliation should have found.
import { Router } from 'express';
import type { ReportFaults } from './faults';

export function reportFaultRoutes(faults: ReportFaults): Router {
  const router = Router();
  router.get('/_sim/report_faults', (_req, res) => {
    res.json(faults.appliedFaults());
  });
  return router;
}
