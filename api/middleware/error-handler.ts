// The last middleware: ApiErrors become their 4xx/5xx answer; a dependency that is down
// (Postgres, Temporal) is a 503 with Retry-After; anything else is a bug, logged with its stack
// and answered with a generic 500 that leaks nothing. A stored value that fails its integrity
// check (keyring/aes-gcm.ts) is named, so the caller knows the data, not the request, is at fault.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { TamperedCiphertext } from '../../keyring/aes-gcm';
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
  if (error instanceof TamperedCiphertext) {
    // Already logged and counted by the keyring (telemetry/tamper-alarm.ts); nothing of it is returned.
    res.status(500).json(storedValueTampered.toBody());
    return;
  }
  res.locals.log?.error({ err: error }, 'unhandled error');
  res.status(500).json(new ApiError(500, 'api_error', 'internal_error', 'Something went wrong on our side.').toBody());
};

const storedValueTampered = new ApiError(
  500,
  'api_error',
  'stored_value_tampered',
  'A stored value this answer needs failed its integrity check, so it was not returned. The operators have been alerted.',
);

const serviceUnavailable = new ApiError(
  503,
  'api_error',
  'service_unavailable',
  'A service this request needs is briefly unavailable. Retry the same request (with the same Idempotency-Key) after Retry-After seconds.',
);
