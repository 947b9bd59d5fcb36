// The rate limits in the OpenAPI document: every /v1 operation may answer 429 `rate_limited`
// (api/middleware/rate-limit.ts), and every answer after authentication carries the
// RateLimit and RateLimit-Policy fields of draft-ietf-httpapi-ratelimit-headers-10.
import { z } from 'zod';
import { errorObject } from './schemas/objects';

const rateLimitHeaders = {
  'RateLimit-Policy': {
    description: 'The limit in force, e.g. `"default";q=100;w=1`: q requests per w seconds (a redelivery adds `"redeliveries";q=60;w=60`)',
    schema: { type: 'string' },
  },
  RateLimit: {
    description: 'What is left of it, e.g. `"default";r=42;t=1`: r requests, more in t seconds (no t when the bucket is full)',
    schema: { type: 'string' },
  },
};

const tooManyRequests = {
  description:
    "rate_limited: over the merchant's requests per second (or, for a redelivery, per minute); retry after Retry-After seconds. Never stored under an Idempotency-Key",
  headers: {
    'Retry-After': {
      description: 'Seconds until the bucket holds a request again',
      required: true,
      schema: { type: 'integer', minimum: 1 },
    },
    ...rateLimitHeaders,
  },
  content: { 'application/json': { schema: z.toJSONSchema(errorObject, { io: 'output' }) } },
};

type Responses = Record<string, { headers?: Record<string, object> }>;

/** Adds the 429 and the headers to every /v1 operation; 401 comes before the limit, without them. */
export function withRateLimits<D extends { paths: Record<string, object> }>(document: D): D {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const operation of Object.values(item as Record<string, { responses?: Responses }>)) {
      const responses = operation.responses;
      if (!responses) continue;
      for (const [status, response] of Object.entries(responses)) {
        if (status !== '401') response.headers = { ...response.headers, ...rateLimitHeaders };
      }
      responses['429'] = tooManyRequests;
    }
  }
  return document;
}
