// Helpers for marketplace integration tests: sellers, split payments, wallets — through the
// typed client, so a change to what these endpoints take or answer fails the type check.
import { type Answer, type HoldfastClient, type RequestBody } from '@holdfast/client';
import { eventually } from './eventually';
import { answered, withId } from './typed-answers';

export async function createSeller(client: HoldfastClient, body: Partial<RequestBody<'/v1/sellers', 'post'>> = {}): Promise<string> {
  return answered(await client.POST('/v1/sellers', { body: { name: 'Seller', ...body } }), 201).id;
}

type Payment = Answer<'/v1/payments/{id}', 'get'>;

/** Creates a payment and waits until it is captured (Adyen confirms captures by webhook). */
export async function capturedPayment(
  client: HoldfastClient,
  body: Omit<RequestBody<'/v1/payments', 'post'>, 'payment_method'> & { payment_method?: string },
  capture?: number,
): Promise<Payment> {
  const created = answered(
    await client.POST('/v1/payments', {
      body: { payment_method: 'pm_card_visa', ...body, ...(capture === undefined ? {} : { capture_method: 'manual' }) },
    }),
    201,
  );
  if (capture !== undefined) {
    answered(await client.POST('/v1/payments/{id}/capture', { ...withId(created.id), body: { amount: capture } }), 200);
  }
  return eventually(`payment ${created.id} captured`, async () => {
    const payment = answered(await client.GET('/v1/payments/{id}', withId(created.id)), 200);
    return payment.status === 'captured' && payment;
  });
}

/** Refunds `amount` and waits until the refund succeeded. */
export async function refunded(client: HoldfastClient, paymentId: string, amount: number): Promise<void> {
  const payment = async () => answered(await client.GET('/v1/payments/{id}', withId(paymentId)), 200);
  const before = (await payment()).amount_refunded;
  const refund = answered(await client.POST('/v1/payments/{id}/refunds', { ...withId(paymentId), body: { amount } }), 201);
  await eventually(`refund ${refund.id} succeeded`, async () => (await payment()).amount_refunded === before + amount);
}

export interface WalletLine {
  pending: number;
  available: number;
  reserved: number;
}

/** A seller's balance in one currency, zeros when it has none. */
export async function wallet(client: HoldfastClient, sellerId: string, currency: string): Promise<WalletLine> {
  const answer = answered(await client.GET('/v1/sellers/{id}/balance', withId(sellerId)), 200);
  const amountIn = (bucket: Array<{ amount: number; currency: string }>) => bucket.find((b) => b.currency === currency)?.amount ?? 0;
  return { pending: amountIn(answer.pending), available: amountIn(answer.available), reserved: amountIn(answer.reserved) };
}
