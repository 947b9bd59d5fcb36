// Payouts of a seller's available balance. Merchants ask for them and read them; finance
// approves the ones above PAYOUT_APPROVAL_THRESHOLD (financePayoutRoutes).
import { Router } from 'express';
import { findPayoutForFinance, payoutsAwaitingApproval } from '../../db/queries/payout-approvals';
import { findPayout, listPayouts } from '../../db/queries/payouts';
import { findSeller } from '../../db/queries/sellers';
import { approvePayoutUpdate, cancelPayoutUpdate, type PayoutInput } from '../../contracts/payout.contract';
import type { ApiDeps } from '../deps';
import { invalidRequest, notFound } from '../errors';
import { derivePayoutId } from '../../views/ids';
import { idempotentPost, keyReused } from '../idempotent-post';
import { findLegacyPayout } from '../legacy-derived-ids';
import { createPayout, payoutNotAwaitingApproval, updatePayout } from '../payout-commands';
import { approvePayoutBody, cancelPayoutBody, createPayoutBody, listPayoutsQuery } from '../schemas/marketplace';
import { parseOrThrow } from '../validate';
import { payoutView } from '../../views/payout';

export function payoutRoutes({ config, db, temporal }: ApiDeps): Router {
  const router = Router();

  router.post(
    '/payouts',
    idempotentPost(db, config.idempotency, createPayoutBody, async ({ merchant, body, idempotencyKey, bind, retried }) => {
      const seller = await findSeller(db, merchant.id, body.seller);
      if (!seller) throw invalidRequest('resource_missing', `No such seller: '${body.seller}'`, 'seller');
      // The dead attempt may have been the release before, paying out under its own id.
      const legacy = retried ? await findLegacyPayout(db, temporal, merchant.id, idempotencyKey) : undefined;
      if (legacy && (legacy.sellerId !== seller.id || legacy.amount !== body.amount || legacy.currency !== body.currency)) {
        throw keyReused();
      }
      const payoutId = legacy?.id ?? derivePayoutId(merchant.id, seller.id, idempotencyKey);
      await bind(payoutId);
      const input: PayoutInput = {
        payoutId,
        merchantId: merchant.id,
        sellerId: seller.id,
        amount: body.amount,
        currency: body.currency,
        psp: seller.payoutPsp,
        method: 'manual',
        approvalThreshold: config.payouts.approvalThreshold,
        createdAt: new Date().toISOString(),
      };
      return { status: 201, body: payoutView(await createPayout(temporal, db, config, input)) };
    }),
  );

  router.get('/payouts', async (req, res) => {
    const query = parseOrThrow(listPayoutsQuery, req.query);
    const { rows, hasMore } = await listPayouts(db, {
      merchantId: res.locals.merchant.id,
      limit: query.limit,
      ...(query.starting_after ? { startingAfter: query.starting_after } : {}),
      ...(query.seller ? { sellerId: query.seller } : {}),
      ...(query.status ? { status: query.status } : {}),
    });
    res.json({ object: 'list', data: rows.map(payoutView), has_more: hasMore });
  });

  router.get('/payouts/:id', async (req, res) => {
    const payout = await findPayout(db, res.locals.merchant.id, req.params.id);
    if (!payout) throw notFound('payout', req.params.id);
    res.json(payoutView(payout));
  });

  router.post(
    '/payouts/:id/cancel',
    idempotentPost(db, config.idempotency, cancelPayoutBody, async ({ merchant, req }) => {
      const payout = await findPayout(db, merchant.id, String(req.params.id));
      if (!payout) throw notFound('payout', String(req.params.id));
      const state = await updatePayout(
        temporal,
        payout.id,
        (h) => h.executeUpdate(cancelPayoutUpdate),
        () => payoutNotAwaitingApproval(payout.status),
      );
      return { status: 200, body: payoutView(state) };
    }),
  );

  return router;
}

/** Finance's side: the payouts waiting for approval, and the approval itself (recorded with the key's id). */
export function financePayoutRoutes({ db, temporal }: ApiDeps): Router {
  const router = Router();

  router.get('/payout_approvals', async (_req, res) => {
    const rows = await payoutsAwaitingApproval(db, 100);
    res.json({
      object: 'list',
      data: rows.map((row) => ({ ...payoutView(row), merchant: row.merchantId })),
      has_more: rows.length === 100,
    });
  });

  router.post('/payouts/:id/approve', async (req, res) => {
    parseOrThrow(approvePayoutBody, req.body);
    const payout = await findPayoutForFinance(db, req.params.id);
    if (!payout) throw notFound('payout', req.params.id);
    const approvedBy = res.locals.apiKey.id;
    const state = await updatePayout(
      temporal,
      payout.id,
      (h) => h.executeUpdate(approvePayoutUpdate, { args: [{ approvedBy }] }),
      () => payoutNotAwaitingApproval(payout.status),
    );
    res.json(payoutView(state));
  });

  return router;
}
