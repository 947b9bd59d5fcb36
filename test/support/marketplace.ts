// Helpers for marketplace integration tests: sellers, split payments, wallets.
import assert from 'node:assert/strict';
import { eventually } from './eventually';
import type { ApiClient } from './http';

export async function createSeller(api: ApiClient, body: Record<string, unknown> = {}): Promise<string> {
  const answer = await api.post('/v1/sellers', { name: 'Seller', ...body });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body.id;
}

/** Creates a payment and waits until it is captured (Adyen confirms captures by webhook). */
export async function capturedPayment(api: ApiClient, body: Record<string, unknown>, capture?: number): Promise<any> {
  const created = await api.post('/v1/payments', { payment_method: 'pm_card_visa', ...body, ...(capture === undefined ? {} : { capture_method: 'manual' }) });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  if (capture !== undefined) {
    const captured = await api.post(`/v1/payments/${created.body.id}/capture`, { amount: capture });
    assert.equal(captured.status, 200, JSON.stringify(captured.body));
  }
  return eventually(`payment ${created.body.id} captured`, async () => {
    const payment = await api.get(`/v1/payments/${created.body.id}`);
    return payment.body.status === 'captured' && payment.body;
  });
}

/** Refunds `amount` and waits until the refund succeeded. */
export async function refunded(api: ApiClient, paymentId: string, amount: number): Promise<void> {
  const before = (await api.get(`/v1/payments/${paymentId}`)).body.amount_refunded as number;
  const refund = await api.post(`/v1/payments/${paymentId}/refunds`, { amount });
  assert.equal(refund.status, 201, JSON.stringify(refund.body));
  await eventually(`refund ${refund.body.id} succeeded`, async () => {
    const payment = await api.get(`/v1/payments/${paymentId}`);
    return payment.body.amount_refunded === before + amount;
  });
}

export interface WalletLine {
  pending: number;
  available: number;
  reserved: number;
}

/** A seller's balance in one currency, zeros when it has none. */
export async function wallet(api: ApiClient, sellerId: string, currency: string): Promise<WalletLine> {
  const answer = await api.get(`/v1/sellers/${sellerId}/balance`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const amountIn = (bucket: Array<{ amount: number; currency: string }>) => bucket.find((b) => b.currency === currency)?.amount ?? 0;
  return { pending: amountIn(answer.body.pending), available: amountIn(answer.body.available), reserved: amountIn(answer.body.reserved) };
}
