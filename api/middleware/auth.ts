// Bearer secret-key authentication. Keys are stored as SHA-256 hashes; a cache of at most a
// second keeps the lookup off most requests, and bounds how long a revoked or expired key
// still works on any API instance (each has its own cache) to that second: no notification
// to lose, and one lookup a second per key and instance, shared by the requests that wait
// for it.
//
// A key has one role: a merchant key acts for its merchant (res.locals.merchant), a finance
// key runs settlement and reconciliation across merchants. Each route group admits one role
// (requireRole); res.locals.apiKey names the key either way, for the audit log's actor. A
// merchant key may be restricted to scopes (requireScope, api/route-scopes.ts).
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/client';
import { touchApiKey } from '../../db/queries/api-keys';
import { findApiKeyOwner, type ApiKeyOwner } from '../../db/queries/merchants';
import type { ApiKeyRole } from '../../db/schema';
import { ApiError } from '../errors';
import { rateLimited, setRateLimitHeaders } from '../rate-limit/headers';
import type { Decision } from '../rate-limit/leased-buckets';
import { scopeFor } from '../route-scopes';
import { allows, UNRESTRICTED } from '../../domain/scopes';

/** Counted from when the lookup was sent, so no answer is used once its snapshot is a second old. */
const CACHE_MS = 1_000;
const MINUTE_MS = 60_000;

export interface AuthenticatedKey {
  id: string;
  role: ApiKeyRole;
  /** A merchant key's scopes; null = unrestricted (and always for a finance key). */
  scopes: string[] | null;
}

interface CacheEntry {
  owner: Promise<ApiKeyOwner | undefined>;
  until: number;
}

/** The middleware, and a way to drop what its cache holds when a merchant's settings change. */
export type Authenticate = RequestHandler & { forgetCached(): void };

/** Requests with a key that does not work, counted per client address (api/middleware/rate-limit.ts). */
export interface FailedAuthLimit {
  /** The address's refusal while it lasts, known without a round trip. */
  refused(req: Request): Decision | undefined;
  count(req: Request): Promise<Decision>;
}

/** `failures`: the failed-authentication limit; an app without one (a test's) counts none. */
export function authenticate(db: Database, failures?: FailedAuthLimit): Authenticate {
  const cache = new Map<string, CacheEntry>();

  const lookUp = (key: string): CacheEntry => {
    const asked = Date.now();
    const entry: CacheEntry = { owner: findApiKeyOwner(db, key), until: asked + CACHE_MS };
    cache.set(key, entry);
    const forget = () => {
      if (cache.get(key) === entry) cache.delete(key);
    };
    entry.owner.then((owner) => {
      // An unknown key is not kept (that would let anyone fill the cache); a rolled key is
      // kept no longer than its overlap.
      if (!owner) forget();
      else if (owner.expiresAt) entry.until = Math.min(entry.until, owner.expiresAt.getTime());
      if (owner && (owner.lastUsedEpoch ?? 0) * 1000 + MINUTE_MS <= asked) {
        const minute = Math.floor(asked / MINUTE_MS) * 60;
        // Off the request's path: last_used is coarse, and a failed write only leaves it older.
        void touchApiKey(db, owner.keyId, minute).catch(() => undefined);
      }
    }, forget);
    return entry;
  };

  const handler: RequestHandler = async (req, res, next) => {
    const match = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '');
    if (!match) {
      throw new ApiError(401, 'authentication_error', 'api_key_missing', 'Send your secret key as "Authorization: Bearer <key>".');
    }
    const key = match[1]!;
    const cached = cache.get(key);
    const fresh = cached && Date.now() < cached.until ? cached : undefined;
    // An address over its failed-key limit gets no lookup for a key it has not shown working.
    const refused = fresh ? undefined : failures?.refused(req);
    if (refused) throw refusedAddress(res, refused);
    const owner = await (fresh ?? lookUp(key)).owner;
    if (!owner) {
      const counted = await failures?.count(req);
      if (counted && !counted.allowed) throw refusedAddress(res, counted);
      throw new ApiError(401, 'authentication_error', 'api_key_invalid', 'Invalid API key.');
    }
    const scopes = owner.role === 'merchant' ? owner.scopes : null;
    res.locals.apiKey = { id: owner.keyId, role: owner.role, scopes } satisfies AuthenticatedKey;
    if (owner.role === 'merchant') res.locals.merchant = owner.merchant;
    next();
  };
  // A settings change is rare: every key is looked up again, so this instance's next payment
  // takes the new settings at once (the others within CACHE_MS).
  return Object.assign(handler, { forgetCached: () => cache.clear() });
}

function refusedAddress(res: Response, decision: Decision): ApiError {
  setRateLimitHeaders(res, 'auth-failures', decision);
  return rateLimited('requests with an invalid API key from this address', decision);
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
      throw new ApiError(
        403,
        'permission_error',
        'api_key_wrong_role',
        `This request needs ${ROLE_WORDS[role]}; this key's role is ${key.role}.`,
      );
    }
    next();
  };
}

/**
 * Lets a restricted key through only where one of its scopes grants the route (the table in
 * api/route-scopes.ts); a route the table does not list is closed to every restricted key.
 */
export const requireScope: RequestHandler = (req, res, next) => {
  const key = res.locals.apiKey as AuthenticatedKey;
  const needed = scopeFor(req.method, `${req.baseUrl}${req.path}`);
  if (key.scopes === null || (needed && allows(key.scopes, needed))) {
    next();
    return;
  }
  throw new ScopeRefusal(needed ?? UNRESTRICTED);
};

/** 403 api_key_scope_insufficient, naming the scope needed in `required_scope` too. */
export class ScopeRefusal extends ApiError {
  constructor(readonly requiredScope: string) {
    const what = requiredScope === UNRESTRICTED ? 'an unrestricted key' : `a key with the scope ${requiredScope}`;
    super(403, 'permission_error', 'api_key_scope_insufficient', `This request needs ${what}; this key is restricted and lacks it.`);
  }

  override toBody() {
    const body = super.toBody();
    return { error: { ...body.error, required_scope: this.requiredScope } };
  }
}
