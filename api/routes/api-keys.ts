// A merchant's API keys: list, create, roll, revoke — an unrestricted key only (the scope
// table, api/route-scopes.ts, says so). A secret is in the answer that made it and nowhere
// else: the Idempotency-Key keeps the answer without it, so a replay says `secret: null`
// (and so does a retry that finds the key its first attempt made). Another merchant's key
// is a 404, never a sign that it exists.
import { Router } from 'express';
import { createApiKey, findApiKey, listApiKeys, revokeApiKey, rollApiKey, type ApiKeyRow } from '../../db/queries/api-keys';
import type { ApiDeps } from '../deps';
import { ApiError, invalidRequest, notFound } from '../errors';
import { deriveApiKeyId } from '../../views/ids';
import { idempotentPost, keyReused, type Answer } from '../idempotent-post';
import type { AuthenticatedKey } from '../middleware/auth';
import { createApiKeyBody, listApiKeysQuery, revokeApiKeyBody, rollApiKeyBody } from '../schemas/api-keys';
import { grantedScopes } from '../../domain/scopes';
import { parseOrThrow } from '../validate';
import { apiKeyView } from '../../views/api-key';

/** The answer shows the secret once; the Idempotency-Key keeps it with `secret: null`. */
function withSecret(status: number, key: ApiKeyRow, secret: string | undefined): Answer {
  const view = apiKeyView(key);
  return { status, body: { ...view, secret: secret ?? null }, kept: { ...view, secret: null } };
}

export function apiKeyRoutes({ config, db }: ApiDeps): Router {
  const router = Router();

  router.get('/api_keys', async (req, res) => {
    const query = parseOrThrow(listApiKeysQuery, req.query);
    const rows = await listApiKeys(db, { merchantId: res.locals.merchant.id }, query.limit + 1, query.starting_after);
    res.json({ object: 'list', data: rows.slice(0, query.limit).map(apiKeyView), has_more: rows.length > query.limit });
  });

  router.get('/api_keys/:id', async (req, res) => {
    const key = await findApiKey(db, { merchantId: res.locals.merchant.id }, req.params.id);
    if (!key) throw notFound('API key', req.params.id);
    res.json(apiKeyView(key));
  });

  router.post(
    '/api_keys',
    idempotentPost(db, config.idempotency, createApiKeyBody, async ({ req, merchant, body, idempotencyKey }) => {
      const scopes = body.scopes ? grantedScopes(body.scopes) : null;
      const name = body.name ?? null;
      const { key, secret } = await createApiKey(db, {
        id: deriveApiKeyId(merchant.id, idempotencyKey),
        owner: { merchantId: merchant.id },
        name,
        scopes,
        actor: (req.res!.locals.apiKey as AuthenticatedKey).id,
      });
      // The key's record expired and the Idempotency-Key came back with another request.
      if (key.name !== name || key.scopes?.join() !== scopes?.join()) throw keyReused();
      return withSecret(201, key, secret);
    }),
  );

  router.post(
    '/api_keys/:id/roll',
    idempotentPost(db, config.idempotency, rollApiKeyBody, async ({ req, merchant, body, idempotencyKey }) => {
      const id = String(req.params.id);
      const outcome = await rollApiKey(db, {
        owner: { merchantId: merchant.id },
        keyId: id,
        newId: deriveApiKeyId(merchant.id, idempotencyKey, id),
        overlapSeconds: body.expires_in_seconds,
        actor: (req.res!.locals.apiKey as AuthenticatedKey).id,
      });
      if ('refused' in outcome) {
        if (outcome.refused === 'missing') throw notFound('API key', id);
        if (outcome.refused === 'revoked')
          throw new ApiError(400, 'invalid_request_error', 'api_key_revoked', `The API key ${id} is revoked; create a new one.`, 'id');
        throw new ApiError(
          400,
          'invalid_request_error',
          'api_key_already_rolled',
          `The API key ${id} was rolled already; roll its successor ${outcome.rolled!.replacedBy}, or revoke it to end its overlap now.`,
          'id',
        );
      }
      return withSecret(200, outcome.key, outcome.secret);
    }),
  );

  router.post(
    '/api_keys/:id/revoke',
    idempotentPost(db, config.idempotency, revokeApiKeyBody, async ({ req, merchant }) => {
      const id = String(req.params.id);
      const revoked = await revokeApiKey(db, {
        owner: { merchantId: merchant.id },
        keyId: id,
        actor: (req.res!.locals.apiKey as AuthenticatedKey).id,
      });
      if (!revoked) throw notFound('API key', id);
      if (revoked.already) throw invalidRequest('api_key_revoked', `The API key ${id} was revoked already.`, 'id');
      return { status: 200, body: apiKeyView(revoked.key) };
    }),
  );

  return router;
}
