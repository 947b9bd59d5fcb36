// Merchant webhook endpoints on the real stack: where an endpoint may point (checked as
// written when it is registered, and on the resolved address when a delivery connects), what
// a failed delivery tells the merchant, and the endpoint's life: update, disable, rotate its
// secret with an overlap, delete.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import { verifySignature } from '../../activities/merchant-events/signature';
import { findDelivery, insertWebhookEndpoint } from '../../db/queries/webhooks';
import type { HoldfastClient, RequestBody, RequestQuery } from '@holdfast/client';
import { eventually } from '../support/eventually';
import { startTestStack, type TestStack } from '../support/stack';
import { answered, refused, withId } from '../support/typed-answers';

/** Made-up names the suite's resolver answers; nothing here is looked up in real DNS. */
const TEST_DNS: Record<string, string[]> = {
  'rebind.holdfast-test.example': ['127.0.0.1'],
  'metadata.holdfast-test.example': ['169.254.169.254'],
  'private.holdfast-test.example': ['10.1.2.3'],
  'mapped.holdfast-test.example': ['::ffff:127.0.0.1'],
  // One public address among them does not make the name safe: every address is checked.
  'mixed.holdfast-test.example': ['93.184.215.14', '127.0.0.1'],
};
const resolveTestNames = async (hostname: string) => {
  const addresses = TEST_DNS[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

/** What a merchant sees of a failed delivery never names an address, a port or a system error. */
const INTERNAL_DETAIL = /\d+\.\d+\.\d+\.\d+|::|:\d{2,5}\b|E[A-Z]{4,}|getaddrinfo|connect /;

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A port on 127.0.0.1 nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const deleteEndpoint = (client: HoldfastClient, id: string) => client.DELETE('/v1/webhook_endpoints/{id}', withId(id));

async function capturedPayment(client: HoldfastClient): Promise<string> {
  const created = answered(
    await client.POST('/v1/payments', { body: { amount: 1500, currency: 'usd', payment_method: 'pm_card_visa' } }),
    201,
  );
  assert.equal(created.status, 'captured', JSON.stringify(created));
  return created.id;
}

type EventType = NonNullable<RequestQuery<'/v1/events', 'get'>['type']>;

/** The id of the payment's event of this type, once it is recorded. */
async function eventOf(client: HoldfastClient, paymentId: string, type: EventType = 'payment.captured'): Promise<string> {
  return eventually(`${type} of ${paymentId}`, async () => {
    const events = answered(await client.GET('/v1/events', { params: { query: { payment: paymentId, type } } }), 200);
    return events.data[0]?.id;
  });
}

describe('webhook endpoints: production address policy', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let merchant: { client: HoldfastClient };
  /** A real server on loopback; a delivery that reached it would show here. */
  let loopbackConnections = 0;
  let loopback: Server;
  let loopbackPort: number;

  before(async function () {
    this.timeout(300_000);
    stack = await startTestStack({ env: { WEBHOOK_ALLOW_HTTP_LOOPBACK: 'false' }, resolveWebhookHost: resolveTestNames });
    merchant = await stack.merchant();
    loopback = createTcpServer((socket) => {
      loopbackConnections += 1;
      socket.destroy();
    });
    loopbackPort = await listen(loopback);
  });
  after(async () => {
    await new Promise((resolve) => loopback?.close(resolve));
    await stack?.stop();
  });

  it('refuses an endpoint on loopback, private, link-local or reserved addresses in any spelling, and plain http', async () => {
    const refusedUrls = [
      'http://127.0.0.1:5433/',
      'https://127.0.0.1:5433/',
      'https://0x7f000001/',
      'https://2130706433/',
      'https://0177.0.0.1/',
      'https://127.1/',
      'https://[::1]:7233/',
      'https://[::ffff:127.0.0.1]/',
      'https://[::ffff:7f00:1]/',
      'https://localhost/',
      'https://localhost./',
      'https://api.localhost/',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::ffff:a9fe:a9fe]/',
      'https://10.0.0.8/',
      'https://172.20.0.1/',
      'https://192.168.1.1/',
      'https://100.64.0.1/',
      'https://0.0.0.0/',
      'https://224.0.0.1/',
      'https://[fd00::1]/',
      'https://[fe80::1]/',
      'https://postgres/',
      'http://hooks.example.com/',
      'http://93.184.215.14/',
    ];
    for (const url of refusedUrls) {
      const { error } = refused(await merchant.client.POST('/v1/webhook_endpoints', { body: { url, events: ['*'] } }), 400);
      assert.deepEqual([error.code, error.param], ['url_not_allowed', 'url'], url);
    }
    assert.deepEqual(answered(await merchant.client.GET('/v1/webhook_endpoints'), 200).data, []);

    // A host name is not resolved at registration: one that does not resolve (yet) is accepted.
    const unresolved = answered(
      await merchant.client.POST('/v1/webhook_endpoints', { body: { url: 'https://not-yet.holdfast-test.example/hooks', events: ['*'] } }),
      201,
    );
    const moved = refused(
      await merchant.client.POST('/v1/webhook_endpoints/{id}', { ...withId(unresolved.id), body: { url: 'https://[::ffff:10.0.0.1]/' } }),
      400,
    );
    assert.deepEqual([moved.error.code, moved.error.param], ['url_not_allowed', 'url']);
    assert.equal(
      answered(await merchant.client.GET('/v1/webhook_endpoints/{id}', withId(unresolved.id)), 200).url,
      'https://not-yet.holdfast-test.example/hooks',
    );
    answered(await deleteEndpoint(merchant.client, unresolved.id), 200);
  });

  it('refuses at connect time a name that resolves to an internal address, and tells the merchant only that', async () => {
    const { client } = await stack.merchant();
    const endpoints: Record<string, string> = {};
    for (const host of Object.keys(TEST_DNS)) {
      const created = answered(
        await client.POST('/v1/webhook_endpoints', {
          body: { url: `https://${host}:${loopbackPort}/hooks`, events: ['payment.captured'] },
        }),
        201,
      );
      endpoints[host] = created.id;
    }
    const paymentId = await capturedPayment(client);
    const eventId = await eventOf(client, paymentId);

    for (const [host, endpointId] of Object.entries(endpoints)) {
      const delivery = await eventually(`a delivery attempt to ${host}`, async () => {
        const found = await findDelivery(stack.db, eventId, endpointId);
        return found && found.delivery.attempts > 0 && found.delivery;
      });
      assert.deepEqual([delivery.lastStatusCode, delivery.lastError], [null, 'address not allowed'], host);
    }
    // What the API shows the merchant of those deliveries.
    const shown = answered(await client.POST('/v1/events/{id}/redeliver', { ...withId(eventId), body: {} }), 202);
    assert.equal(shown.deliveries.length, Object.keys(TEST_DNS).length);
    for (const delivery of shown.deliveries) {
      assert.equal(delivery.last_error, 'address not allowed');
      assert.doesNotMatch(delivery.last_error, INTERNAL_DETAIL);
    }
    assert.equal(loopbackConnections, 0, 'a delivery reached the loopback server');
    // Deleted, their retries end at the next attempt.
    for (const endpointId of Object.values(endpoints)) await deleteEndpoint(client, endpointId);
  });

  it('does not send to an endpoint stored before the policy on an address it refuses', async () => {
    const { id: merchantId, client } = await stack.merchant();
    const endpoint = await insertWebhookEndpoint(stack.db, {
      id: `we_${randomUUID().replaceAll('-', '')}`,
      merchantId,
      url: `http://127.0.0.1:${loopbackPort}/hooks`,
      events: ['*'],
      secret: 'whsec_legacy',
    });
    const paymentId = await capturedPayment(client);
    const eventId = await eventOf(client, paymentId);
    // Refused as written: no retry can help, so the delivery is given up at once.
    const delivery = await eventually('the delivery given up', async () => {
      const found = await findDelivery(stack.db, eventId, endpoint.id);
      return found?.delivery.status === 'failed' && found.delivery;
    });
    assert.deepEqual([delivery.attempts, delivery.lastError], [1, 'address not allowed']);
    assert.equal(loopbackConnections, 0);
  });
});

