// Bearer secret-key authentication. Keys are stored as SHA-256 hashes; a short cache keeps
// the lookup off the hot path without letting a revoked key live long.
import type { RequestHandler } from 'express';
import type { Database } from '../../db/client';
import { findMerchantByApiKey, type AuthenticatedMerchant } from '../../db/queries/merchants';
import { ApiError } from '../errors';

const CACHE_MS = 30_000;

export function authenticate(db: Database): RequestHandler {
  const cache = new Map<string, { merchant: AuthenticatedMerchant; until: number }>();
  return async (req, res, next) => {
    const match = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '');
    if (!match) {
      throw new ApiError(401, 'authentication_error', 'api_key_missing', 'Send your secret key as "Authorization: Bearer <key>".');
    }
    const key = match[1]!;
    let hit = cache.get(key);
    if (!hit || hit.until < Date.now()) {
      const merchant = await findMerchantByApiKey(db, key);
      if (!merchant) throw new ApiError(401, 'authentication_error', 'api_key_invalid', 'Invalid API key.');
      hit = { merchant, until: Date.now() + CACHE_MS };
      cache.set(key, hit);
    }
    res.locals.merchant = hit.merchant;
    next();
  };
}
