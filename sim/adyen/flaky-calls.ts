// `pm_sim_flaky`: the first two API calls about such a payment fail with Adyen's 500 before
// doing anything, then it behaves like `pm_card_visa`. The count is per payment (holdfast's
// reference), so it exercises a caller's retries with one idempotency key.
import type { RequestHandler } from 'express';
import { FLAKY_PAYMENT_METHOD } from '../test-cards';
import { internalError } from './errors';
import { resolvePaymentContext } from './payment-context';
import type { AdyenState } from './state';

const FAILURES_PER_PAYMENT = 2;

export function failFirstFlakyCalls(state: AdyenState): RequestHandler {
  const failuresSoFar = new Map<string, number>();

  return (req, _res, next) => {
    const payment = resolvePaymentContext(req, state);
    if (payment.paymentMethod !== FLAKY_PAYMENT_METHOD) return next();
    // A call without holdfast's reference still needs something stable across retries.
    const countKey = payment.merchantReference ?? req.get('Idempotency-Key') ?? '';
    const failures = failuresSoFar.get(countKey) ?? 0;
    if (failures >= FAILURES_PER_PAYMENT) return next();
    failuresSoFar.set(countKey, failures + 1);
    throw internalError();
  };
}
