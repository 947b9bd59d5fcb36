// Bearer secret-key authentication. Keys are stored as SHA-256 hashes; a short cache keeps
// the lookup off the hot path without letting a revoked key live long.
//
// A key has one role: a merchant key acts for its merchant (res.locals.merchant), a finance
// key runs settlement and reconciliation across merchants. Each route group admits one role
// (requireRole); res.locals.apiKey names the key either way, for the audit log's actor.
import type { RequestHandler } from 'express';
import type { Database } from '../../db/client';
import { findApiKeyOwner, type ApiKeyOwner } from '../../db/queries/merchants';
import type { ApiKeyRole } from '../../db/schema';
import { ApiError } from '../errors';

const CACHE_MS = 30_000;

export interface AuthenticatedKey {
  id: string;
  role: ApiKeyRole;
}

export function authenticate(db: Database): RequestHandler {
  const cache = new Map<string, { owner: ApiKeyOwner; until: number }>();
  return async (req, res, next) => {
    const match = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '');
    if (!match) {
      throw new ApiError(401, 'authentication_error', 'api_key_missing', 'Send your secret key as "Authorization: Bearer <key>".');
    }
    const key = match[1]!;
    let hit = cache.get(key);
    if (!hit || hit.until < Date.now()) {
      const owner = await findApiKeyOwner(db, key);
      if (!owner) throw new ApiError(401, 'authentication_error', 'api_key_invalid', 'Invalid API key.');
      hit = { owner, until: Date.now() + CACHE_MS };
      cache.set(key, hit);
    }
    const { owner } = hit;
    res.locals.apiKey = { id: owner.keyId, role: owner.role } satisfies AuthenticatedKey;
    if (owner.role === 'merchant') res.locals.merchant = owner.merchant;
    next();
  };
}

const ROLE_WORDS: Record<ApiKeyRole, string> = {
  merchant: "a merchant's secret key",
  finance: 'a finance key (holdfast keys create --role finance)',
};

/** Lets only keys of `role` through; the other role gets 403 api_key_wrong_role. */
export function requireRole(role: ApiKeyRole): RequestHandler {
  return (_req, res, next) => {
    const key = res.locals.apiKey as AuthenticatedKey;
    if (key.role !== role) {
      throw new ApiError(403, 'permission_error', 'api_key_wrong_role', `This request needs ${ROLE_WORDS[role]}; this key's role is ${key.role}.`);
    }
    next();
  };
}
