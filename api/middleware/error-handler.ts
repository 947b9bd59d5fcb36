// The last middleware: ApiErrors become their 4xx/5xx answer; anything else is a bug, logged
// with its stack and answered with a generic 500 that leaks nothing.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError } from '../errors';

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'invalid_request_error', 'route_not_found', `Unrecognized request URL (${req.method} ${req.path}).`));
};

export const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  if (error instanceof ApiError) {
    res.status(error.status).json(error.toBody());
    return;
  }
  res.locals.log?.error({ err: error }, 'unhandled error');
  res.status(500).json(new ApiError(500, 'api_error', 'internal_error', 'Something went wrong on our side.').toBody());
};
