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
import { eventually } from '../support/eventually';
import type { ApiClient } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';

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

/** The suite's API client has no DELETE. */
async function deleteRequest(stack: TestStack, apiKey: string, path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${stack.apiUrl}${path}`, { method: 'DELETE', headers: { authorization: `Bearer ${apiKey}` } });
  return { status: response.status, body: await response.json() };
}

async function capturedPayment(api: ApiClient): Promise<string> {
  const created = await api.post('/v1/payments', { amount: 1500, currency: 'usd', payment_method: 'pm_card_visa' });
  assert.equal(created.body.status, 'captured', JSON.stringify(created.body));
  return created.body.id;
}

/** The id of the payment's event of this type, once it is recorded. */
async function eventOf(api: ApiClient, paymentId: string, type = 'payment.captured'): Promise<string> {
  return eventually(`${type} of ${paymentId}`, async () => {
    const events = await api.get(`/v1/events?payment=${paymentId}&type=${type}`);
    return events.body.data[0]?.id as string | undefined;
  });
}

describe('webhook endpoints: production address policy', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let merchant: { apiKey: string; api: ApiClient };
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
    const refused = [
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
    for (const url of refused) {
      const answer = await merchant.api.post('/v1/webhook_endpoints', { url, events: ['*'] });
      assert.equal(answer.status, 400, `${url}: ${JSON.stringify(answer.body)}`);
      assert.deepEqual([answer.body.error.code, answer.body.error.param], ['url_not_allowed', 'url'], url);
    }
    assert.deepEqual((await merchant.api.get('/v1/webhook_endpoints')).body.data, []);

    // A host name is not resolved at registration: one that does not resolve (yet) is accepted.
    const unresolved = await merchant.api.post('/v1/webhook_endpoints', { url: 'https://not-yet.holdfast-test.example/hooks', events: ['*'] });
    assert.equal(unresolved.status, 201, JSON.stringify(unresolved.body));
    const moved = await merchant.api.post(`/v1/webhook_endpoints/${unresolved.body.id}`, { url: 'https://[::ffff:10.0.0.1]/' });
    assert.deepEqual([moved.status, moved.body.error.code, moved.body.error.param], [400, 'url_not_allowed', 'url']);
    assert.equal((await merchant.api.get(`/v1/webhook_endpoints/${unresolved.body.id}`)).body.url, 'https://not-yet.holdfast-test.example/hooks');
    assert.equal((await deleteRequest(stack, merchant.apiKey, `/v1/webhook_endpoints/${unresolved.body.id}`)).status, 200);
  });

  it('refuses at connect time a name that resolves to an internal address, and tells the merchant only that', async () => {
    const { apiKey, api } = await stack.merchant();
    const endpoints: Record<string, string> = {};
    for (const host of Object.keys(TEST_DNS)) {
      const created = await api.post('/v1/webhook_endpoints', { url: `https://${host}:${loopbackPort}/hooks`, events: ['payment.captured'] });
      assert.equal(created.status, 201, `${host}: ${JSON.stringify(created.body)}`);
      endpoints[host] = created.body.id;
    }
    const paymentId = await capturedPayment(api);
    const eventId = await eventOf(api, paymentId);

    for (const [host, endpointId] of Object.entries(endpoints)) {
      const delivery = await eventually(`a delivery attempt to ${host}`, async () => {
        const found = await findDelivery(stack.db, eventId, endpointId);
        return found && found.delivery.attempts > 0 && found.delivery;
      });
      assert.deepEqual([delivery.lastStatusCode, delivery.lastError], [null, 'address not allowed'], host);
    }
    // What the API shows the merchant of those deliveries.
    const shown = await api.post(`/v1/events/${eventId}/redeliver`, {});
    assert.equal(shown.status, 202, JSON.stringify(shown.body));
    assert.equal(shown.body.deliveries.length, Object.keys(TEST_DNS).length);
    for (const delivery of shown.body.deliveries) {
      assert.equal(delivery.last_error, 'address not allowed');
      assert.doesNotMatch(delivery.last_error, INTERNAL_DETAIL);
    }
    assert.equal(loopbackConnections, 0, 'a delivery reached the loopback server');
    // Deleted, their retries end at the next attempt.
    for (const endpointId of Object.values(endpoints)) await deleteRequest(stack, apiKey, `/v1/webhook_endpoints/${endpointId}`);
  });

  it('does not send to an endpoint stored before the policy on an address it refuses', async () => {
    const { id: merchantId, api } = await stack.merchant();
    const endpoint = await insertWebhookEndpoint(stack.db, {
      id: `we_${randomUUID().replaceAll('-', '')}`,
      merchantId,
      url: `http://127.0.0.1:${loopbackPort}/hooks`,
      events: ['*'],
      secret: 'whsec_legacy',
    });
    const paymentId = await capturedPayment(api);
    const eventId = await eventOf(api, paymentId);
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
  const received: Array<{ path: string; signature: string; body: string; event: { id: string; type: string; data: { object: { id: string } } } }> = [];
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
    const { api } = await stack.merchant();
    const first = `/hooks/${randomUUID()}`;
    const second = `/hooks/${randomUUID()}`;
    const created = await api.post('/v1/webhook_endpoints', { url: `${base}${first}`, events: ['payment.authorized'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.enabled, true);
    const id = created.body.id as string;

    const updated = await api.post(`/v1/webhook_endpoints/${id}`, { url: `${base}${second}`, events: ['payment.captured'] });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.deepEqual([updated.body.url, updated.body.events, updated.body.enabled, updated.body.secret], [`${base}${second}`, ['payment.captured'], true, undefined]);
    assert.deepEqual((await api.get(`/v1/webhook_endpoints/${id}`)).body, updated.body);

    const payment = await capturedPayment(api);
    const [delivered] = await deliveriesOf(second, payment, 1);
    assert.equal(delivered!.event.type, 'payment.captured');
    verifySignature({ payload: delivered!.body, header: delivered!.signature, secret: created.body.secret });
    assert.deepEqual(at(first), []);

    const disabled = await api.post(`/v1/webhook_endpoints/${id}`, { enabled: false });
    assert.equal(disabled.body.enabled, false);
    const whileDisabled = await capturedPayment(api);
    // The event is recorded after the payment answers: enable only once it is.
    const skipped = await eventOf(api, whileDisabled);
    await api.post(`/v1/webhook_endpoints/${id}`, { enabled: true });
    const afterEnabled = await capturedPayment(api);
    await deliveriesOf(second, afterEnabled, 1);
    // Deliveries keep per-payment order only, so the later payment's arrival proves nothing
    // about the earlier one: the event store says no delivery to it was ever made.
    assert.equal(await findDelivery(stack.db, skipped, id), undefined);
    assert.deepEqual(at(second).filter((r) => r.event.data.object.id === whileDisabled), []);

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
    const metadata = await api.post(`/v1/webhook_endpoints/${id}`, { url: 'https://169.254.169.254/' });
    assert.deepEqual([metadata.status, metadata.body.error.code], [400, 'url_not_allowed']);

    const other = await stack.merchant();
    assert.equal((await other.api.post(`/v1/webhook_endpoints/${id}`, { enabled: false })).status, 404);
    assert.equal((await other.api.post(`/v1/webhook_endpoints/${id}/rotate_secret`, {})).status, 404);
    assert.equal((await deleteRequest(stack, other.apiKey, `/v1/webhook_endpoints/${id}`)).status, 404);
    assert.equal((await api.get(`/v1/webhook_endpoints/${id}`)).body.enabled, true);
  });

  it('rotates the secret: both sign during the overlap, only the new one after it ends', async () => {
    const { api } = await stack.merchant();
    const path = `/hooks/${randomUUID()}`;
    const created = await api.post('/v1/webhook_endpoints', { url: `${base}${path}`, events: ['payment.captured'] });
    const id = created.body.id as string;
    const original = created.body.secret as string;

    const before = Math.floor(Date.now() / 1000);
    const rotated = await api.post(`/v1/webhook_endpoints/${id}/rotate_secret`, {});
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    assert.match(rotated.body.secret, /^whsec_[A-Za-z0-9_-]{40,}$/);
    assert.notEqual(rotated.body.secret, original);
    // The default overlap is a day.
    assert.ok(Math.abs(rotated.body.previous_secret_expires - (before + 86_400)) <= 5, JSON.stringify(rotated.body));
    assert.equal((await api.get(`/v1/webhook_endpoints/${id}`)).body.secret, undefined);

    const during = await capturedPayment(api);
    const [overlapping] = await deliveriesOf(path, during, 1);
    assert.equal(overlapping!.signature.match(/v1=/g)?.length, 2, overlapping!.signature);
    for (const secret of [rotated.body.secret, original]) verifySignature({ payload: overlapping!.body, header: overlapping!.signature, secret });

    // Ending the overlap now: the secret just replaced no longer signs, nor does the first.
    const ended = await api.post(`/v1/webhook_endpoints/${id}/rotate_secret`, { expires_in_seconds: 0 });
    assert.equal(ended.status, 200, JSON.stringify(ended.body));
    const after = await capturedPayment(api);
    const [single] = await deliveriesOf(path, after, 1);
    assert.equal(single!.signature.match(/v1=/g)?.length, 1, single!.signature);
    verifySignature({ payload: single!.body, header: single!.signature, secret: ended.body.secret });
    for (const secret of [rotated.body.secret, original]) {
      assert.throws(() => verifySignature({ payload: single!.body, header: single!.signature, secret }), /No signature matches/);
    }

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
    const { apiKey, api } = await stack.merchant();
    const kept = `/hooks/${randomUUID()}`;
    const dropped = `/hooks/${randomUUID()}`;
    await api.post('/v1/webhook_endpoints', { url: `${base}${kept}`, events: ['*'] });
    const doomed = await api.post('/v1/webhook_endpoints', { url: `${base}${dropped}`, events: ['*'] });
    const id = doomed.body.id as string;

    const deleted = await deleteRequest(stack, apiKey, `/v1/webhook_endpoints/${id}`);
    assert.deepEqual([deleted.status, deleted.body], [200, { id, object: 'webhook_endpoint', deleted: true }]);
    assert.equal((await api.get(`/v1/webhook_endpoints/${id}`)).status, 404);
    assert.ok(!(await api.get('/v1/webhook_endpoints')).body.data.some((e: { id: string }) => e.id === id));
    assert.equal((await api.post(`/v1/webhook_endpoints/${id}`, { enabled: true })).status, 404);
    assert.equal((await deleteRequest(stack, apiKey, `/v1/webhook_endpoints/${id}`)).body.error.code, 'resource_missing');

    const payment = await capturedPayment(api);
    await deliveriesOf(kept, payment, 2);
    for (const type of ['payment.authorized', 'payment.captured']) assert.equal(await findDelivery(stack.db, await eventOf(api, payment, type), id), undefined);
    assert.deepEqual(at(dropped), []);
  });

  it('tells the merchant what failed without the address, port or system error', async () => {
    const { apiKey, api } = await stack.merchant();
    const created = await api.post('/v1/webhook_endpoints', { url: `http://127.0.0.1:${await closedPort()}/hooks`, events: ['payment.captured'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const payment = await capturedPayment(api);
    const eventId = await eventOf(api, payment);
    await eventually('a failed attempt', async () => ((await findDelivery(stack.db, eventId, created.body.id))?.delivery.attempts ?? 0) > 0);
    const shown = await api.post(`/v1/events/${eventId}/redeliver`, {});
    const [delivery] = shown.body.deliveries;
    assert.equal(delivery.last_error, 'connection refused');
    assert.doesNotMatch(delivery.last_error, INTERNAL_DETAIL);
    await deleteRequest(stack, apiKey, `/v1/webhook_endpoints/${created.body.id}`);
  });

  it('documents update, delete and rotate_secret in /openapi.json', async () => {
    const { paths } = (await (await stack.merchant()).api.get('/openapi.json')).body;
    const one = paths['/v1/webhook_endpoints/{id}'];
    assert.deepEqual(Object.keys(one).sort(), ['delete', 'get', 'post']);
    assert.deepEqual(Object.keys(one.post.requestBody.content['application/json'].schema.properties).sort(), ['enabled', 'events', 'url']);
    const rotate = paths['/v1/webhook_endpoints/{id}/rotate_secret'].post.requestBody.content['application/json'].schema;
    assert.equal(rotate.properties.expires_in_seconds.maximum, 7 * 86_400);
  });
});
