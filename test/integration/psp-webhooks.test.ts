// PSP webhooks in: signatures are checked over the raw body, nothing unverified is stored, and
// events are deduplicated by the PSP's event id.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { pspEvents } from '../../db/schema';
import { SIM_STRIPE_WEBHOOK_SECRET } from '../../sim/credentials';
import type { ApiClient } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';

describe('PSP webhooks in', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let api: ApiClient;

  before(async function () {
    this.timeout(300_000);
    stack = await startTestStack();
    ({ api } = await stack.merchant());
  });
  after(() => stack?.stop());

  const storedEvents = async () => (await stack.db.select({ n: count() }).from(pspEvents))[0]!.n;

  function stripeEvent(id: string, paymentId: string, pspReference: string) {
    return JSON.stringify({
      id,
      object: 'event',
      api_version: '2026-10-28.endive',
      created: Math.floor(Date.now() / 1000),
      type: 'payment_intent.amount_capturable_updated',
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: {
        object: {
          id: pspReference,
          object: 'payment_intent',
          amount: 1000,
          amount_capturable: 1000,
          amount_received: 0,
          currency: 'usd',
          status: 'requires_capture',
          metadata: { holdfast_payment_id: paymentId },
        },
      },
    });
  }

  const sign = (body: string, at = Math.floor(Date.now() / 1000), secret = SIM_STRIPE_WEBHOOK_SECRET) =>
    `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`;

  const postStripe = (body: string, signature?: string) =>
    fetch(`${stack.apiUrl}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
      body,
    });

  it('refuses a missing, wrong or stale Stripe signature with 400 and stores nothing', async () => {
    const before = await storedEvents();
    const body = stripeEvent('evt_unsigned_test', 'pay_nothing', 'pi_nothing');
    for (const signature of [undefined, sign(body, undefined, 'whsec_wrong'), sign(body, Math.floor(Date.now() / 1000) - 301)]) {
      const answer = await postStripe(body, signature);
      assert.equal(answer.status, 400);
      assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'invalid_signature');
    }
    // The signature covers the exact bytes: re-serialized JSON does not verify.
    const tampered = await postStripe(body.replace('1000', '1001'), sign(body));
    assert.equal(tampered.status, 400);
    assert.equal(await storedEvents(), before);
  });

  it('refuses an Adyen notification whose HMAC does not verify, and stores nothing', async () => {
    const before = await storedEvents();
    const answer = await fetch(`${stack.apiUrl}/webhooks/adyen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        live: 'false',
        notificationItems: [
          {
            NotificationRequestItem: {
              eventCode: 'AUTHORISATION',
              success: 'true',
              pspReference: 'ABCDEF1234567890',
              merchantReference: 'pay_forged',
              merchantAccountCode: 'HoldfastSimulatorECOM',
              amount: { value: 1000, currency: 'EUR' },
              eventDate: new Date().toISOString(),
              additionalData: { hmacSignature: 'bm90IGEgc2lnbmF0dXJl' },
            },
          },
        ],
      }),
    });
    assert.equal(answer.status, 400);
    assert.equal(await storedEvents(), before);
  });

  it('stores a redelivered event once, and a late event never moves a payment backwards', async () => {
    const created = await api.post('/v1/payments', { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', psp: 'stripe' });
    assert.equal(created.body.status, 'captured');
    // A late "authorized" for a payment already captured, delivered twice.
    const body = stripeEvent(`evt_late_${created.body.id}`, created.body.id, created.body.psp_reference);
    for (let i = 0; i < 2; i++) {
      const answer = await postStripe(body, sign(body));
      assert.equal(answer.status, 200);
    }
    const rows = await stack.db
      .select()
      .from(pspEvents)
      .where(eq(pspEvents.eventId, `evt_late_${created.body.id}`));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.paymentId, created.body.id);
    const after = await api.get(`/v1/payments/${created.body.id}`);
    assert.equal(after.body.status, 'captured');
    assert.equal(after.body.amount_captured, 1000);
  });
});
