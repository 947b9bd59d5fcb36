import { Router } from 'express';
import { findPayment, findRefund, listRefunds } from '../../db/queries/payments';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { listPaymentRefundsQuery, listRefundsQuery } from '../schemas/payments';
import { parseOrThrow } from '../validate';
import { refundViewFromRow } from '../../views/payment';

export function refundRoutes({ db }: ApiDeps): Router {
  const router = Router();

  /** One page of the merchant's refunds; a payment named must be the merchant's own (else 404). */
  async function answerRefunds(
    merchantId: string,
    query: { limit: number; starting_after?: string },
    payment?: { id: string; param: string },
  ) {
    if (payment && !(await findPayment(db, merchantId, payment.id))) throw notFound('payment', payment.id, payment.param);
    const { rows, hasMore } = await listRefunds(db, {
      merchantId,
      limit: query.limit,
      startingAfter: query.starting_after,
      paymentId: payment?.id,
    });
    return { object: 'list' as const, data: rows.map(refundViewFromRow), has_more: hasMore };
  }

  router.get('/refunds', async (req, res) => {
    const query = parseOrThrow(listRefundsQuery, req.query);
    const payment = query.payment === undefined ? undefined : { id: query.payment, param: 'payment' };
    res.json(await answerRefunds(res.locals.merchant.id, query, payment));
  });

  router.get('/payments/:id/refunds', async (req, res) => {
    const query = parseOrThrow(listPaymentRefundsQuery, req.query);
    res.json(await answerRefunds(res.locals.merchant.id, query, { id: req.params.id, param: 'id' }));
  });

  router.get('/refunds/:id', async (req, res) => {
    const row = await findRefund(db, res.locals.merchant.id, req.params.id);
    if (!row) throw notFound('refund', req.params.id);
    res.json(refundViewFromRow(row));
  });
  return router;
}
