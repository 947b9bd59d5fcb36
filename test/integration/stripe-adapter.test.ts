// The real Stripe adapter (official SDK, real HTTP) against the PSP simulator.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { type AuthorizeRequest, type PspGateway, PspRequestError } from '../../activities/psp/gateway';
import { createStripeGateway } from '../../activities/psp/stripe/client';
import { type RunningSimulator, startSimulator } from '../../sim/server';

interface SimPayment {
  psp_reference: string;
  merchant_reference: string;
  status: string;
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  authorizations: number;
}

describe('Stripe adapter against the PSP simulator', () => {
  let sim: RunningSimulator;
  let stripe: PspGateway;

  before(async () => {
    sim = await startSimulator({ port: 0 });
    stripe = createStripeGateway({ secretKey: 'sk_test_holdfast', baseUrl: sim.stripeUrl, timeoutMs: 10_000 });
  });

  after(async () => {
    await sim.close();
  });

  function authorization(fields: Partial<AuthorizeRequest> = {}): AuthorizeRequest {
    const paymentId = fields.paymentId ?? `pay_${randomUUID()}`;
    return {
      paymentId,
      merchantId: 'mer_test',
      amount: 5000,
      currency: 'usd',
      paymentMethod: 'pm_card_visa',
      idempotencyKey: `${paymentId}:authorize`,
      ...fields,
    };
  }

  async function authorized(request: AuthorizeRequest): Promise<string> {
    const result = await stripe.authorize(request);
    assert.equal(result.outcome, 'authorized');
    return result.pspReference as string;
  }

  async function simGet<T>(path: string): Promise<T> {
    const response = await fetch(`${sim.url}${path}`);
    assert.equal(response.status, 200);
    return (await response.json()) as T;
  }

  async function simPayments(paymentId: string): Promise<SimPayment[]> {
    return (await simGet<{ data: SimPayment[] }>(`/_sim/payments?merchant_reference=${paymentId}`)).data;
  }

  async function simControl(action: 'hold' | 'release', paymentMethod: string): Promise<void> {
    const response = await fetch(`${sim.url}/_sim/control`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action, payment_method: paymentMethod }),
    });
    assert.equal(response.status, 200);
  }

  /** Polls until the simulator has received `count` requests for the payment. */
  async function untilRequestsArrived(paymentId: string, count: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { count: arrived } = await simGet<{ count: number }>(`/_sim/requests?merchant_reference=${paymentId}`);
      if (arrived >= count) return;
      if (Date.now() > deadline) assert.fail(`only ${arrived} of ${count} requests arrived for ${paymentId}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async function rejectsWithCode(call: Promise<unknown>, code: string): Promise<void> {
    await assert.rejects(call, (error: unknown) => {
      assert.ok(error instanceof PspRequestError, `expected a PspRequestError, got ${String(error)}`);
      assert.equal(error.code, code);
      return true;
    });
  }

  function isTransient(error: unknown, status: number): true {
    assert.ok(!(error instanceof PspRequestError), `expected a transient error, got ${String(error)}`);
    assert.ok(error instanceof Stripe.errors.StripeError);
    assert.equal(error.statusCode, status);
    return true;
  }

  it('an approved card is authorized for the full amount and awaits capture', async () => {
    const request = authorization();
    const result = await stripe.authorize(request);
    assert.equal(result.outcome, 'authorized');
    assert.equal(result.outcome === 'authorized' && result.amountCapturable, 5000);

    const snapshot = await stripe.retrieve(result.pspReference as string);
    assert.deepEqual(snapshot, {
      pspReference: result.pspReference,
      status: 'authorized',
      amount: 5000,
      amountCapturable: 5000,
      amountCaptured: 0,
      currency: 'usd',
    });
    const [payment] = await simPayments(request.paymentId);
    assert.equal(payment?.status, 'requires_capture');
    assert.equal(payment?.authorizations, 1);
  });

  it('a generic decline is declined as card_declined and authorizes nothing', async () => {
    const request = authorization({ paymentMethod: 'pm_card_chargeDeclined' });
    const result = await stripe.authorize(request);
    assert.equal(result.outcome, 'declined');
    assert.equal(result.outcome === 'declined' && result.failureCode, 'card_declined');
    assert.match(result.outcome === 'declined' ? result.failureMessage : '', /declined/);

    const [payment] = await simPayments(request.paymentId);
    assert.equal(payment?.psp_reference, result.pspReference);
    assert.equal(payment?.status, 'requires_payment_method');
    assert.equal(payment?.authorizations, 0);
    assert.equal((await stripe.retrieve(payment.psp_reference)).status, 'failed');
  });

  it('an insufficient-funds decline is declined as insufficient_funds', async () => {
    const result = await stripe.authorize(authorization({ paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds' }));
    assert.equal(result.outcome, 'declined');
    assert.equal(result.outcome === 'declined' && result.failureCode, 'insufficient_funds');
    assert.match(result.pspReference ?? '', /^pi_/);
  });

  it('a partial capture captures that amount and releases the rest', async () => {
    const request = authorization();
    const pspReference = await authorized(request);

    const captured = await stripe.capture({
      pspReference,
      amount: 3000,
      currency: 'usd',
      idempotencyKey: `${request.paymentId}:capture`,
    });
    assert.deepEqual(captured, { amountCaptured: 3000 });

    const snapshot = await stripe.retrieve(pspReference);
    assert.equal(snapshot.status, 'captured');
    assert.equal(snapshot.amountCaptured, 3000);
    assert.equal(snapshot.amountCapturable, 0);
    const [payment] = await simPayments(request.paymentId);
    assert.equal(payment?.amount_captured, 3000);
    // The released 2000 cannot be captured afterwards.
    await rejectsWithCode(
      stripe.capture({ pspReference, amount: 2000, currency: 'usd', idempotencyKey: `${request.paymentId}:capture-2` }),
      'payment_intent_unexpected_state',
    );
  });

  it('capturing more than was authorized is refused', async () => {
    const request = authorization();
    const pspReference = await authorized(request);
    await rejectsWithCode(
      stripe.capture({ pspReference, amount: 5001, currency: 'usd', idempotencyKey: `${request.paymentId}:capture` }),
      'amount_too_large',
    );
  });

  it('a canceled authorization is canceled and can no longer be captured', async () => {
    const request = authorization();
    const pspReference = await authorized(request);

    await stripe.cancel({ pspReference, idempotencyKey: `${request.paymentId}:cancel` });

    const snapshot = await stripe.retrieve(pspReference);
    assert.equal(snapshot.status, 'canceled');
    assert.equal(snapshot.amountCapturable, 0);
    await rejectsWithCode(
      stripe.capture({ pspReference, amount: 5000, currency: 'usd', idempotencyKey: `${request.paymentId}:capture` }),
      'payment_intent_unexpected_state',
    );
  });

  it('partial refunds succeed until the captured amount is used up, then refunds are refused', async () => {
    const request = authorization();
    const pspReference = await authorized(request);
    await stripe.capture({ pspReference, amount: 5000, currency: 'usd', idempotencyKey: `${request.paymentId}:capture` });
    const refund = (refundId: string, amount: number) =>
      stripe.refund({ pspReference, amount, currency: 'usd', refundId, reason: 'requested_by_customer', idempotencyKey: `${refundId}:refund` });

    const first = await refund('ref_1', 2000);
    const second = await refund('ref_2', 2000);
    assert.equal(first.outcome, 'succeeded');
    assert.equal(second.outcome, 'succeeded');
    assert.notEqual(first.pspRefundReference, second.pspRefundReference);

    await rejectsWithCode(refund('ref_3', 1500), 'amount_too_large');
    assert.equal((await refund('ref_4', 1000)).outcome, 'succeeded');
    await rejectsWithCode(refund('ref_5', 1), 'charge_already_refunded');

    const [payment] = await simPayments(request.paymentId);
    assert.equal(payment?.amount_refunded, 5000);
  });

  it('a replayed authorization creates one PaymentIntent', async () => {
    const request = authorization();
    const first = await stripe.authorize(request);
    const replay = await stripe.authorize(request);

    assert.deepEqual(replay, first);
    const payments = await simPayments(request.paymentId);
    assert.equal(payments.length, 1);
    assert.equal(payments[0]?.authorizations, 1);
    const requests = await simGet<{ count: number }>(`/_sim/requests?merchant_reference=${request.paymentId}`);
    assert.equal(requests.count, 2);
  });

  it('a replayed refund refunds once', async () => {
    const request = authorization();
    const pspReference = await authorized(request);
    await stripe.capture({ pspReference, amount: 5000, currency: 'usd', idempotencyKey: `${request.paymentId}:capture` });
    const refundRequest = { pspReference, amount: 1200, currency: 'usd', refundId: 'ref_once', idempotencyKey: `${request.paymentId}:refund-1` };

    const first = await stripe.refund(refundRequest);
    const replay = await stripe.refund(refundRequest);

    assert.deepEqual(replay, first);
    const [payment] = await simPayments(request.paymentId);
    assert.equal(payment?.amount_refunded, 1200);
  });

  it('an idempotency key reused with a different amount is refused', async () => {
    const request = authorization();
    await authorized(request);
    await rejectsWithCode(stripe.authorize({ ...request, amount: 6000 }), 'idempotency_error');
    assert.equal((await simPayments(request.paymentId)).length, 1);
  });

  it('a flaky PSP fails twice transiently, then the retry with the same key authorizes once', async () => {
    const request = authorization({ paymentMethod: 'pm_sim_flaky' });

    await assert.rejects(stripe.authorize(request), (error) => isTransient(error, 500));
    await assert.rejects(stripe.authorize(request), (error) => isTransient(error, 500));
    const result = await stripe.authorize(request);

    assert.equal(result.outcome, 'authorized');
    const payments = await simPayments(request.paymentId);
    assert.equal(payments.length, 1);
    assert.equal(payments[0]?.authorizations, 1);
  });

  it('while the PSP holds an authorization, a retry is a transient conflict; after release it replays the one authorization', async () => {
    const request = authorization({ paymentMethod: 'pm_card_mastercard' });
    await simControl('hold', 'pm_card_mastercard');
    try {
      const held = stripe.authorize(request);
      await untilRequestsArrived(request.paymentId, 1);
      // The simulator has authorized, but the first request has not been answered.
      assert.equal((await simPayments(request.paymentId))[0]?.authorizations, 1);

      await assert.rejects(stripe.authorize(request), (error) => isTransient(error, 409));

      await simControl('release', 'pm_card_mastercard');
      const first = await held;
      const retry = await stripe.authorize(request);
      assert.equal(first.outcome, 'authorized');
      assert.deepEqual(retry, first);
      assert.equal((await simPayments(request.paymentId)).length, 1);
    } finally {
      await simControl('release', 'pm_card_mastercard');
    }
  });

  it('an unknown payment method is refused as resource_missing', async () => {
    const request = authorization({ paymentMethod: 'pm_card_doesNotExist' });
    await rejectsWithCode(stripe.authorize(request), 'resource_missing');
    assert.equal((await simPayments(request.paymentId)).length, 0);
  });

  it('a wrong API key is refused for good', async () => {
    const wrongKey = createStripeGateway({ secretKey: 'pk_test_not_a_secret_key', baseUrl: sim.stripeUrl });
    await rejectsWithCode(wrongKey.authorize(authorization()), 'authentication_error');
  });

  it('retrieving a PaymentIntent the PSP does not know is refused as resource_missing', async () => {
    await rejectsWithCode(stripe.retrieve('pi_unknown'), 'resource_missing');
  });
});
