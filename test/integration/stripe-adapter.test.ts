// The real Stripe adapter (official SDK, real HTTP) against the PSP simulator, and the
// simulator's signed webhooks, received by a small HTTP server standing in for holdfast.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { type AuthorizeRequest, type PspGateway, PspNotReachedError, PspRequestError } from '../../domain/psp-gateway';
import { createStripeGateway } from '../../psp/stripe/client';
import { pspEventFromStripeEvent } from '../../psp/stripe/webhooks';
import type { RunningSimulator } from '../../sim/server';
import { eventually } from '../support/eventually';
import {
  simStripeGateway,
  startStripeSimulator,
  type StripeDelivery,
  type StripeSimulator,
  verifiedStripeEvents,
} from '../support/stripe-simulator';

interface SimPayment {
  psp_reference: string;
  merchant_reference: string;
  status: string;
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  authorizations: number;
}

const RETURN_URL = 'https://shop.example/orders/42?step=paid';

describe('Stripe adapter against the PSP simulator', () => {
  let sim: RunningSimulator;
  let stripe: PspGateway;
  /** The SDK itself, for what the adapter does not send. */
  let sdk: Stripe;
  let deliveries: StripeDelivery[];
  let simulator: StripeSimulator;

  before(async () => {
    simulator = await startStripeSimulator();
    ({ sim, stripe, sdk, deliveries } = simulator);
  });

  after(() => simulator.close());

  function authorization(fields: Partial<AuthorizeRequest> = {}): AuthorizeRequest {
    const paymentId = fields.paymentId ?? `pay_${randomUUID()}`;
    return {
      paymentId,
      merchantId: 'mer_test',
      amount: 5000,
      currency: 'usd',
      paymentMethod: 'pm_card_visa',
      idempotencyKey: `${paymentId}:authorize`,
      returnUrl: RETURN_URL,
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
    await simCommand({ action, payment_method: paymentMethod });
  }

  async function simCommand(command: Record<string, string>): Promise<void> {
    const response = await fetch(`${sim.url}/_sim/control`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(command),
    });
    assert.equal(response.status, 200);
  }

  /**
   * The webhooks received about a PaymentIntent (its own events and its refunds'), once there
   * are `count`; each one's signature is verified on the way.
   */
  async function webhooksAbout(pspReference: string, count: number): Promise<Stripe.Event[]> {
    return eventually(
      `${count} webhooks about ${pspReference}`,
      async () => {
        const events = verifiedStripeEvents(deliveries).filter((event) => paymentIntentIdOf(event) === pspReference);
        return events.length >= count ? events : undefined;
      },
      10_000,
    );
  }

  function paymentIntentIdOf(event: Stripe.Event): string | undefined {
    const object = event.data.object as { object: string; id: string; payment_intent?: string };
    return object.object === 'payment_intent' ? object.id : object.payment_intent;
  }

  /** The shopper's visit to the challenge page; answers the redirect without following it. */
  async function visitChallenge(redirectUrl: string): Promise<Response> {
    return fetch(redirectUrl, { redirect: 'manual' });
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
    assert.deepEqual(captured, { outcome: 'captured', amountCaptured: 3000 });

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

    assert.deepEqual(await stripe.cancel({ pspReference, idempotencyKey: `${request.paymentId}:cancel` }), { outcome: 'canceled' });

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
      stripe.refund({
        pspReference,
        amount,
        currency: 'usd',
        refundId,
        reason: 'requested_by_customer',
        idempotencyKey: `${refundId}:refund`,
      });

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
    const refundRequest = {
      pspReference,
      amount: 1200,
      currency: 'usd',
      refundId: 'ref_once',
      idempotencyKey: `${request.paymentId}:refund-1`,
    };

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
  describe('3-D Secure', () => {
    it('a challenged card requires action; once the shopper passes the challenge it is authorized, with signed webhooks for both steps', async () => {
      const request = authorization({ paymentMethod: 'pm_card_threeDSecure2Required' });
      const result = await stripe.authorize(request);
      assert.equal(result.outcome, 'requires_action');
      const { pspReference, redirectUrl } = result as { pspReference: string; redirectUrl: string };
      assert.equal(redirectUrl, `${sim.url}/_sim/3ds/stripe/${pspReference}`);
      // Nothing is held before the challenge, and asking again changes nothing.
      assert.equal((await simPayments(request.paymentId))[0]?.authorizations, 0);
      assert.deepEqual(await stripe.completeAction({ authorization: request, pspReference }), result);

      const page = await visitChallenge(redirectUrl);
      assert.equal(page.status, 302);
      const back = new URL(page.headers.get('location') ?? '');
      assert.equal(`${back.origin}${back.pathname}`, 'https://shop.example/orders/42');
      assert.equal(back.searchParams.get('step'), 'paid');
      assert.equal(back.searchParams.get('payment_intent'), pspReference);
      assert.equal(back.searchParams.get('redirect_status'), 'succeeded');

      assert.deepEqual(await stripe.completeAction({ authorization: request, pspReference }), {
        outcome: 'authorized',
        pspReference,
        amountCapturable: 5000,
      });
      assert.equal((await simPayments(request.paymentId))[0]?.authorizations, 1);

      const events = await webhooksAbout(pspReference, 2);
      assert.deepEqual(
        events.map((event) => event.type),
        ['payment_intent.requires_action', 'payment_intent.amount_capturable_updated'],
      );
      const authorized = pspEventFromStripeEvent(events[1]!);
      assert.equal(authorized?.kind, 'authorized');
      assert.equal(authorized?.paymentId, request.paymentId);
      assert.equal(authorized?.amount, 5000);
      // An API call caused the first event; the shopper, the second.
      assert.match(events[0]!.request?.idempotency_key ?? '', /:authorize$/);
      assert.equal(events[1]!.request?.id, null);
    });

    it('a failed challenge declines the payment as an authentication failure, and says so by webhook', async () => {
      const request = authorization({ paymentMethod: 'pm_card_threeDSecure2Required' });
      const { pspReference, redirectUrl } = (await stripe.authorize(request)) as { pspReference: string; redirectUrl: string };

      const page = await visitChallenge(`${redirectUrl}?outcome=fail`);
      assert.equal(page.status, 302);
      assert.equal(new URL(page.headers.get('location') ?? '').searchParams.get('redirect_status'), 'failed');

      const result = await stripe.completeAction({ authorization: request, pspReference });
      assert.equal(result.outcome, 'declined');
      assert.equal(result.outcome === 'declined' && result.failureCode, 'payment_intent_authentication_failure');
      assert.equal((await simPayments(request.paymentId))[0]?.authorizations, 0);
      const events = await webhooksAbout(pspReference, 2);
      assert.equal(pspEventFromStripeEvent(events[1]!)?.kind, 'authorization_failed');
    });

    it('a challenge page visited again, once the challenge is over, changes nothing', async () => {
      const request = authorization({ paymentMethod: 'pm_card_threeDSecure2Required' });
      const { pspReference, redirectUrl } = (await stripe.authorize(request)) as { pspReference: string; redirectUrl: string };
      assert.equal((await visitChallenge(redirectUrl)).status, 302);
      assert.equal((await visitChallenge(`${redirectUrl}?outcome=fail`)).status, 409);
      assert.equal((await stripe.completeAction({ authorization: request, pspReference })).outcome, 'authorized');
    });

    it('without a return_url, Stripe hands the challenge to Stripe.js (use_stripe_sdk), which the adapter declines', async () => {
      const intent = await sdk.paymentIntents.create({
        amount: 1000,
        currency: 'usd',
        payment_method: 'pm_card_threeDSecure2Required',
        confirm: true,
        capture_method: 'manual',
      });
      assert.equal(intent.status, 'requires_action');
      assert.equal(intent.next_action?.type, 'use_stripe_sdk');
      const result = await stripe.completeAction({ authorization: authorization(), pspReference: intent.id });
      assert.equal(result.outcome === 'declined' && result.failureCode, 'authentication_required');
    });
  });

  describe('lookups and lost answers', () => {
    it('an authorization whose answer never came is found by lookup, and a replay under its key gets the same answer', async () => {
      const request = authorization({ paymentMethod: 'pm_sim_ambiguous' });
      const impatient = simStripeGateway(sim, 300);

      await assert.rejects(impatient.authorize(request), (error: unknown) => {
        // Ambiguous: neither refused nor unsent, so it is retried or looked up, never failed over.
        assert.ok(error instanceof Stripe.errors.StripeConnectionError, String(error));
        assert.match(error.message, /timeout/);
        return true;
      });
      const [logged] = await simGet<{ data: Array<{ status: number | null }> }>(
        `/_sim/requests?merchant_reference=${request.paymentId}`,
      ).then((answer) => answer.data);
      assert.equal(logged?.status, null, 'the simulator never answered');

      const found = await stripe.lookupAuthorization(request);
      assert.equal(found.outcome, 'authorized');
      assert.equal(found.outcome === 'authorized' && found.amountCapturable, 5000);
      const [payment] = await simPayments(request.paymentId);
      assert.equal(payment?.authorizations, 1);
      assert.equal(found.outcome === 'authorized' && found.pspReference, payment?.psp_reference);

      assert.deepEqual(await stripe.authorize(request), found);
      assert.equal((await simPayments(request.paymentId)).length, 1);
      const [event] = await webhooksAbout(payment!.psp_reference, 1);
      assert.equal(event?.type, 'payment_intent.amount_capturable_updated');
    });

    it('a lookup for a payment Stripe never saw is not_found', async () => {
      assert.deepEqual(await stripe.lookupAuthorization(authorization()), { outcome: 'not_found' });
    });

    it('a lookup of a declined authorization is declined with its code', async () => {
      const request = authorization({ paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds' });
      await stripe.authorize(request);
      const found = await stripe.lookupAuthorization(request);
      assert.equal(found.outcome === 'declined' && found.failureCode, 'insufficient_funds');
    });

    it('search pages through matches newest first, and refuses a query it does not understand with Stripe 400', async () => {
      const paymentId = `pay_${randomUUID()}`;
      const first = await authorized(authorization({ paymentId, idempotencyKey: `${paymentId}:one` }));
      const second = await authorized(authorization({ paymentId, idempotencyKey: `${paymentId}:two` }));
      const query = `metadata["holdfast_payment_id"]:"${paymentId}"`;

      const page1 = await sdk.paymentIntents.search({ query, limit: 1 });
      assert.equal(page1.object, 'search_result');
      assert.equal(page1.has_more, true);
      const page2 = await sdk.paymentIntents.search({ query, limit: 1, page: page1.next_page! });
      assert.equal(page2.has_more, false);
      assert.equal(page2.next_page, null);
      assert.deepEqual(
        [...page1.data, ...page2.data].map((intent) => intent.id),
        [second, first],
      );

      await assert.rejects(sdk.paymentIntents.search({ query: "status:'requires_capture'" }), (error: unknown) => {
        assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError, String(error));
        assert.equal(error.statusCode, 400);
        assert.equal(error.param, 'query');
        return true;
      });
    });
  });

  describe('webhooks', () => {
    it('capture, refund and cancel are each announced, in the order they happened, naming holdfast ids', async () => {
      const request = authorization();
      const pspReference = await authorized(request);
      await stripe.capture({ pspReference, amount: 4000, currency: 'usd', idempotencyKey: `${request.paymentId}:capture` });
      await stripe.refund({
        pspReference,
        amount: 1500,
        currency: 'usd',
        refundId: 'ref_webhook',
        idempotencyKey: `${request.paymentId}:refund`,
      });

      const events = await webhooksAbout(pspReference, 3);
      assert.deepEqual(
        events.map((event) => pspEventFromStripeEvent(event)).map((event) => [event?.kind, event?.amount]),
        [
          ['authorized', 5000],
          ['captured', 4000],
          ['refunded', 1500],
        ],
      );
      assert.equal(pspEventFromStripeEvent(events[2]!)?.refundId, 'ref_webhook');

      const voided = authorization();
      const voidedReference = await authorized(voided);
      await stripe.cancel({ pspReference: voidedReference, idempotencyKey: `${voided.paymentId}:cancel` });
      const [, canceled] = await webhooksAbout(voidedReference, 2);
      assert.equal(canceled?.type, 'payment_intent.canceled');
      assert.equal(pspEventFromStripeEvent(canceled!)?.paymentId, voided.paymentId);
    });

    it('a decline is announced as payment_failed with its decline', async () => {
      const request = authorization({ paymentMethod: 'pm_card_chargeDeclined' });
      const result = await stripe.authorize(request);
      const [event] = await webhooksAbout(result.pspReference!, 1);
      assert.equal(event?.type, 'payment_intent.payment_failed');
      assert.equal(pspEventFromStripeEvent(event!)?.failureCode, 'card_declined');
    });
  });

  describe('outages', () => {
    it('a PSP that refuses connections is not reached: PspNotReachedError, and nothing is created', async () => {
      const request = authorization();
      await simCommand({ action: 'psp_down', psp: 'stripe', mode: 'refuse' });
      try {
        await assert.rejects(stripe.authorize(request), (error: unknown) => {
          assert.ok(error instanceof PspNotReachedError, String(error));
          assert.ok(error.cause instanceof Stripe.errors.StripeConnectionError);
          return true;
        });
      } finally {
        await simCommand({ action: 'psp_up', psp: 'stripe' });
      }
      assert.equal((await simPayments(request.paymentId)).length, 0);
      assert.equal((await stripe.authorize(request)).outcome, 'authorized');
    });

    it('a PSP answering 503 is ambiguous, a plain error, and changes nothing', async () => {
      const request = authorization();
      await simCommand({ action: 'psp_down', psp: 'stripe', mode: '503' });
      try {
        await assert.rejects(stripe.authorize(request), (error) => isTransient(error, 503));
        await assert.rejects(stripe.lookupAuthorization(request), (error) => isTransient(error, 503));
      } finally {
        await simCommand({ action: 'psp_up', psp: 'stripe' });
      }
      assert.equal((await simPayments(request.paymentId)).length, 0);
      assert.equal((await stripe.authorize(request)).outcome, 'authorized');
    });
  });
});
