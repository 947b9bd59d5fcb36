import type { RequestHandler } from 'express';
import type { SimContext } from '../context';
import { resolvePaymentContext } from './payment-context';

/** Logs each request on arrival (so a held one is visible) and its status once answered. */
export function recordRequests(context: SimContext): RequestHandler {
  return (req, res, next) => {
    const entry = context.requests.record({
      method: req.method,
      path: `${req.baseUrl}${req.path}`,
      idempotency_key: req.get('Idempotency-Key') ?? null,
      merchant_reference: resolvePaymentContext(req, context.store).merchantReference,
      status: null,
    });
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    next();
  };
}
