// Adyen's Idempotency-Key semantics, per API key, for POST requests:
// - a key seen with the same endpoint and body answers the first answer again, without a
//   second side effect (for as long as the store lives: Adyen keeps keys 31 days or more);
// - the same key with another endpoint or body, or while its first request is still running,
//   is refused with 422 errorCode 704;
// - only 2xx answers are kept: every refusal here happens before anything changes, so a
//   retry of a refused (or 500) request simply runs again.
// An answer is saved when the handler commits to it, which can be before it is sent (a
// response held for a crash test, one that is never sent), as Adyen's is once processed.
import type { RequestHandler, Response } from 'express';
import { apiKeyOf } from './auth';
import { idempotencyConflict } from './errors';
import type { AdyenState, IdempotencyRecord } from './state';

export function idempotentRequests(state: AdyenState): RequestHandler {
  return (req, res, next) => {
    const key = req.get('Idempotency-Key');
    if (req.method !== 'POST' || !key) return next();
    res.set('Idempotency-Key', key);

    const slot = `${apiKeyOf(res)}\n${key}`;
    const endpoint = `${req.method} ${req.path}`;
    const body = canonicalJson(req.body ?? {});
    const earlier = state.idempotency.get(slot);
    if (earlier) {
      if (earlier.endpoint !== endpoint || earlier.body !== body || !earlier.answer) throw idempotencyConflict();
      res.status(earlier.answer.status).type('application/json').send(earlier.answer.body);
      return;
    }

    const record: IdempotencyRecord = { endpoint, body };
    state.idempotency.set(slot, record);
    res.locals.commitAnswer = (status: number, answer: unknown) => {
      if (status >= 200 && status < 300) record.answer = { status, body: JSON.stringify(answer) };
    };
    // Whatever way the exchange ends, a key without a kept answer is free again.
    res.once('close', () => {
      if (!record.answer && state.idempotency.get(slot) === record) state.idempotency.delete(slot);
    });
    next();
  };
}

/** Saves the answer under the request's Idempotency-Key (if it has one) before it goes out. */
export function commitAnswer(res: Response, status: number, answer: unknown): void {
  const commit = res.locals.commitAnswer as ((status: number, answer: unknown) => void) | undefined;
  commit?.(status, answer);
}

/** Commits the answer and sends it. */
export function answer(res: Response, status: number, body: unknown): void {
  commitAnswer(res, status, body);
  res.status(status).json(body);
}

/** JSON with object keys sorted, so the same body compares equal whatever its key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
