// Events to merchants on the real stack: endpoints created over the API, events published by
// the activity the payment workflow calls, handed off by the worker's event relay and delivered
// by the delivery workflow to an HTTP receiver that checks each signature the way a merchant would.
import { testKeyring } from '../support/keyring';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createMerchantEventActivities } from '../../activities/merchant-events/activities';
import { endpointAddressPolicyFrom } from '../../config/endpoint-address';
import { verifySignature } from '../../activities/merchant-events/signature';
import { findDelivery } from '../../db/queries/webhooks';
import { eventSourceKey, type MerchantEventType } from '../../domain/events';
import * as transition from '../../domain/payment/transitions';
import type { PaymentState } from '../../domain/payment/types';
import type { HoldfastClient, RequestBody, RequestQuery } from '@holdfast/client';
import { eventually } from '../support/eventually';
import type { ApiClient } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';
import { answered, refused, withId } from '../support/typed-answers';
import { startReceiver, type Answer, type Receiver } from '../support/webhook-receiver';

// ---------------------------------------------------------------------------------------
// Payments, as the payment workflow holds them after each transition
// ---------------------------------------------------------------------------------------

const T0 = '2030-01-01T00:00:00.000Z';

function paymentSteps(merchantId: string) {
  const created = transition.newPayment({
    id: `pay_${randomUUID().replaceAll('-', '')}`,
    merchantId,
    amount: 5000,
    currency: 'usd',
    captureMethod: 'manual',
    psp: 'stripe',
    metadata: { order: 'A-1' },
    createdAt: T0,
  });
  const authorized = transition.authorized(created, T0, { pspReference: 'pi_1', amountCapturable: 5000, captureBefore: T0 });
  const captured = transition.captured(authorized, T0, 5000);
  const refundId = `re_${randomUUID().replaceAll('-', '')}`;
  const refunding = transition.refundStarted(captured, { id: refundId, amount: 2000, status: 'pending', createdAt: T0 });
  const refunded = transition.refundSucceeded(refunding, T0, refundId, 'psp_re_1');
  return { authorized, captured, refunded, refundId };
}

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