describe('webhook endpoints: update, disable, rotate and delete', function () {
  this.timeout(120_000);
  let stack: TestStack;
  const received: Array<{
    path: string;
    signature: string;
    body: string;
    event: { id: string; type: string; data: { object: { id: string } } };
  }> = [];
  const receiver = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', signature: String(req.headers['holdfast-signature']), body, event: JSON.parse(body) });
      res.writeHead(200).end();
    });
  });
  let base: string;

  before(async function () {
    this.timeout(300_000);
    // The test stack's default: loopback allowed over http, for this receiver.
    stack = await startTestStack();
    base = `http://127.0.0.1:${await listen(receiver)}`;
  });
  after(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await stack?.stop();
  });

  const at = (path: string) => received.filter((r) => r.path === path);
  /** The payment's deliveries to a path, once `count` of them have arrived. */
  const deliveriesOf = (path: string, paymentId: string, count: number) =>
    eventually(`${count} deliveries of ${paymentId} to ${path}`, async () => {
      const mine = at(path).filter((r) => r.event.data.object.id === paymentId);
      return mine.length >= count && mine;
    });

  it('updates url, events and enabled; a disabled endpoint is sent nothing; another merchant gets 404', async () => {
    const { api, client } = await stack.merchant();
    const first = `/hooks/${randomUUID()}`;
    const second = `/hooks/${randomUUID()}`;
    const created = answered(
      await client.POST('/v1/webhook_endpoints', { body: { url: `${base}${first}`, events: ['payment.authorized'] } }),
      201,
    );
    assert.equal(created.enabled, true);
    const id = created.id;
    const update = (body: RequestBody<'/v1/webhook_endpoints/{id}', 'post'>) =>
      client.POST('/v1/webhook_endpoints/{id}', { ...withId(id), body });

    const updated = answered(await update({ url: `${base}${second}`, events: ['payment.captured'] }), 200);
    assert.deepEqual(
      [updated.url, updated.events, updated.enabled, 'secret' in updated],
      [`${base}${second}`, ['payment.captured'], true, false],
    );
    assert.deepEqual(answered(await client.GET('/v1/webhook_endpoints/{id}', withId(id)), 200), updated);

    const payment = await capturedPayment(client);
    const [delivered] = await deliveriesOf(second, payment, 1);
    assert.equal(delivered!.event.type, 'payment.captured');
    verifySignature({ payload: delivered!.body, header: delivered!.signature, secret: created.secret });
    assert.deepEqual(at(first), []);

    const disabled = answered(await update({ enabled: false }), 200);
    assert.equal(disabled.enabled, false);
    const whileDisabled = await capturedPayment(client);
    // The event is recorded after the payment answers: enable only once it is.
    const skipped = await eventOf(client, whileDisabled);
    answered(await update({ enabled: true }), 200);
    const afterEnabled = await capturedPayment(client);
    await deliveriesOf(second, afterEnabled, 1);
    // Deliveries keep per-payment order only, so the later payment's arrival proves nothing
    // about the earlier one: the event store says no delivery to it was ever made.
    assert.equal(await findDelivery(stack.db, skipped, id), undefined);
    assert.deepEqual(
      at(second).filter((r) => r.event.data.object.id === whileDisabled),
      [],
    );

    // Malformed on purpose (a wrong type, a field it does not take): the raw client sends them.
    for (const [body, param] of [
      [{ enabled: 'yes' }, 'enabled'],
      [{ events: [] }, 'events'],
      [{ url: 'ftp://example.com/' }, 'url'],
      [{ secret: 'whsec_mine' }, 'secret'],
    ] as const) {
      const refused = await api.post(`/v1/webhook_endpoints/${id}`, body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal(refused.body.error.param, param, JSON.stringify(body));
    }
    assert.equal(refused(await update({ url: 'https://169.254.169.254/' }), 400).error.code, 'url_not_allowed');

    const { client: other } = await stack.merchant();
    refused(await other.POST('/v1/webhook_endpoints/{id}', { ...withId(id), body: { enabled: false } }), 404);
    refused(await other.POST('/v1/webhook_endpoints/{id}/rotate_secret', { ...withId(id), body: {} }), 404);
    refused(await deleteEndpoint(other, id), 404);
    assert.equal(answered(await client.GET('/v1/webhook_endpoints/{id}', withId(id)), 200).enabled, true);
  });

  it('rotates the secret: both sign during the overlap, only the new one after it ends', async () => {
    const { api, client } = await stack.merchant();
    const path = `/hooks/${randomUUID()}`;
    const created = answered(
      await client.POST('/v1/webhook_endpoints', { body: { url: `${base}${path}`, events: ['payment.captured'] } }),
      201,
    );
    const id = created.id;
    const original = created.secret;

    const before = Math.floor(Date.now() / 1000);
    const rotated = answered(await client.POST('/v1/webhook_endpoints/{id}/rotate_secret', { ...withId(id), body: {} }), 200);
    assert.match(rotated.secret, /^whsec_[A-Za-z0-9_-]{40,}$/);
    assert.notEqual(rotated.secret, original);
    // The default overlap is a day.
    assert.ok(
      rotated.previous_secret_expires !== null && Math.abs(rotated.previous_secret_expires - (before + 86_400)) <= 5,
      JSON.stringify(rotated),
    );
    assert.ok(!('secret' in answered(await client.GET('/v1/webhook_endpoints/{id}', withId(id)), 200)));

    const during = await capturedPayment(client);
    const [overlapping] = await deliveriesOf(path, during, 1);
    assert.equal(overlapping!.signature.match(/v1=/g)?.length, 2, overlapping!.signature);
    for (const secret of [rotated.secret, original])
      verifySignature({ payload: overlapping!.body, header: overlapping!.signature, secret });

    // Ending the overlap now: the secret just replaced no longer signs, nor does the first.
    const ended = answered(
      await client.POST('/v1/webhook_endpoints/{id}/rotate_secret', { ...withId(id), body: { expires_in_seconds: 0 } }),
      200,
    );
    const after = await capturedPayment(client);
    const [single] = await deliveriesOf(path, after, 1);
    assert.equal(single!.signature.match(/v1=/g)?.length, 1, single!.signature);
    verifySignature({ payload: single!.body, header: single!.signature, secret: ended.secret });
    for (const secret of [rotated.secret, original]) {
      assert.throws(() => verifySignature({ payload: single!.body, header: single!.signature, secret }), /No signature matches/);
    }

    // With a field it does not take among them: the raw client sends the table.
    for (const [body, code, param] of [
      [{ expires_in_seconds: 7 * 86_400 + 1 }, 'parameter_invalid', 'expires_in_seconds'],
      [{ expires_in_seconds: -1 }, 'parameter_invalid', 'expires_in_seconds'],
      [{ expires_in_seconds: 1.5 }, 'parameter_invalid', 'expires_in_seconds'],
      [{ secret: 'whsec_mine' }, 'parameter_unknown', 'secret'],
    ] as const) {
      const refused = await api.post(`/v1/webhook_endpoints/${id}/rotate_secret`, body);
      assert.deepEqual([refused.status, refused.body.error.code, refused.body.error.param], [400, code, param], JSON.stringify(body));
    }
  });

  it('deletes an endpoint: gone from the API and sent nothing more', async () => {
    const { client } = await stack.merchant();
    const kept = `/hooks/${randomUUID()}`;
    const dropped = `/hooks/${randomUUID()}`;
    answered(await client.POST('/v1/webhook_endpoints', { body: { url: `${base}${kept}`, events: ['*'] } }), 201);
    const { id } = answered(await client.POST('/v1/webhook_endpoints', { body: { url: `${base}${dropped}`, events: ['*'] } }), 201);

    assert.deepEqual(answered(await deleteEndpoint(client, id), 200), { id, object: 'webhook_endpoint', deleted: true });
    refused(await client.GET('/v1/webhook_endpoints/{id}', withId(id)), 404);
    assert.ok(!answered(await client.GET('/v1/webhook_endpoints'), 200).data.some((e) => e.id === id));
    refused(await client.POST('/v1/webhook_endpoints/{id}', { ...withId(id), body: { enabled: true } }), 404);
    assert.equal(refused(await deleteEndpoint(client, id), 404).error.code, 'resource_missing');

    const payment = await capturedPayment(client);
    await deliveriesOf(kept, payment, 2);
    for (const type of ['payment.authorized', 'payment.captured'] as const)
      assert.equal(await findDelivery(stack.db, await eventOf(client, payment, type), id), undefined);
    assert.deepEqual(at(dropped), []);
  });

  it('tells the merchant what failed without the address, port or system error', async () => {
    const { client } = await stack.merchant();
    const created = answered(
      await client.POST('/v1/webhook_endpoints', {
        body: { url: `http://127.0.0.1:${await closedPort()}/hooks`, events: ['payment.captured'] },
      }),
      201,
    );
    const payment = await capturedPayment(client);
    const eventId = await eventOf(client, payment);
    await eventually('a failed attempt', async () => ((await findDelivery(stack.db, eventId, created.id))?.delivery.attempts ?? 0) > 0);
    const shown = answered(await client.POST('/v1/events/{id}/redeliver', { ...withId(eventId), body: {} }), 202);
    const [delivery] = shown.deliveries;
    assert.equal(delivery?.last_error, 'connection refused');
    assert.doesNotMatch(delivery.last_error, INTERNAL_DETAIL);
    answered(await deleteEndpoint(client, created.id), 200);
  });

  it('documents update, delete and rotate_secret in /openapi.json', async () => {
    // The document is not among its own paths: the raw client reads it.
    const { paths } = (await (await stack.merchant()).api.get('/openapi.json')).body;
    const one = paths['/v1/webhook_endpoints/{id}'];
    assert.deepEqual(Object.keys(one).sort(), ['delete', 'get', 'post']);
    assert.deepEqual(Object.keys(one.post.requestBody.content['application/json'].schema.properties).sort(), ['enabled', 'events', 'url']);
    const rotate = paths['/v1/webhook_endpoints/{id}/rotate_secret'].post.requestBody.content['application/json'].schema;
    assert.equal(rotate.properties.expires_in_seconds.maximum, 7 * 86_400);
  });
});
