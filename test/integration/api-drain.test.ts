import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { startApi } from '../../api/server';
import { eventually } from '../support/eventually';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * An orchestrator stops an API instance with SIGTERM and kills it some seconds later. In
 * between, the instance finishes what it has — within SHUTDOWN_GRACE_SECONDS — and takes
 * nothing new; what outlasts the grace is cut, for its Idempotency-Key to be retried.
 */
describe('stopping the API drains it', function () {
  this.timeout(120_000);
  let stack: TestStack;

  before(async () => {
    // No worker until the test starts one: a payment's request waits for it, in flight on cue.
    stack = await startTestStack({ withWorker: false });
  });

  after(() => stack.stop());

  async function paymentInFlight(graceMs: number) {
    const api = await startApi({
      config: { ...stack.config, shutdownGraceMs: graceMs },
      db: stack.db,
      temporal: stack.client,
      port: 0,
      wiring: stack.wiring,
    });
    const { id: merchantId, apiKey } = await stack.merchant();
    const key = randomUUID();
    const answer = fetch(`${api.url}/v1/payments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa' }),
    });
    // In flight once it holds its key's claim.
    await eventually('the request to claim its key', async () => {
      const claimed = await stack.db.execute(sql`select 1 from idempotency_keys where merchant_id = ${merchantId} and key = ${key}`);
      return claimed.rows.length === 1;
    });
    return { api, answer, merchantId };
  }

  it('finishes a request in flight and refuses new connections', async () => {
    const { api, answer } = await paymentInFlight(60_000);
    const stopped = api.stop();
    await assert.rejects(fetch(`${api.url}/healthz`), 'no new connection once stopping');
    // The request can finish only once a worker runs its payment: it does, while the API drains.
    const worker = await stack.startWorker();
    try {
      const response = await answer;
      assert.equal(response.status, 201);
      assert.equal(response.headers.get('connection'), 'close', 'the client is told not to reuse the connection');
      assert.equal(((await response.json()) as { status: string }).status, 'captured');
      await stopped;
    } finally {
      await worker.stop();
    }
  });

  it('cuts a request that outlasts the grace rather than wait for it', async () => {
    const { api, answer, merchantId } = await paymentInFlight(200);
    await api.stop();
    await assert.rejects(answer, 'cut before its answer');
    // The cut request's handler still waits on Temporal for a worker, retrying; one is started
    // so the payment and that call end here, not in a later suite's teardown.
    const worker = await stack.startWorker();
    try {
      await eventually("the cut request's payment to finish", async () => {
        const rows = await stack.db.execute(sql`select status from payments where merchant_id = ${merchantId}`);
        return rows.rows[0]?.status === 'captured';
      });
    } finally {
      await worker.stop();
    }
  });
});
