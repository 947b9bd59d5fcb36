// How a rate limit is told to the client, after draft-ietf-httpapi-ratelimit-headers-10:
//   RateLimit-Policy: "default";q=100;w=1      (the policy: q requests per w seconds)
//   RateLimit: "default";r=42;t=1              (r left; t seconds until more is made available)
// on every answer the limit was checked for, refusals included; a refusal is a 429
// `rate_limited` with Retry-After. A request under two policies (a redelivery) gets both,
// as list members of the same fields.
import type { Response } from 'express';
import { ApiError } from '../errors';
import type { Decision } from './leased-buckets';

export function setRateLimitHeaders(res: Response, policy: string, decision: Decision): void {
  res.append('RateLimit-Policy', `"${policy}";q=${decision.quota};w=${decision.windowSeconds}`);
  const reset = decision.resetSeconds === undefined ? '' : `;t=${decision.resetSeconds}`;
  res.append('RateLimit', `"${policy}";r=${decision.remaining}${reset}`);
  if (!decision.allowed) res.setHeader('Retry-After', String(decision.resetSeconds));
}

export function rateLimited(what: string, decision: Decision): ApiError {
  return new ApiError(
    429,
    'invalid_request_error',
    'rate_limited',
    `Too many ${what}: at most ${decision.quota} per ${decision.windowSeconds === 1 ? 'second' : `${decision.windowSeconds} seconds`}. Retry after ${decision.resetSeconds} seconds (Retry-After).`,
  );
}
