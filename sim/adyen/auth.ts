// Adyen answers 401 to a request without an API key. Any non-empty X-API-Key is accepted: the
// simulator has no accounts, but idempotency keys are scoped per API key as at Adyen.
import type { RequestHandler, Response } from 'express';
import { unauthorized } from './errors';

export const requireApiKey: RequestHandler = (req, res, next) => {
  const key = req.get('X-API-Key')?.trim();
  if (!key) throw unauthorized();
  res.locals.apiKey = key;
  next();
};

export function apiKeyOf(res: Response): string {
  return res.locals.apiKey as string;
}
