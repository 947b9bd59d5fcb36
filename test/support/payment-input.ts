// A payment workflow's input for tests that start the workflow directly, not through the API.
import { randomUUID } from 'node:crypto';
import type { PaymentInput } from '../../contracts/payment.contract';

const SEVEN_DAYS_S = 7 * 24 * 3600;
const THIRTY_DAYS_S = 30 * 24 * 3600;

/**
 * A unique payment: 1000 usd, automatic capture, sent to stripe (an explicit choice; pass
 * `psp: undefined` to let routing decide), 7-day hold, 30-day refund window, no fee; the
 * service's defaults for the risk fallback (10000 minor units), the unknown-outcome deadline
 * (1 hour) and the 3-D Secure timeout (15 minutes).
 */
export function newPaymentInput(overrides: Partial<PaymentInput> = {}): PaymentInput {
  const paymentId = overrides.paymentId ?? `pay_${randomUUID().replaceAll('-', '')}`;
  return {
    paymentId,
    merchantId: 'mer_test',
    amount: 1000,
    currency: 'usd',
    paymentMethod: 'pm_card_visa',
    captureMethod: 'automatic',
    psp: 'stripe',
    returnUrl: `https://shop.example/payments/${paymentId}/return`,
    metadata: {},
    createdAt: new Date().toISOString(),
    captureBeforeSeconds: SEVEN_DAYS_S,
    refundWindowSeconds: THIRTY_DAYS_S,
    feeBps: 0,
    riskFallbackMaxAmount: 10_000,
    outcomeUnknownDeadlineSeconds: 3600,
    actionTimeoutSeconds: 15 * 60,
    ...overrides,
  };
}
