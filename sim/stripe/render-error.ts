import type { ErrorRequestHandler, RequestHandler } from 'express';
import { internalError, StripeApiError } from './errors';
import { markRefusedBeforeExecution } from './idempotency';

/** Answers every failure in Stripe's envelope; anything unexpected is Stripe's 500. */
export const renderStripeError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const stripeError = asStripeError(error);
  if (stripeError.refusedBeforeExecution) markRefusedBeforeExecution(res);
  res.status(stripeError.status).json({ error: stripeError.body });
};

export const unrecognizedRequestUrl: RequestHandler = (req) => {
  throw new StripeApiError(
    404,
    {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${req.method}: ${req.baseUrl}${req.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    },
    true,
  );
};

function asStripeError(error: unknown): StripeApiError {
  if (error instanceof StripeApiError) return error;
  // body-parser's errors carry the HTTP status of a malformed request.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new StripeApiError(status, { type: 'invalid_request_error', message: String((error as Error).message) }, true);
  }
  console.error('simulator: unexpected error', error);
  return internalError();
}
