// The last middleware: ApiErrors become their 4xx/5xx answer; a dependency that is down
// (Postgres, Temporal) is a 503 with Retry-After; anything else is a bug, logged with its stack
// and answered with a generic 500 that leaks nothing.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError } from '../errors';
import { isDependencyUnavailable, RETRY_AFTER_SECONDS } from '../unavailable';

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'invalid_request_error', 'route_not_found', `Unrecognized request URL (${req.method} ${req.path}).`));
};

export const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  if (error instanceof ApiError) {
    res.status(error.status).json(error.toBody());
    return;
  }
  if (isDependencyUnavailable(error)) {
    res.locals.log?.warn({ err: error }, 'dependency unavailable');
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(503).json(serviceUnavailable.toBody());
    return;
  }
  res.locals.log?.error({ err: error }, 'unhandled error');
  res.status(500).json(new ApiError(500, 'api_error', 'internal_error', 'Something went wrong on our side.').toBody());
};

const serviceUnavailable = new ApiError(
  503,
  'api_error',
  'service_unavailable',
  'A service this request needs is briefly unavailable. Retry the same request (with the same Idempotency-Key) after Retry-After seconds.',
);
