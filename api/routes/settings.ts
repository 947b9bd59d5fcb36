// The merchant's own defaults: the capture-before window, the statement descriptor, and the
// PSPs for payments no routing rule matches. They apply to payments created from then on
// (on other API instances within a second, as a revoked key stops working); a payment keeps
// the settings it was made with.
import { Router } from 'express';
import { findMerchantSettings, updateMerchantSettings } from '../../db/queries/merchant-settings';
import type { ApiDeps } from '../deps';
import { invalidRequest, notFound } from '../errors';
import { idempotentPost } from '../idempotent-post';
import { updateSettingsBody } from '../schemas/settings';
import { settingsView } from '../../views/settings';

/** `onChange`: the key cache's settings are stale (api/middleware/auth.ts). */
export function settingsRoutes({ config, db, availablePsps }: ApiDeps, { onChange }: { onChange: () => void }): Router {
  const router = Router();

  router.get('/settings', async (_req, res) => {
    const merchantId: string = res.locals.merchant.id;
    const settings = await findMerchantSettings(db, merchantId);
    if (!settings) throw notFound('merchant', merchantId);
    res.json(settingsView(settings));
  });

  router.post(
    '/settings',
    idempotentPost(db, config.idempotency, updateSettingsBody, async ({ merchant, body }) => {
      // As for a seller's payout PSP: a default nobody can send a payment to is a mistake now,
      // not a failed payment later.
      body.default_psps?.forEach((psp, index) => {
        if (!availablePsps.includes(psp)) {
          throw invalidRequest('psp_not_available', `No credentials are configured for ${psp}.`, `default_psps[${index}]`);
        }
      });
      const settings = await updateMerchantSettings(db, merchant.id, {
        ...(body.capture_before_seconds === undefined ? {} : { captureBeforeSeconds: body.capture_before_seconds }),
        ...(body.statement_descriptor === undefined ? {} : { statementDescriptor: body.statement_descriptor }),
        ...(body.default_psps === undefined ? {} : { defaultPsps: body.default_psps }),
      });
      if (!settings) throw notFound('merchant', merchant.id);
      onChange();
      return { status: 200, body: settingsView(settings) };
    }),
  );

  return router;
}
