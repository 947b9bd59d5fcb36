// Gives every request an id (echoed as `Request-Id`), a logger bound to it, and one access
// log line when the response is sent. A caller's X-Request-Id is kept only in a safe shape:
// it is logged and echoed, so one holding a card number is replaced (and the request refused
// by the card-data guard). The log line names the route's pattern, never the URL, its query
// or headers: a refused request's card number is in those.
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { containsCardNumber } from '../../domain/card-number';
import type { Logger } from '../../telemetry/logger';
import type { HttpMetrics } from '../metrics';

const CALLER_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

export function requestContext(logger: Logger, metrics: HttpMetrics): RequestHandler {
  return (req, res, next) => {
    const header = req.get('x-request-id');
    const safe = header !== undefined && CALLER_ID.test(header) && !containsCardNumber(header);
    const requestId = safe ? header : `req_${randomUUID().replace(/-/g, '')}`;
    res.locals.requestId = requestId;
    res.locals.log = logger.child({ request_id: requestId });
    res.setHeader('Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The matched route pattern, not the URL: ids must not explode the metric's labels.
      // (baseUrl is reset once the request leaves the /v1 router, hence the prefix check.)
      const route = req.route?.path ? `${req.originalUrl.startsWith('/v1/') ? '/v1' : ''}${req.route.path}` : 'unmatched';
      metrics.observe(req.method, route, res.statusCode, seconds);
      res.locals.log.info(
        { method: req.method, route, status: res.statusCode, duration_ms: Math.round(seconds * 1000), merchant: res.locals.merchant?.id },
        'request',
      );
    });
    next();
  };
}
