// Webhook endpoints: where a merchant wants its events. The signing secret is answered once,
// on create, as at Stripe; it is stored because every delivery is signed with it.
import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { findWebhookEndpoint, insertWebhookEndpoint, listWebhookEndpoints } from '../../db/queries/webhooks';
import type { ApiDeps } from '../deps';
import { ApiError, notFound } from '../errors';
import { deriveRequestId } from '../ids';
import { idempotentPost } from '../idempotent-post';
import { createWebhookEndpointBody } from '../schemas/webhooks';
import { webhookEndpointView } from '../views/webhook-endpoint';

const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export function webhookEndpointRoutes({ config, db }: ApiDeps): Router {
  const router = Router();

  router.post(
    '/webhook_endpoints',
    idempotentPost(db, config.idempotency, createWebhookEndpointBody, async ({ merchant, body, idempotencyKey }) => {
      // Derived from the key, like payment ids: a retry after a failure on our side, or after
      // the key's record expired, finds this endpoint instead of creating a second one.
      const id = `we_${deriveRequestId(merchant.id, idempotencyKey)}`;
      const endpoint = await insertWebhookEndpoint(db, {
        id,
        merchantId: merchant.id,
        url: body.url,
        events: body.events,
        secret: newSigningSecret(),
      });
      if (endpoint.url !== body.url || endpoint.events.join() !== body.events.join()) {
        throw new ApiError(422, 'idempotency_error', 'idempotency_key_reused', 'This Idempotency-Key created a different webhook endpoint.');
      }
      return { status: 201, body: { ...webhookEndpointView(endpoint), secret: endpoint.secret } };
    }),
  );

  router.get('/webhook_endpoints', async (_req, res) => {
    const rows = await listWebhookEndpoints(db, res.locals.merchant.id);
    res.json({ object: 'list', data: rows.map(webhookEndpointView), has_more: false });
  });

  router.get('/webhook_endpoints/:id', async (req, res) => {
    const endpoint = await findWebhookEndpoint(db, res.locals.merchant.id, req.params.id);
    if (!endpoint) throw notFound('webhook endpoint', req.params.id);
    res.json(webhookEndpointView(endpoint));
  });

  return router;
}
