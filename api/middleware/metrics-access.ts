// /metrics is not public: its numbers (routes, latencies, process internals) are for the
// operator's scraper. Without METRICS_TOKEN it does not exist (404, like any unknown path);
// with it, a scrape presents the token as a bearer token (Prometheus `authorization`).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ApiError } from '../errors';
import { notFoundRoute } from './error-handler';

export function metricsAccess(token: string | undefined): RequestHandler {
  if (token === undefined) return notFoundRoute;
  const expected = digest(token);
  return (req, res, next) => {
    const sent = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1];
    // Digests have one length, so the comparison takes the same time whatever was sent.
    if (sent !== undefined && timingSafeEqual(digest(sent), expected)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="metrics"');
    next(new ApiError(401, 'invalid_request_error', 'metrics_token_invalid', 'GET /metrics needs the METRICS_TOKEN as a bearer token.'));
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest();
