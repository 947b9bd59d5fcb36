// A payment workflow's input for tests that start the workflow directly, not through the API.
import { randomUUID } from 'node:crypto';
import type { PaymentInput } from '../../workflows/payment.contract';

const SEVEN_DAYS_S = 7 * 24 * 3600;
const THIRTY_DAYS_S = 30 * 24 * 3600;

/** A unique payment: 1000 usd, automatic capture, 7-day hold, 30-day refund window, no fee. */
export function newPaymentInput(overrides: Partial<PaymentInput> = {}): PaymentInput {
  return {
    paymentId: `pay_${randomUUID().replaceAll('-', '')}`,
    merchantId: 'mer_test',
    amount: 1000,
    currency: 'usd',
    paymentMethod: 'pm_card_visa',
    captureMethod: 'automatic',
    psp: 'stripe',
    metadata: {},
    createdAt: new Date().toISOString(),
    captureBeforeSeconds: SEVEN_DAYS_S,
    refundWindowSeconds: THIRTY_DAYS_S,
    feeBps: 0,
    ...overrides,
  };
}
