// The real Adyen adapter (official library, real HTTP) against the PSP simulator's Adyen face,
// with a local endpoint receiving the face's notifications.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HttpClientException } from '@adyen/api-library';
import { createAdyenGateway } from '../../psp/adyen/client';
import { AdyenTimeoutError } from '../../psp/adyen/http-client';
import { pspEventsFromAdyenNotification, verifyAdyenNotificationItem } from '../../psp/adyen/notifications';
import { type AuthorizeRequest, type PspEvent, type PspGateway, PspNotReachedError, PspRequestError } from '../../domain/psp-gateway';
import { SIM_ADYEN_API_KEY, SIM_ADYEN_HMAC_KEY } from '../../sim/credentials';
import { type RunningSimulator, startSimulator } from '../../sim/server';
import { type NotificationSink, notificationSink, simAdyenGateway } from '../support/adyen-simulator';
import { eventually } from '../support/eventually';
import { type SimPayment, type SimRequest, simulatorClient } from '../support/simulator-client';

describe('Adyen adapter against the PSP simulator', () => {
  let sim: RunningSimulator;
  let sink: NotificationSink;
  let adyen: PspGateway;
  let simClient: ReturnType<typeof simulatorClient>;

  before(async () => {
    sink = await notificationSink();
    sim = await startSimulator({ webhookTarget: sink.url });
    adyen = simAdyenGateway(sim);
    simClient = simulatorClient(sim.url);
  });

  after(async () => {
    await sim.close();
    await sink.close();
  });

  function authorization(fields: Partial<AuthorizeRequest> = {}): AuthorizeRequest {
    const paymentId = fields.paymentId ?? `pay_${randomUUID()}`;
    return {
      paymentId,
      merchantId: 'mer_test',
      amount: 5000,
      currency: 'eur',
      paymentMethod: 'pm_card_visa',
      idempotencyKey: `${paymentId}:authorize`,
      returnUrl: `https://shop.example/return?payment=${paymentId}`,
      ...fields,
    };
  }

  async function authorized(request: AuthorizeRequest): Promise<string> {
    const result = await adyen.authorize(request);
    assert.equal(result.outcome, 'authorized');
    return result.pspReference;
  }

  async function onlyPayment(paymentId: string): Promise<SimPayment> {
    const rows = await simClient.payments(paymentId);
    assert.equal(rows.length, 1, `one Adyen payment for ${paymentId}`);
    return rows[0];
  }

  /** The signed notification for the payment (or one of its modifications), as holdfast's event. */
  async function notified(paymentReference: string, eventCode: string, success = 'true'): Promise<PspEvent> {
    const item = await eventually(
      `${eventCode} (${success}) for ${paymentReference}`,
      async () =>
        sink.items.find(
          (candidate) =>
            candidate.eventCode === eventCode &&
            candidate.success === success &&
            (candidate.pspReference === paymentReference || candidate.originalReference === paymentReference),
        ),
      10_000,
    );
    assert.equal(verifyAdyenNotificationItem(item, SIM_ADYEN_HMAC_KEY), true, 'the HMAC verifies');
    const events = pspEventsFromAdyenNotification({ notificationItems: [{ NotificationRequestItem: item }] });
    assert.equal(events.length, 1);
    return events[0];
  }

  async function requestsTo(paymentId: string, pathSuffix: string): Promise<SimRequest[]> {
    return (await simClient.requests(paymentId)).filter((request) => request.path.endsWith(pathSuffix));
  }

  describe('authorizing', () => {
    it('authorizes a stored card with manual capture, and says so by a signed AUTHORISATION notification', async () => {
      const request = authorization();
      const pspReference = await authorized(request);
      const payment = await onlyPayment(request.paymentId);
      assert.deepEqual(
        [
          payment.psp,
          payment.psp_reference,
          payment.status,
          payment.amount,
          payment.currency,
          payment.amount_captured,
          payment.authorizations,
        ],
        ['adyen', pspReference, 'Authorised', 5000, 'eur', 0, 1],
      );
      const event = await notified(pspReference, 'AUTHORISATION');
      assert.deepEqual([event.kind, event.paymentId, event.amount, event.currency], ['authorized', request.paymentId, 5000, 'eur']);
    });

    it('a refusal is a decline; lack of funds is told apart', async () => {
      const declined = await adyen.authorize(authorization({ paymentMethod: 'pm_card_chargeDeclined' }));
      assert.equal(declined.outcome, 'declined');
      assert.equal(declined.outcome === 'declined' && declined.failureCode, 'card_declined');
      const poor = await adyen.authorize(authorization({ paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds' }));
      assert.equal(poor.outcome === 'declined' && poor.failureCode, 'insufficient_funds');
      const event = await notified(poor.pspReference!, 'AUTHORISATION', 'false');
      assert.deepEqual([event.kind, event.failureCode], ['authorization_failed', 'insufficient_funds']);
    });

    it('an unknown token is refused for good (Contract not found)', async () => {
      await assert.rejects(adyen.authorize(authorization({ paymentMethod: 'pm_card_nonexistent' })), (error: unknown) => {
        assert.ok(error instanceof PspRequestError);
        assert.equal(error.code, '800');
        return true;
      });
    });

    it('converts amounts where Adyen counts other decimals: 1000 ISK travel as 100000', async () => {
      const request = authorization({ amount: 1000, currency: 'isk' });
      const result = await adyen.authorize(request);
      assert.equal(result.outcome === 'authorized' && result.amountCapturable, 1000);
      assert.equal((await onlyPayment(request.paymentId)).amount, 1000);
      const response = await fetch(`${sim.url}/_sim/adyen/exchanges?merchant_reference=${request.paymentId}`);
      const { data } = (await response.json()) as { data: Array<{ request: { amount: { value: number; currency: string } } }> };
      assert.deepEqual(data[0].request.amount, { value: 100_000, currency: 'ISK' });
    });

    it('a replay under the same key answers the same authorization, and the lookup is that replay', async () => {
      const request = authorization();
      const first = await authorized(request);
      assert.equal(await authorized(request), first);
      const found = await adyen.lookupAuthorization(request);
      assert.deepEqual(found.outcome === 'authorized' && found.pspReference, first);
      const payment = await onlyPayment(request.paymentId);
      assert.equal(payment.authorizations, 1);
    });

    it('the same key with another body is refused with 704, which stays ambiguous (it also means "in progress")', async () => {
      const request = authorization();
      await authorized(request);
      await assert.rejects(adyen.authorize({ ...request, amount: 6000 }), (error: unknown) => {
        assert.ok(error instanceof HttpClientException);
        assert.equal(error.errorCode, '704');
        return true;
      });
      assert.equal((await onlyPayment(request.paymentId)).authorizations, 1);
    });

    it('idempotency keys belong to their API key: another account with the same key makes its own payment', async () => {
      const request = authorization();
      const mine = await authorized(request);
      const theirs = await simAdyenGateway(sim, { apiKey: 'AQE_another_account' }).authorize(request);
      assert.equal(theirs.outcome, 'authorized');
      assert.notEqual(theirs.outcome === 'authorized' && theirs.pspReference, mine);
    });

    it('LIVE cannot be configured without the live URL prefix', () => {
      const live = { apiKey: 'k', merchantAccount: 'M', environment: 'LIVE' as const };
      assert.throws(() => createAdyenGateway(live), /ADYEN_LIVE_URL_PREFIX/);
      assert.equal(createAdyenGateway({ ...live, liveUrlPrefix: '1797a841fbb37ca7-AdyenDemo' }).name, 'adyen');
    });

    it('an empty API key is refused for good (401)', async () => {
      await assert.rejects(simAdyenGateway(sim, { apiKey: '' }).authorize(authorization()), (error: unknown) => {
        assert.ok(error instanceof PspRequestError);
        assert.match(error.message, /401/);
        return true;
      });
    });
  });

  describe('3-D Secure', () => {
    it('a challenge sends the shopper to a page that authorizes and returns them with a redirectResult', async () => {
      const request = authorization({ paymentMethod: 'pm_card_threeDSecure2Required' });
      const challenge = await adyen.authorize(request);
      assert.equal(challenge.outcome, 'requires_action');
      if (challenge.outcome !== 'requires_action') return;

      // Before the shopper comes back, asking again only replays the challenge.
      const waiting = await adyen.completeAction({ authorization: request, pspReference: challenge.pspReference });
      assert.deepEqual(waiting, challenge);
      assert.equal((await onlyPayment(request.paymentId)).authorizations, 0);

      const page = await fetch(challenge.redirectUrl, { redirect: 'manual' });
      assert.equal(page.status, 302);
      const back = new URL(page.headers.get('location')!);
      assert.equal(`${back.origin}${back.pathname}`, 'https://shop.example/return');
      assert.equal(back.searchParams.get('payment'), request.paymentId);
      const redirectResult = back.searchParams.get('redirectResult');
      assert.ok(redirectResult);

      const completed = await adyen.completeAction({ authorization: request, pspReference: challenge.pspReference, redirectResult });
      assert.deepEqual(completed, { outcome: 'authorized', pspReference: challenge.pspReference, amountCapturable: 5000 });
      const event = await notified(challenge.pspReference, 'AUTHORISATION');
      assert.equal(event.kind, 'authorized');
      const payment = await onlyPayment(request.paymentId);
      assert.deepEqual([payment.status, payment.authorizations], ['Authorised', 1]);
    });

    it('a failed challenge declines the payment', async () => {
      const request = authorization({ paymentMethod: 'pm_card_threeDSecure2Required' });
      const challenge = await adyen.authorize(request);
      assert.equal(challenge.outcome, 'requires_action');
      if (challenge.outcome !== 'requires_action') return;
      const page = await fetch(`${challenge.redirectUrl}?outcome=failed`, { redirect: 'manual' });
      const redirectResult = new URL(page.headers.get('location')!).searchParams.get('redirectResult')!;
      const completed = await adyen.completeAction({ authorization: request, pspReference: challenge.pspReference, redirectResult });
      assert.equal(completed.outcome, 'declined');
      const event = await notified(challenge.pspReference, 'AUTHORISATION', 'false');
      assert.equal(event.kind, 'authorization_failed');
    });
  });

  describe('modifications', () => {
    it('a capture is pending until the CAPTURE notification confirms it, for our payment id', async () => {
      const request = authorization();
      const pspReference = await authorized(request);
      const result = await adyen.capture({ pspReference, amount: 3000, currency: 'eur', idempotencyKey: `${request.paymentId}:capture` });
      assert.deepEqual(result, { outcome: 'pending', amountCaptured: 3000 });
      const event = await notified(pspReference, 'CAPTURE');
      assert.deepEqual(
        [event.kind, event.pspReference, event.paymentId, event.amount],
        ['captured', pspReference, request.paymentId, 3000],
      );
      const payment = await onlyPayment(request.paymentId);
      assert.deepEqual([payment.status, payment.amount_captured], ['Captured', 3000]);
    });

    it('a capture of more than was authorized is received, then fails by notification', async () => {
      const request = authorization();
      const pspReference = await authorized(request);
      const result = await adyen.capture({ pspReference, amount: 9000, currency: 'eur', idempotencyKey: `${request.paymentId}:capture` });
      assert.equal(result.outcome, 'pending');
      const event = await notified(pspReference, 'CAPTURE', 'false');
      assert.equal(event.kind, 'capture_failed');
      assert.equal((await onlyPayment(request.paymentId)).status, 'Authorised');
    });

    it('a cancel is pending until the CANCELLATION notification', async () => {
      const request = authorization();
      const pspReference = await authorized(request);
      assert.deepEqual(await adyen.cancel({ pspReference, idempotencyKey: `${request.paymentId}:cancel` }), { outcome: 'pending' });
      const event = await notified(pspReference, 'CANCELLATION');
      assert.deepEqual([event.kind, event.paymentId], ['canceled', request.paymentId]);
      assert.equal((await onlyPayment(request.paymentId)).status, 'Cancelled');
    });

    it('a refund is pending until the REFUND notification names it by our refund id', async () => {
      const request = authorization();
      const pspReference = await authorized(request);
      await adyen.capture({ pspReference, amount: 5000, currency: 'eur', idempotencyKey: `${request.paymentId}:capture` });
      await notified(pspReference, 'CAPTURE');
      const refundId = `re_${randomUUID()}`;
      const result = await adyen.refund({
        pspReference,
        amount: 2000,
        currency: 'eur',
        refundId,
        reason: 'requested_by_customer',
        idempotencyKey: refundId,
      });
      assert.equal(result.outcome, 'pending');
      const event = await notified(pspReference, 'REFUND');
      assert.deepEqual(
        [event.kind, event.refundId, event.pspRefundReference, event.amount],
        ['refunded', refundId, result.pspRefundReference, 2000],
      );
      assert.equal((await onlyPayment(request.paymentId)).amount_refunded, 2000);
    });

    it('a retried capture under the same key is one capture', async () => {
      const request = authorization();
      const pspReference = await authorized(request);
      const capture = { pspReference, amount: 5000, currency: 'eur', idempotencyKey: `${request.paymentId}:capture` };
      await adyen.capture(capture);
      await adyen.capture(capture);
      const response = await fetch(`${sim.url}/_sim/adyen/exchanges?merchant_reference=${request.paymentId}`);
      const { data } = (await response.json()) as { data: Array<{ path: string; response: { pspReference: string } }> };
      const answers = data.filter((exchange) => exchange.path.endsWith('/captures')).map((exchange) => exchange.response.pspReference);
      assert.equal(answers.length, 2);
      assert.equal(answers[0], answers[1], 'the retry got the first capture back');
      const event = await notified(pspReference, 'CAPTURE');
      assert.equal(event.eventId, `CAPTURE:${answers[0]}:true`);
    });

    it('adyen_fail_modifications: the scheme rejects captures and refunds after Adyen accepted them', async () => {
      const request = authorization();
      const pspReference = await authorized(request);
      await adyen.capture({ pspReference, amount: 5000, currency: 'eur', idempotencyKey: `${request.paymentId}:capture` });
      await notified(pspReference, 'CAPTURE');
      await simClient.control({ action: 'adyen_fail_modifications', merchant_reference: request.paymentId });
      const refundId = `re_${randomUUID()}`;
      await adyen.refund({ pspReference, amount: 1000, currency: 'eur', refundId, idempotencyKey: refundId });
      const accepted = await notified(pspReference, 'REFUND');
      assert.equal(accepted.kind, 'refunded');
      const rejected = await notified(pspReference, 'REFUND_FAILED');
      assert.deepEqual([rejected.kind, rejected.refundId], ['refund_failed', refundId]);
      assert.equal((await onlyPayment(request.paymentId)).amount_refunded, 0);
    });
  });

  describe('failures', () => {
    it('an authorization whose answer never comes times out; the lookup finds it authorized, once', async () => {
      const request = authorization({ paymentMethod: 'pm_sim_ambiguous' });
      await assert.rejects(simAdyenGateway(sim, { timeoutMs: 300 }).authorize(request), (error: unknown) => {
        assert.ok(error instanceof AdyenTimeoutError);
        return true;
      });
      const found = await adyen.lookupAuthorization(request);
      assert.equal(found.outcome, 'authorized');
      const payment = await onlyPayment(request.paymentId);
      assert.deepEqual([found.outcome === 'authorized' && found.pspReference, payment.authorizations], [payment.psp_reference, 1]);
      const [first] = await requestsTo(request.paymentId, '/payments');
      assert.equal(first.status, null, 'the first request was never answered');
    });

    it('a held answer is committed first: a replay during the hold answers at once', async () => {
      const request = authorization({ paymentMethod: 'pm_card_mastercard' });
      await simClient.control({ action: 'hold', payment_method: 'pm_card_mastercard' });
      const held = adyen.authorize(request);
      try {
        await eventually('the held authorization', async () => (await simClient.payments(request.paymentId)).length === 1);
        const replayed = await authorized(request);
        await simClient.control({ action: 'release', payment_method: 'pm_card_mastercard' });
        const first = await held;
        assert.equal(first.outcome === 'authorized' && first.pspReference, replayed);
      } finally {
        await simClient.control({ action: 'release', payment_method: 'pm_card_mastercard' });
      }
      assert.equal((await onlyPayment(request.paymentId)).authorizations, 1);
    });

    it('refused connections (psp_down) never reached Adyen: PspNotReachedError', async () => {
      await simClient.control({ action: 'psp_down', psp: 'adyen' });
      try {
        await assert.rejects(adyen.authorize(authorization()), PspNotReachedError);
      } finally {
        await simClient.control({ action: 'psp_up', psp: 'adyen' });
      }
      assert.equal((await adyen.authorize(authorization())).outcome, 'authorized');
    });

    it("a 503 (psp_down 503) is ambiguous: a plain error carrying Adyen's ServiceError", async () => {
      await simClient.control({ action: 'psp_down', psp: 'adyen', mode: '503' });
      try {
        await assert.rejects(adyen.authorize(authorization()), (error: unknown) => {
          assert.ok(error instanceof HttpClientException);
          assert.ok(!(error instanceof PspRequestError) && !(error instanceof PspNotReachedError));
          assert.equal(error.statusCode, 503);
          assert.equal(error.apiError?.errorType, 'internal');
          return true;
        });
      } finally {
        await simClient.control({ action: 'psp_up', psp: 'adyen' });
      }
    });

    it('pm_sim_flaky answers 500 twice, then authorizes under the same key', async () => {
      const request = authorization({ paymentMethod: 'pm_sim_flaky' });
      for (let attempt = 0; attempt < 2; attempt++) {
        await assert.rejects(adyen.authorize(request), (error: unknown) => {
          assert.ok(error instanceof HttpClientException);
          assert.equal(error.statusCode, 500);
          return true;
        });
      }
      await authorized(request);
      const statuses = (await requestsTo(request.paymentId, '/payments')).map((entry) => entry.status);
      assert.deepEqual(statuses, [500, 500, 200]);
      assert.equal((await onlyPayment(request.paymentId)).authorizations, 1);
    });

    it('retrieve is not something Adyen offers: it says so without calling', async () => {
      await assert.rejects(adyen.retrieve('PSP0000000000001'), /no API to read payment PSP0000000000001/);
    });
  });

  describe('a restarted simulator', () => {
    it('keeps payments and idempotency keys: a replay after the restart is still the same authorization', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'adyen-sim-'));
      const stateFile = path.join(dir, 'simulator.json');
      let restarted: RunningSimulator | undefined;
      try {
        const first = await startSimulator({ stateFile });
        const request = authorization();
        const before = createAdyenGateway({
          apiKey: SIM_ADYEN_API_KEY,
          merchantAccount: 'M',
          environment: 'TEST',
          baseUrl: first.adyenUrl,
        });
        const original = await before.authorize(request);
        await first.close();

        restarted = await startSimulator({ stateFile });
        const after = createAdyenGateway({
          apiKey: SIM_ADYEN_API_KEY,
          merchantAccount: 'M',
          environment: 'TEST',
          baseUrl: restarted.adyenUrl,
        });
        assert.deepEqual(await after.lookupAuthorization(request), original);
        const rows = await simulatorClient(restarted.url).payments(request.paymentId);
        assert.deepEqual(
          rows.map((row) => row.authorizations),
          [1],
        );
      } finally {
        await restarted?.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
