import { Router } from 'express';
import { listLedgerTransactions, merchantBalances } from '../../db/queries/ledger';
import { findPayment } from '../../db/queries/payments';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { ledgerTransactionsQuery } from '../schemas/payments';
import { parseOrThrow } from '../validate';
import { balanceView } from '../../views/balance';

/** Balances and ledger transactions, all derived from ledger entries. */
export function ledgerRoutes({ db }: ApiDeps): Router {
  const router = Router();

  router.get('/balance', async (_req, res) => {
    res.json(balanceView(await merchantBalances(db, res.locals.merchant.id)));
  });

  router.get('/ledger/transactions', async (req, res) => {
    const { payment } = parseOrThrow(ledgerTransactionsQuery, req.query);
    const merchantId = res.locals.merchant.id;
    if (!(await findPayment(db, merchantId, payment))) throw notFound('payment', payment, 'payment');
    res.json({ object: 'list', data: await listLedgerTransactions(db, { merchantId, paymentId: payment }), has_more: false });
  });

  return router;
}
