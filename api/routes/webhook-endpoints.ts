// Webhook endpoints: where a merchant wants its events. The signing secret is answered once,
// on create and on each rotation, as at Stripe; it is stored because every delivery is signed
// with it. Where an endpoint may point is checked here as written (url_not_allowed) and again
// on the resolved address by every delivery.
import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { endpointAddressPolicyFrom, endpointUrlRefusal } from '../../config/endpoint-address';
import {
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  insertWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookEndpointSecret,
  updateWebhookEndpoint,
} from '../../db/queries/webhooks';
import { openWebhookSecret, sealWebhookSecret } from '../../db/sealed/webhook-secrets';
import type { ApiDeps } from '../deps';
import { ApiError, invalidRequest, notFound } from '../errors';
import { deriveRequestId } from '../../views/ids';
import { idempotentPost } from '../idempotent-post';
import { createWebhookEndpointBody, rotateWebhookEndpointSecretBody, updateWebhookEndpointBody } from '../schemas/webhooks';
import { webhookEndpointView } from '../../views/webhook-endpoint';

const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export function webhookEndpointRoutes({ config, db, keyring }: ApiDeps): Router {
  const router = Router();
  const policy = endpointAddressPolicyFrom(config);

  /** A host name is not resolved here: one that does not resolve yet is accepted. */
  const assertUrlAllowed = (url: string) => {
    const refusal = endpointUrlRefusal(new URL(url), policy);
    if (refusal) throw invalidRequest('url_not_allowed', refusal, 'url');
  };

  router.post(
    '/webhook_endpoints',
    idempotentPost(db, config.idempotency, createWebhookEndpointBody, async ({ merchant, body, idempotencyKey }) => {
      assertUrlAllowed(body.url);
      // Derived from the key, like payment ids: a retry after a failure on our side, or after
      // the key's record expired, finds this endpoint instead of creating a second one.
      const id = `we_${deriveRequestId(merchant.id, idempotencyKey)}`;
      const endpoint = await insertWebhookEndpoint(db, {
        id,
        merchantId: merchant.id,
        url: body.url,
        events: body.events,
        secret: sealWebhookSecret(keyring, newSigningSecret()),
      });
      if (endpoint.deletedAt || endpoint.url !== body.url || endpoint.events.join() !== body.events.join()) {
        throw new ApiError(
          422,
          'idempotency_error',
          'idempotency_key_reused',
          'This Idempotency-Key created a different webhook endpoint.',
        );
      }
      return { status: 201, body: { ...webhookEndpointView(endpoint), secret: await openWebhookSecret(keyring, endpoint.secret) } };
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

  // Stripe's convention: an update is a POST to the object.
  router.post(
    '/webhook_endpoints/:id',
    idempotentPost(db, config.idempotency, updateWebhookEndpointBody, async ({ merchant, body, req }) => {
      const id = String(req.params.id);
      if (body.url !== undefined) assertUrlAllowed(body.url);
      const endpoint = await updateWebhookEndpoint(db, merchant.id, id, { url: body.url, events: body.events, enabled: body.enabled });
      if (!endpoint) throw notFound('webhook endpoint', id);
      return { status: 200, body: webhookEndpointView(endpoint) };
    }),
  );

  router.post(
    '/webhook_endpoints/:id/rotate_secret',
    idempotentPost(db, config.idempotency, rotateWebhookEndpointSecretBody, async ({ merchant, body, req }) => {
      const id = String(req.params.id);
      const endpoint = await rotateWebhookEndpointSecret(db, merchant.id, id, {
        secret: sealWebhookSecret(keyring, newSigningSecret()),
        overlapSeconds: body.expires_in_seconds,
      });
      if (!endpoint) throw notFound('webhook endpoint', id);
      return { status: 200, body: { ...webhookEndpointView(endpoint), secret: await openWebhookSecret(keyring, endpoint.secret) } };
    }),
  );

  // Deleting is idempotent by nature: no Idempotency-Key; a second delete finds nothing (404).
  router.delete('/webhook_endpoints/:id', async (req, res) => {
    if (!(await deleteWebhookEndpoint(db, res.locals.merchant.id, req.params.id))) throw notFound('webhook endpoint', req.params.id);
    res.json({ id: req.params.id, object: 'webhook_endpoint', deleted: true });
  });

  return router;
}
