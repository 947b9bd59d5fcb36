// A marketplace's sellers: create, read, change the payout schedule, and the wallet.
import { Router } from 'express';
import { findSeller, insertSeller, listSellers, sellerBalances, updateSeller } from '../../db/queries/sellers';
import type { ApiDeps } from '../deps';
import { ApiError, invalidRequest, notFound } from '../errors';
import { deriveSellerId } from '../../views/ids';
import { idempotentPost } from '../idempotent-post';
import { createSellerBody, listQuery, updateSellerBody } from '../schemas/marketplace';
import { applyPayoutSchedule, payoutScheduleFrom } from '../seller-schedule';
import { parseOrThrow } from '../validate';
import { balanceView } from '../../views/balance';
import { sellerView } from '../../views/seller';

const listSellersQuery = listQuery(/^sel_[a-z0-9]+$/);

export function sellerRoutes({ config, db, temporal, availablePsps }: ApiDeps): Router {
  const router = Router();

  router.post(
    '/sellers',
    idempotentPost(db, config.idempotency, createSellerBody, async ({ merchant, body, idempotencyKey }) => {
      if (!availablePsps.includes(body.payout_psp)) {
        throw invalidRequest(
          'psp_not_available',
          `No credentials are configured for ${body.payout_psp}; its payouts could not be sent.`,
          'payout_psp',
        );
      }
      // Derived from the key like payment ids: a retry finds this seller instead of making a second.
      const id = deriveSellerId(merchant.id, idempotencyKey);
      const seller = await insertSeller(db, {
        id,
        merchantId: merchant.id,
        name: body.name,
        payoutPsp: body.payout_psp,
        payoutSchedule: payoutScheduleFrom(body.payout_schedule),
      });
      if (seller.name !== body.name) {
        throw new ApiError(422, 'idempotency_error', 'idempotency_key_reused', 'This Idempotency-Key created a different seller.');
      }
      await applyPayoutSchedule(temporal, config, seller);
      return { status: 201, body: sellerView(seller) };
    }),
  );

  router.get('/sellers', async (req, res) => {
    const query = parseOrThrow(listSellersQuery, req.query);
    const rows = await listSellers(db, res.locals.merchant.id, query.limit + 1, query.starting_after);
    res.json({ object: 'list', data: rows.slice(0, query.limit).map(sellerView), has_more: rows.length > query.limit });
  });

  router.get('/sellers/:id', async (req, res) => {
    const seller = await findSeller(db, res.locals.merchant.id, req.params.id);
    if (!seller) throw notFound('seller', req.params.id);
    res.json(sellerView(seller));
  });

  router.post(
    '/sellers/:id',
    idempotentPost(db, config.idempotency, updateSellerBody, async ({ merchant, body, req }) => {
      const id = String(req.params.id);
      const seller = await updateSeller(db, merchant.id, id, {
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.payout_schedule === undefined ? {} : { payoutSchedule: payoutScheduleFrom(body.payout_schedule) }),
      });
      if (!seller) throw notFound('seller', id);
      if (body.payout_schedule !== undefined) await applyPayoutSchedule(temporal, config, seller);
      return { status: 200, body: sellerView(seller) };
    }),
  );

  router.get('/sellers/:id/balance', async (req, res) => {
    const seller = await findSeller(db, res.locals.merchant.id, req.params.id);
    if (!seller) throw notFound('seller', req.params.id);
    res.json(balanceView(await sellerBalances(db, seller.id)));
  });

  return router;
}
