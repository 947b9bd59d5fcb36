// The rate limits (docs/api.md, "Rate limits"), each a token bucket in Postgres:
// - every authenticated /v1 request: one bucket per merchant, shared by all its keys, at
//   RATE_LIMIT_PER_SECOND or the merchant's own rate_limit_per_second; a finance key acts for
//   no merchant and has a bucket of its own at the default rate;
// - webhook redeliveries: a second, smaller bucket per merchant;
// - /ops logins: one bucket per client address;
// - requests with a key that does not work: one bucket per client address.
// Mounted after authentication (the bucket is the merchant's) and before any route handler,
// so before an Idempotency-Key is claimed: a 429 is never stored as a key's answer, and the
// same key retried once the bucket refills runs the request. PSP webhooks are never limited
// (they are mounted before /v1 and never reach these).
import type { Request, RequestHandler, Response } from 'express';
import type { AuthenticatedMerchant } from '../../db/queries/merchants';
import { takeTokens } from '../../db/queries/rate-limits';
import type { ApiDeps } from '../deps';
import type { AuthenticatedKey, FailedAuthLimit } from './auth';
import { clientAddressBucket } from '../rate-limit/client-address';
import { rateLimited, setRateLimitHeaders } from '../rate-limit/headers';
import { LeasedBuckets, type Decision } from '../rate-limit/leased-buckets';

/** The /v1 limit: the merchant's bucket, or a finance key's own. */
export function apiRateLimit(deps: ApiDeps): RequestHandler {
  const buckets = leasedBuckets(deps);
  const { perSecond, burstSeconds, lease } = deps.config.rateLimits;
  const quota = perSecond * burstSeconds;
  return async (_req, res, next) => {
    const merchant = res.locals.merchant as AuthenticatedMerchant | undefined;
    const key = res.locals.apiKey as AuthenticatedKey;
    const decision = merchant
      ? await buckets.take(`api:${merchant.id}`, { quota, windowSeconds: burstSeconds, merchantId: merchant.id, maxLease: lease })
      : await buckets.take(`api-key:${key.id}`, { quota, windowSeconds: burstSeconds, maxLease: lease });
    setRateLimitHeaders(res, 'default', decision);
    if (!decision.allowed) throw rateLimited('requests', decision);
    next();
  };
}

/** POST /v1/events/:id/redeliver: each one sends an event to every endpoint again. */
export function redeliveryRateLimit(deps: ApiDeps): RequestHandler {
  const limit = perMinute(deps, deps.config.rateLimits.redeliveriesPerMinute);
  return async (_req, res, next) => {
    const merchant = res.locals.merchant as AuthenticatedMerchant;
    const decision = await limit(`redeliveries:${merchant.id}`);
    setRateLimitHeaders(res, 'redeliveries', decision);
    if (!decision.allowed) throw rateLimited('webhook redeliveries', decision);
    next();
  };
}

/**
 * Counts one /ops login attempt of the request's client address (req.ip: X-Forwarded-For
 * only from a proxy TRUST_PROXY names) and sets the headers; the caller answers a refusal.
 * An attacker's flood locks out only its own address, and only while it lasts: the bucket
 * refills at its steady rate.
 */
export function opsLoginRateLimit(deps: ApiDeps): (req: Request, res: Response) => Promise<Decision> {
  const limit = perMinute(deps, deps.config.rateLimits.opsLoginsPerMinute);
  return async (req, res) => {
    const decision = await limit(`ops-login:${clientAddressBucket(req.ip)}`);
    setRateLimitHeaders(res, 'login', decision);
    return decision;
  };
}

/**
 * Requests with an unknown, revoked or expired key, per client address: each costs a lookup in
 * Postgres, so a flood of made-up keys is cut off at the address once over the limit, and
 * answered from memory while the refusal lasts (authenticate asks `refused` first). A key is
 * 32 random characters: the limit protects the database, guessing is hopeless anyway.
 */
export function failedAuthRateLimit(deps: ApiDeps): FailedAuthLimit {
  const buckets = leasedBuckets(deps);
  const quota = deps.config.rateLimits.authFailuresPerMinute;
  const key = (req: Request) => `auth-failures:${clientAddressBucket(req.ip)}`;
  return {
    refused: (req) => buckets.refusal(key(req), 60),
    count: (req) => buckets.take(key(req), { quota, windowSeconds: 60, maxLease: 1 }),
  };
}

/**
 * A small budget per minute, one token per round trip: these are rare requests, so exactness
 * across instances is worth more than the round trip.
 */
function perMinute(deps: ApiDeps, quota: number): (key: string) => Promise<Decision> {
  const buckets = leasedBuckets(deps);
  return (key) => buckets.take(key, { quota, windowSeconds: 60, maxLease: 1 });
}

function leasedBuckets(deps: ApiDeps): LeasedBuckets {
  return new LeasedBuckets((bucket, policy, nowMs) => takeTokens(deps.db, bucket, policy, nowMs), deps.clock);
}
