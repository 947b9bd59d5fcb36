// While holdfast's Postgres or the Temporal frontend is unreachable, the API answers 503
// service_unavailable with Retry-After — never a 500 — and a request with an Idempotency-Key
// that met the outage leaves its key free: the same request retried once the dependency is back
// goes through. The outage is a proxy in front of the real server, cut and restored.
import { Client, Connection } from '@temporalio/client';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startApi } from '../../api/server';
import { createDatabase } from '../../db/client';
import { findIdempotencyRecord } from '../../db/queries/idempotency';
import { cuttableProxy, type CuttableProxy } from '../support/cuttable-proxy';
import { eventually } from '../support/eventually';
import { apiClient, type ApiClient } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';
import { sharedTemporal } from '../support/temporal';

describe('the API while a dependency is down', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let pgProxy: CuttableProxy;
  let temporalProxy: CuttableProxy;
  let api: ApiClient;
  let merchantId: string;
  const closers: Array<() => Promise<void>> = [];

  before(async function () {
    this.timeout(300_000);
    stack = await startTestStack();
    const merchant = await stack.merchant();
    merchantId = merchant.id;

    const database = new URL(stack.databaseUrl);
    pgProxy = await cuttableProxy({ host: database.hostname, port: Number(database.port) });
    database.port = String(pgProxy.port);
    const { db, close } = createDatabase(database.toString(), { max: 5 });

    const [temporalHost, temporalPort] = (await sharedTemporal()).address.split(':');
    temporalProxy = await cuttableProxy({ host: temporalHost, port: Number(temporalPort) });
    // As cli/api.ts connects: the client's default gRPC retries, no deadline of ours.
    const connection = await Connection.connect({ address: `127.0.0.1:${temporalProxy.port}` });
    const temporal = new Client({ connection, namespace: stack.config.temporal.namespace });

    const served = await startApi({ config: stack.config, db, temporal, port: 0, wiring: stack.wiring });
    api = apiClient(served.url, merchant.apiKey);
    closers.push(
      served.stop,
      () => connection.close(),
      close,
      pgProxy.close,
      temporalProxy.close,
      () => stack.stop(),
    );
  });
  after(async () => {
    for (const close of closers) await close().catch(() => undefined);
  });
  afterEach(async () => {
    await pgProxy.restore();
    await temporalProxy.restore();
  });

  const payment = { amount: 1200, currency: 'usd', payment_method: 'pm_card_visa' };

  const assertUnavailable = (answer: { status: number; body: any; headers: Headers }) => {
    assert.equal(answer.status, 503, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, 'service_unavailable');
    assert.ok(Number(answer.headers.get('retry-after')) > 0, 'Retry-After says when to come back');
  };

  it('answers 503 with Retry-After while Postgres is unreachable, and the same key goes through once it is back', async () => {
    await pgProxy.cut();
    const key = randomUUID();
    assertUnavailable(await api.post('/v1/payments', payment, { idempotencyKey: key }));
    assertUnavailable(await api.get('/v1/payments'));

    await pgProxy.restore();
    const created = await api.post('/v1/payments', payment, { idempotencyKey: key });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await eventually(
      'the payment to be captured',
      async () => (await api.get(`/v1/payments/${created.body.id}`)).body.status === 'captured',
    );
  });

  it('answers 503 while Temporal is unreachable and lets go of the key it claimed, so a retry proceeds', async () => {
    await temporalProxy.cut();
    const key = randomUUID();
    assertUnavailable(await api.post('/v1/payments', payment, { idempotencyKey: key }));
    assert.equal(await findIdempotencyRecord(stack.db, merchantId, key), undefined, 'no claim left in progress');

    await temporalProxy.restore();
    const created = await api.post('/v1/payments', payment, { idempotencyKey: key });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await eventually(
      'the payment to be captured',
      async () => (await api.get(`/v1/payments/${created.body.id}`)).body.status === 'captured',
    );
  });
});
