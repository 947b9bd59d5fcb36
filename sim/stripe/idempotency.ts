// Stripe's Idempotency-Key semantics, per API key, for POST requests:
// - a key seen with the same endpoint and parameters replays the first answer byte for byte
//   (`Idempotent-Replayed: true`) without a second side effect;
// - the same key with another endpoint or other parameters is an `idempotency_error` (400);
// - a key whose first request is still running answers 409 `idempotency_key_in_use`;
// - 5xx answers and requests refused while validating parameters are not saved, so a retry
//   executes again (where Stripe would replay a 500, holdfast's tests want a retry to go through).
import type { RequestHandler, Response } from 'express';
import { apiKeyOf } from './auth';
import { StripeApiError } from './errors';

interface SavedAnswer {
  status: number;
  body: string;
}

interface KeyUse {
  endpoint: string;
  params: string;
  /** Undefined while the first request with this key is still running. */
  answer?: SavedAnswer;
}

export function idempotentRequests(): RequestHandler {
  const uses = new Map<string, KeyUse>();

  return (req, res, next) => {
    const key = req.get('Idempotency-Key');
    if (req.method !== 'POST' || !key) return next();

    const slot = `${apiKeyOf(res)}\n${key}`;
    const endpoint = `${req.method} ${req.baseUrl}${req.path}`;
    const params = canonicalJson(req.body ?? {});
    const earlier = uses.get(slot);
    if (earlier) {
      replayOrRefuse(res, key, earlier, endpoint, params);
      return;
    }

    uses.set(slot, { endpoint, params });
    const settle = (body: unknown) => {
      if (res.statusCode >= 500 || res.locals.refusedBeforeExecution === true) {
        uses.delete(slot);
      } else {
        uses.set(slot, { endpoint, params, answer: { status: res.statusCode, body: JSON.stringify(body) } });
      }
    };
    res.locals.saveIdempotentAnswer = settle;
    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      settle(body);
      return send(body);
    };
    next();
  };
}

/**
 * Saves `body` as the request's answer under its idempotency key without sending it: the
 * answer is lost on its way back, and a retry with the key gets it.
 */
export function saveAnswerWithoutSending(res: Response, body: unknown): void {
  (res.locals.saveIdempotentAnswer as ((body: unknown) => void) | undefined)?.(body);
}

/** Marks the answer being sent as one Stripe would not save under the idempotency key. */
export function markRefusedBeforeExecution(res: Response): void {
  res.locals.refusedBeforeExecution = true;
}

function replayOrRefuse(res: Response, key: string, earlier: KeyUse, endpoint: string, params: string): void {
  if (earlier.endpoint !== endpoint) {
    throw idempotencyError(
      400,
      `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${earlier.endpoint}' vs '${endpoint}'). Try using a key other than '${key}' if you meant to execute a different request.`,
    );
  }
  if (earlier.params !== params) {
    throw idempotencyError(
      400,
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    );
  }
  if (!earlier.answer) {
    throw idempotencyError(
      409,
      'There is currently another in-progress request using this idempotent key (that probably means you submitted twice, and the other request is still going through). Please retry this request later.',
      'idempotency_key_in_use',
    );
  }
  res.status(earlier.answer.status).set('Idempotent-Replayed', 'true').type('application/json').send(earlier.answer.body);
}

function idempotencyError(status: number, message: string, code?: string): StripeApiError {
  return new StripeApiError(status, { type: 'idempotency_error', message, ...(code ? { code } : {}) }, true);
}

/** JSON with object keys sorted, so the same form parameters compare equal in any order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
