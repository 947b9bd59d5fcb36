import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { derivePaymentId } from '../../api/ids';
import type { ApiClient } from '../support/http';
import { simulatorClient } from '../support/simulator-client';
import { startTestStack, type TestStack } from '../support/stack';

describe('Idempotency-Key semantics', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let api: ApiClient;
  let merchantId: string;
  let sim: ReturnType<typeof simulatorClient>;

  before(async function () {
    this.timeout(300_000);
    stack = await startTestStack();
    ({ api, id: merchantId } = await stack.merchant());
    sim = simulatorClient(stack.simUrl);
  });
  after(() => stack?.stop());

  const body = { amount: 4200, currency: 'usd', payment_method: 'pm_card_visa' };

  it('20 concurrent identical creates make one payment and one PSP authorization', async () => {
    const idempotencyKey = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api.post('/v1/payments', body, { idempotencyKey })),
    );
    for (const answer of answers) {
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.deepEqual(answer.body, answers[0]!.body);
    }
    assert.equal(answers.filter((a) => a.headers.get('idempotent-replayed') !== 'true').length, 1);
    const [pspSide, ...others] = await sim.payments(answers[0]!.body.id);
    assert.equal(others.length, 0, 'one PaymentIntent at the PSP');
    assert.equal(pspSide!.authorizations, 1);
    assert.equal(pspSide!.amount_captured, 4200);
    const listed = await api.get('/v1/payments?limit=100');
    assert.equal(listed.body.data.filter((p: { id: string }) => p.id === answers[0]!.body.id).length, 1);
  });

  it('a retry with the same key and body replays the first answer without a new PSP call', async () => {
    const idempotencyKey = randomUUID();
    const first = await api.post('/v1/payments', body, { idempotencyKey });
    const callsBefore = (await sim.pspRequests(first.body.id)).length;
    const retry = await api.post('/v1/payments', body, { idempotencyKey });
    assert.equal(retry.status, first.status);
    assert.deepEqual(retry.body, first.body);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal((await sim.pspRequests(first.body.id)).length, callsBefore);
  });

  it('a declined create is replayed as the same decline', async () => {
    const idempotencyKey = randomUUID();
    const declined = { ...body, payment_method: 'pm_card_chargeDeclined' };
    const first = await api.post('/v1/payments', declined, { idempotencyKey });
    assert.equal(first.body.status, 'failed');
    const retry = await api.post('/v1/payments', declined, { idempotencyKey });
    assert.equal(retry.status, first.status);
    assert.deepEqual(retry.body, first.body);
    assert.equal((await sim.pspRequests(first.body.id)).length, 1);
  });

  it('the same key with another body is refused with 422 idempotency_key_reused', async () => {
    const idempotencyKey = randomUUID();
    await api.post('/v1/payments', body, { idempotencyKey });
    const reused = await api.post('/v1/payments', { ...body, amount: 4201 }, { idempotencyKey });
    assert.equal(reused.status, 422);
    assert.equal(reused.body.error.code, 'idempotency_key_reused');
  });

  it('a request refused for its shape is not recorded, so the key can then be used', async () => {
    const idempotencyKey = randomUUID();
    const bad = await api.post('/v1/payments', { ...body, amount: -1 }, { idempotencyKey });
    assert.equal(bad.status, 400);
    const good = await api.post('/v1/payments', body, { idempotencyKey });
    assert.equal(good.status, 201);
  });

  it('keys are scoped per merchant', async () => {
    const idempotencyKey = randomUUID();
    const { api: other } = await stack.merchant();
    const mine = await api.post('/v1/payments', body, { idempotencyKey });
    const theirs = await other.post('/v1/payments', body, { idempotencyKey });
    assert.equal(theirs.status, 201);
    assert.notEqual(theirs.body.id, mine.body.id);
  });

  it('a retried capture and a retried refund move money once', async () => {
    const created = await api.post('/v1/payments', { ...body, capture_method: 'manual' });
    const captureKey = randomUUID();
    const capture = await api.post(`/v1/payments/${created.body.id}/capture`, {}, { idempotencyKey: captureKey });
    const captureAgain = await api.post(`/v1/payments/${created.body.id}/capture`, {}, { idempotencyKey: captureKey });
    assert.deepEqual(captureAgain.body, capture.body);
    const refundKey = randomUUID();
    const refund = await api.post(`/v1/payments/${created.body.id}/refunds`, { amount: 100 }, { idempotencyKey: refundKey });
    const refundAgain = await api.post(`/v1/payments/${created.body.id}/refunds`, { amount: 100 }, { idempotencyKey: refundKey });
    assert.deepEqual(refundAgain.body, refund.body);
    const [pspSide] = await sim.payments(created.body.id);
    assert.equal(pspSide!.amount_captured, 4200);
    assert.equal(pspSide!.amount_refunded, 100);
    const ledger = await api.get(`/v1/ledger/transactions?payment=${created.body.id}`);
    assert.deepEqual(
      ledger.body.data.map((t: { kind: string }) => t.kind),
      ['authorization_hold', 'capture', 'refund'],
    );
  });

  it('once its record has expired, a key still names the same payment and never charges twice', async () => {
    const idempotencyKey = randomUUID();
    const first = await api.post('/v1/payments', body, { idempotencyKey });
    await stack.db.execute(
      sql`update idempotency_keys set expires_at = now() - interval '1 second' where merchant_id = ${merchantId} and key = ${idempotencyKey}`,
    );
    const again = await api.post('/v1/payments', body, { idempotencyKey });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    assert.equal(again.body.id, first.body.id);
    assert.equal(again.body.id, derivePaymentId(merchantId, idempotencyKey));
    const [pspSide] = await sim.payments(first.body.id);
    assert.equal(pspSide!.authorizations, 1);
  });
});