describe('webhooks out: events to merchant endpoints', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let receiver: Receiver;
  let merchant: { id: string; api: ApiClient; client: HoldfastClient };
  let activities: ReturnType<typeof createMerchantEventActivities>;

  before(async function () {
    this.timeout(300_000);
    [stack, receiver] = await Promise.all([startTestStack(), startReceiver()]);
    merchant = await stack.merchant();
    activities = createMerchantEventActivities({
      db: stack.db,
      keyring: await testKeyring(stack.db, stack.config.encryption),
      policy: endpointAddressPolicyFrom(stack.config),
    });
  });
  after(async () => {
    await receiver?.close();
    await stack?.stop();
  });

  /** What the payment workflow calls after a transition. */
  function publish(type: MerchantEventType, payment: PaymentState, refundId?: string) {
    return activities.publishPaymentEvent({
      type,
      payment,
      refundId,
      sourceKey: eventSourceKey({ type, paymentId: payment.id, refundId }),
    });
  }

  async function createEndpoint(
    client: HoldfastClient,
    events: RequestBody<'/v1/webhook_endpoints', 'post'>['events'] = ['*'],
    answer?: Answer,
  ) {
    const { url, path } = receiver.url(answer);
    const created = answered(await client.POST('/v1/webhook_endpoints', { body: { url, events } }), 201);
    return { id: created.id, secret: created.secret, path, url };
  }

  it('creates an endpoint and shows its whsec_ secret on create only', async () => {
    const { url } = receiver.url();
    const key = randomUUID();
    const create = () =>
      merchant.client.POST('/v1/webhook_endpoints', {
        params: { header: { 'Idempotency-Key': key } },
        body: { url, events: ['payment.captured', 'payment.captured', 'refund.failed'] },
      });
    const created = answered(await create(), 201);
    assert.match(created.id, /^we_[0-9a-f]+$/);
    assert.match(created.secret, /^whsec_[A-Za-z0-9_-]{40,}$/);
    assert.equal(created.object, 'webhook_endpoint');
    assert.equal(created.url, url);
    assert.deepEqual(created.events, ['payment.captured', 'refund.failed']);

    const replay = await create();
    assert.equal(replay.response.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(answered(replay, 201), created);

    const fetched = answered(await merchant.client.GET('/v1/webhook_endpoints/{id}', withId(created.id)), 200);
    const { secret: _secret, ...withoutSecret } = created;
    assert.deepEqual(fetched, withoutSecret);
    const listed = answered(await merchant.client.GET('/v1/webhook_endpoints'), 200);
    assert.ok(listed.data.some((e) => e.id === created.id && !('secret' in e)));

    const { client: other } = await stack.merchant();
    refused(await other.GET('/v1/webhook_endpoints/{id}', withId(created.id)), 404);
  });

  it('refuses bad input with 400, a machine-readable code and the param', async () => {
    const { url } = receiver.url();
    const cases: Array<[unknown, string, string]> = [
      [{ events: ['*'] }, 'parameter_missing', 'url'],
      [{ url: 'ftp://example.com/hook', events: ['*'] }, 'parameter_invalid', 'url'],
      [{ url: 'javascript:alert(1)', events: ['*'] }, 'parameter_invalid', 'url'],
      [{ url: 'http://user:pw@example.com/hook', events: ['*'] }, 'parameter_invalid', 'url'],
      [{ url }, 'parameter_missing', 'events'],
      [{ url, events: [] }, 'parameter_invalid', 'events'],
      [{ url, events: ['payment.captured', 'payment.exploded'] }, 'parameter_invalid', 'events[1]'],
      [{ url, events: ['*'], secret: 'whsec_mine' }, 'parameter_unknown', 'secret'],
    ];
    for (const [body, code, param] of cases) {
      const refused = await merchant.api.post('/v1/webhook_endpoints', body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.deepEqual([refused.body.error.code, refused.body.error.param], [code, param], JSON.stringify(body));
    }
    const keyless = await merchant.api.post('/v1/webhook_endpoints', { url, events: ['*'] }, { idempotencyKey: null });
    assert.equal(keyless.body.error.code, 'idempotency_key_missing');

    for (const [query, param] of [
      ['limit=0', 'limit'],
      ['type=payment.exploded', 'type'],
      ['payment=nope', 'payment'],
      ['colour=red', 'colour'],
    ]) {
      const refused = await merchant.api.get(`/v1/events?${query}`);
      assert.equal(refused.status, 400, query);
      assert.equal(refused.body.error.param, param, query);
    }
  });

  it("delivers a payment's events signed and in order, the first on its third attempt after two 500s", async () => {
    const endpoint = await createEndpoint(merchant.client, ['*'], (event, seen) =>
      event.type === 'payment.authorized' && seen <= 2 ? 500 : 200,
    );
    const { authorized, captured, refunded, refundId } = paymentSteps(merchant.id);

    const first = await publish('payment.authorized', authorized);
    await publish('payment.captured', captured);
    await publish('refund.succeeded', refunded, refundId);

    const accepted = await eventually('three events accepted', async () => {
      const events = receiver.accepted(endpoint.path);
      return events.length === 3 && events;
    });
    assert.deepEqual(
      accepted.map((e) => e.type),
      ['payment.authorized', 'payment.captured', 'refund.succeeded'],
    );
    // The refused attempts came first: nothing overtook the event that was being retried.
    assert.deepEqual(
      receiver.deliveries(endpoint.path).map((d) => `${d.event.type} ${d.status}`),
      ['payment.authorized 500', 'payment.authorized 500', 'payment.authorized 200', 'payment.captured 200', 'refund.succeeded 200'],
    );
    for (const delivery of receiver.deliveries(endpoint.path)) {
      verifySignature({ payload: delivery.rawBody, header: delivery.signature, secret: endpoint.secret });
      assert.throws(() => verifySignature({ payload: delivery.rawBody, header: delivery.signature, secret: 'whsec_wrong' }));
    }

    const [auth, capture, refund] = accepted;
    assert.equal(auth!.id, first.eventId);
    assert.equal(auth!.object, 'event');
    assert.deepEqual(
      [auth!.data.object.object, auth!.data.object.id, auth!.data.object.status, auth!.data.object.amount_capturable],
      ['payment', authorized.id, 'authorized', 5000],
    );
    assert.equal(capture!.data.object.status, 'captured');
    assert.deepEqual(
      [refund!.data.object.object, refund!.data.object.id, refund!.data.object.payment, refund!.data.object.status],
      ['refund', refundId, authorized.id, 'succeeded'],
    );

    const row = await findDelivery(stack.db, first.eventId, endpoint.id);
    assert.deepEqual(
      [row?.delivery.status, row?.delivery.attempts, row?.delivery.lastStatusCode, row?.delivery.lastError],
      ['succeeded', 3, 200, null],
    );
    assert.ok(row?.delivery.deliveredAt);
  });

  it('sends an endpoint only the types it subscribed to, and nothing to other merchants', async () => {
    const { id: merchantId, client } = await stack.merchant();
    const capturedOnly = await createEndpoint(client, ['payment.captured']);
    const everything = await createEndpoint(client, ['*']);
    const { client: otherClient } = await stack.merchant();
    const otherMerchant = await createEndpoint(otherClient, ['*']);
    const { authorized, captured } = paymentSteps(merchantId);

    const auth = await publish('payment.authorized', authorized);
    const capture = await publish('payment.captured', captured);

    await eventually('both events at the * endpoint', async () => receiver.accepted(everything.path).length === 2);
    await eventually('the capture at the payment.captured endpoint', async () => receiver.accepted(capturedOnly.path).length === 1);
    assert.deepEqual(
      receiver.accepted(capturedOnly.path).map((e) => e.id),
      [capture.eventId],
    );
    // Deliveries are decided when the relay hands the event off: none exists for the others.
    assert.equal(await findDelivery(stack.db, auth.eventId, capturedOnly.id), undefined);
    assert.equal(await findDelivery(stack.db, capture.eventId, otherMerchant.id), undefined);
    assert.deepEqual(receiver.deliveries(otherMerchant.path), []);
  });

  it('a retried publish records the event once and delivers it once', async () => {
    const { id: merchantId, client } = await stack.merchant();
    const endpoint = await createEndpoint(client);
    const { authorized, captured } = paymentSteps(merchantId);

    const first = await publish('payment.authorized', authorized);
    const retried = await publish('payment.authorized', authorized);
    assert.equal(retried.eventId, first.eventId);
    await publish('payment.captured', captured);

    // In order per payment: once the capture is in, every hand-off before it is settled.
    await eventually('the capture delivered', async () => receiver.accepted(endpoint.path).some((e) => e.type === 'payment.captured'));
    assert.deepEqual(
      receiver.accepted(endpoint.path).map((e) => e.type),
      ['payment.authorized', 'payment.captured'],
    );
    const listed = answered(
      await client.GET('/v1/events', { params: { query: { payment: authorized.id, type: 'payment.authorized' } } }),
      200,
    );
    assert.equal(listed.data.length, 1);
  });

  it('redelivers an event on request, and lists and shows events newest first', async () => {
    const { id: merchantId, client } = await stack.merchant();
    const endpoint = await createEndpoint(client);
    const { authorized, captured, refunded, refundId } = paymentSteps(merchantId);
    const auth = await publish('payment.authorized', authorized);
    const capture = await publish('payment.captured', captured);
    const refund = await publish('refund.succeeded', refunded, refundId);
    await eventually('three events delivered', async () => receiver.accepted(endpoint.path).length === 3);

    const redelivered = answered(await client.POST('/v1/events/{id}/redeliver', withId(capture.eventId)), 202);
    assert.equal(redelivered.object, 'event_redelivery');
    assert.equal(redelivered.event, capture.eventId);
    assert.deepEqual(
      redelivered.deliveries.map((d) => [d.endpoint, d.status, d.attempts]),
      [[endpoint.id, 'pending', 1]],
    );
    const again = await eventually('the capture delivered again', async () => {
      const captures = receiver.deliveries(endpoint.path).filter((d) => d.event.id === capture.eventId);
      return captures.length === 2 && captures[1];
    });
    verifySignature({ payload: again.rawBody, header: again.signature, secret: endpoint.secret });
    await eventually(
      'the redelivery recorded',
      async () => (await findDelivery(stack.db, capture.eventId, endpoint.id))?.delivery.attempts === 2,
    );

    const events = async (query: RequestQuery<'/v1/events', 'get'>) => answered(await client.GET('/v1/events', { params: { query } }), 200);
    const listed = await events({ payment: authorized.id });
    assert.equal(listed.object, 'list');
    assert.deepEqual(
      listed.data.map((e) => e.id),
      [refund.eventId, capture.eventId, auth.eventId],
    );
    const page1 = await events({ payment: authorized.id, limit: 2 });
    assert.equal(page1.has_more, true);
    const page2 = await events({ payment: authorized.id, limit: 2, starting_after: page1.data[1]!.id });
    assert.deepEqual(
      page2.data.map((e) => e.id),
      [auth.eventId],
    );
    assert.equal(page2.has_more, false);
    const refunds = await events({ type: 'refund.succeeded' });
    assert.deepEqual(
      refunds.data.map((e) => e.id),
      [refund.eventId],
    );

    // GET answers exactly what the endpoint was sent.
    const shown = answered(await client.GET('/v1/events/{id}', withId(capture.eventId)), 200);
    assert.deepEqual(shown, JSON.parse(again.rawBody));

    const { client: other } = await stack.merchant();
    refused(await other.GET('/v1/events/{id}', withId(capture.eventId)), 404);
    refused(await other.POST('/v1/events/{id}/redeliver', withId(capture.eventId)), 404);
    assert.equal(refused(await client.POST('/v1/events/{id}/redeliver', withId('evt_missing')), 404).error.code, 'resource_missing');
  });
});
