import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { HoldfastClient, RequestBody } from '@holdfast/client';
import { derivePaymentId } from '../../views/ids';
import type { ApiClient } from '../support/http';
import { simulatorClient } from '../support/simulator-client';
import { startTestStack, type TestStack } from '../support/stack';
import { answered, refused } from '../support/typed-answers';

describe('Idempotency-Key semantics', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let api: ApiClient;
  let client: HoldfastClient;
  let merchantId: string;
  let sim: ReturnType<typeof simulatorClient>;

  before(async function () {
    this.timeout(300_000);
    stack = await startTestStack();
    ({ api, client, id: merchantId } = await stack.merchant());
    sim = simulatorClient(stack.simUrl);
  });
  after(() => stack?.stop());

  const body: RequestBody<'/v1/payments', 'post'> = { amount: 4200, currency: 'usd', payment_method: 'pm_card_visa' };
  /** A create under this Idempotency-Key, by this merchant's client (the suite's own unless given). */
  const createUnder = (idempotencyKey: string, payment = body, as = client) =>
    as.POST('/v1/payments', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body: payment });

  it('20 concurrent identical creates make one payment and one PSP authorization', async () => {
    const idempotencyKey = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => createUnder(idempotencyKey)));
    const [first, ...rest] = answers.map((answer) => answered(answer, 201));
    for (const payment of rest) assert.deepEqual(payment, first);
    assert.equal(answers.filter((a) => a.response.headers.get('idempotent-replayed') !== 'true').length, 1);
    const [pspSide, ...others] = await sim.payments(first!.id);
    assert.equal(others.length, 0, 'one PaymentIntent at the PSP');
    assert.equal(pspSide!.authorizations, 1);
    assert.equal(pspSide!.amount_captured, 4200);
    const listed = answered(await client.GET('/v1/payments', { params: { query: { limit: 100 } } }), 200);
    assert.equal(listed.data.filter((p) => p.id === first!.id).length, 1);
  });

  it('a retry with the same key and body replays the first answer without a new PSP call', async () => {
    const idempotencyKey = randomUUID();
    const first = answered(await createUnder(idempotencyKey), 201);
    const callsBefore = (await sim.pspRequests(first.id)).length;
    const retry = await createUnder(idempotencyKey);
    assert.deepEqual(answered(retry, 201), first);
    assert.equal(retry.response.headers.get('idempotent-replayed'), 'true');
    assert.equal((await sim.pspRequests(first.id)).length, callsBefore);
  });

  it('a declined create is replayed as the same decline', async () => {
    const idempotencyKey = randomUUID();
    const declined = { ...body, payment_method: 'pm_card_chargeDeclined' };
    const first = await createUnder(idempotencyKey, declined);
    assert.equal(first.data?.status, 'failed', JSON.stringify(first.data ?? first.error));
    const retry = await createUnder(idempotencyKey, declined);
    assert.equal(retry.response.status, first.response.status);
    assert.deepEqual(retry.data, first.data);
    assert.equal((await sim.pspRequests(first.data.id)).length, 1);
  });

  it('the same key with another body is refused with 422 idempotency_key_reused', async () => {
    const idempotencyKey = randomUUID();
    answered(await createUnder(idempotencyKey), 201);
    const reused = refused(await createUnder(idempotencyKey, { ...body, amount: 4201 }), 422);
    assert.equal(reused.error.code, 'idempotency_key_reused');
  });

  it('a request refused for its shape is not recorded, so the key can then be used', async () => {
    const idempotencyKey = randomUUID();
    // Malformed on purpose: the raw client sends it.
    const bad = await api.post('/v1/payments', { ...body, amount: -1 }, { idempotencyKey });
    assert.equal(bad.status, 400);
    answered(await createUnder(idempotencyKey), 201);
  });

  it('keys are scoped per merchant', async () => {
    const idempotencyKey = randomUUID();
    const { client: other } = await stack.merchant();
    const mine = answered(await createUnder(idempotencyKey), 201);
    const theirs = answered(await createUnder(idempotencyKey, body, other), 201);
    assert.notEqual(theirs.id, mine.id);
  });

  it('a retried capture and a retried refund move money once', async () => {
    const { id } = answered(await client.POST('/v1/payments', { body: { ...body, capture_method: 'manual' } }), 201);
    const under = (idempotencyKey: string) => ({ params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey } } });
    const captureKey = randomUUID();
    const capture = await client.POST('/v1/payments/{id}/capture', { ...under(captureKey), body: {} });
    const captureAgain = await client.POST('/v1/payments/{id}/capture', { ...under(captureKey), body: {} });
    assert.deepEqual(answered(captureAgain, 200), answered(capture, 200));
    const refundKey = randomUUID();
    const refund = await client.POST('/v1/payments/{id}/refunds', { ...under(refundKey), body: { amount: 100 } });
    const refundAgain = await client.POST('/v1/payments/{id}/refunds', { ...under(refundKey), body: { amount: 100 } });
    assert.deepEqual(answered(refundAgain, 201), answered(refund, 201));
    const [pspSide] = await sim.payments(id);
    assert.equal(pspSide!.amount_captured, 4200);
    assert.equal(pspSide!.amount_refunded, 100);
    const ledger = answered(await client.GET('/v1/ledger/transactions', { params: { query: { payment: id } } }), 200);
    assert.deepEqual(
      ledger.data.map((t) => t.kind),
      ['authorization_hold', 'capture', 'refund'],
    );
  });

  it('once its record has expired, a key still names the same payment and never charges twice', async () => {
    const idempotencyKey = randomUUID();
    const first = answered(await createUnder(idempotencyKey), 201);
    await stack.db.execute(
      sql`update idempotency_keys set expires_at = now() - interval '1 second' where merchant_id = ${merchantId} and key = ${idempotencyKey}`,
    );
    const again = answered(await createUnder(idempotencyKey), 201);
    assert.equal(again.id, first.id);
    assert.equal(again.id, derivePaymentId(merchantId, idempotencyKey));
    const [pspSide] = await sim.payments(first.id);
    assert.equal(pspSide!.authorizations, 1);
  });
});
