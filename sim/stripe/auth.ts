// Stripe answers 401 to a request without a secret key. Any `sk_` key is accepted: the
// simulator has no accounts, but idempotency keys are scoped per API key as in Stripe.
import type { RequestHandler, Response } from 'express';
import { StripeApiError } from './errors';

export const requireSecretKey: RequestHandler = (req, res, next) => {
  const match = /^Bearer (\S+)$/.exec(req.get('Authorization') ?? '');
  const key = match?.[1];
  if (!key) {
    throw unauthorized(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  if (!key.startsWith('sk_')) throw unauthorized(`Invalid API Key provided: ${redact(key)}`);
  res.locals.apiKey = key;
  next();
};

export function apiKeyOf(res: Response): string {
  return res.locals.apiKey as string;
}

function unauthorized(message: string): StripeApiError {
  return new StripeApiError(401, { type: 'invalid_request_error', message }, true);
}

/** Stripe echoes only the key's last four characters. */
function redact(key: string): string {
  return `${'*'.repeat(Math.max(0, key.length - 4))}${key.slice(-4)}`;
}
