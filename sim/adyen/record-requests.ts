// Logs each request on arrival (so a held one is visible in /_sim/requests) and its status once
// answered; and keeps the JSON each way (GET /_sim/adyen/exchanges), so a test can check what
// the adapter sent and what the face answered against Adyen's OpenAPI documents.
import type { RequestHandler } from 'express';
import type { SimContext } from '../context';
import { resolvePaymentContext } from './payment-context';

export function recordRequests(context: SimContext): RequestHandler {
  const state = context.store.adyen;
  return (req, res, next) => {
    const merchantReference = resolvePaymentContext(req, state).merchantReference;
    const logged = context.requests.record({
      method: req.method,
      path: req.path,
      idempotency_key: req.get('Idempotency-Key') ?? null,
      merchant_reference: merchantReference,
      status: null,
    });
    const exchange = state.recordExchange({
      method: req.method,
      path: req.path,
      merchant_reference: merchantReference,
      request: req.body ?? null,
      status: null,
      response: null,
    });
    // Replays are sent as stored text and fresh answers through res.json; both pass res.send.
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      exchange.response = typeof body === 'string' ? parsedOrText(body) : (body ?? null);
      return send(body);
    };
    res.on('finish', () => {
      logged.status = res.statusCode;
      exchange.status = res.statusCode;
    });
    next();
  };
}

function parsedOrText(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
