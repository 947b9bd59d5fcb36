import { Router } from 'express';
import { findRefund } from '../../db/queries/payments';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { refundViewFromRow } from '../views/payment';

export function refundRoutes({ db }: ApiDeps): Router {
  const router = Router();
  router.get('/refunds/:id', async (req, res) => {
    const row = await findRefund(db, res.locals.merchant.id, req.params.id);
    if (!row) throw notFound('refund', req.params.id);
    res.json(refundViewFromRow(row));
  });
  return router;
}
