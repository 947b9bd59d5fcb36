import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { and, count, eq } from 'drizzle-orm';
import { derivePaymentId } from '../../views/ids';
import { idempotencyKeys, payments } from '../../db/schema';
import { paymentWorkflowId } from '../../contracts/payment.contract';
import { stackForSuite } from '../support/stack';

// Text Postgres cannot store, or that has no place in a field, is refused at the edge with
// the field's name — before the Idempotency-Key is claimed or a workflow started. A NUL in a
// description once reached the payment workflow, whose savePayment then retried forever.
describe('poison input is refused at the edge and starts nothing', function () {
  this.timeout(60_000);
  const suite = stackForSuite();
  let merchantId: string;
  let apiKey: string;

  before(async () => {
    ({ id: merchantId, apiKey } = await suite.stack.merchant());
  });

  const valid = { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa' };

  async function send(method: string, path: string, init: { body?: unknown; rawBody?: string; key?: string } = {}) {
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
    if (init.key !== undefined) headers['idempotency-key'] = init.key;
    const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${suite.stack.apiUrl}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  async function assertNothingStarted(key: string) {
    const [claims] = await suite.stack.db
      .select({ n: count() })
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.merchantId, merchantId), eq(idempotencyKeys.key, key)));
    assert.equal(claims!.n, 0, 'the Idempotency-Key stays unclaimed');
    const paymentId = derivePaymentId(merchantId, key);
    const [rows] = await suite.stack.db.select({ n: count() }).from(payments).where(eq(payments.id, paymentId));
    assert.equal(rows!.n, 0, 'no payment row');
    await assert.rejects(suite.stack.client.workflow.getHandle(paymentWorkflowId(paymentId)).describe(), WorkflowNotFoundError);
  }

  async function refusedPayment(body: unknown, param: string | undefined) {
    const key = randomUUID();
    const answer = await send('POST', '/v1/payments', { body, key });
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, 'parameter_invalid');
    assert.equal(answer.body.error.param, param);
    await assertNothingStarted(key);
  }

  it('a NUL in the description, a metadata key or value, or the customer name is a 400 naming the field', async () => {
    await refusedPayment({ ...valid, description: 'order\u0000 42' }, 'description');
    await refusedPayment({ ...valid, metadata: { 'ord\u0000er': '42' } }, 'metadata');
    await refusedPayment({ ...valid, metadata: { order: '4\u00002' } }, 'metadata[order]');
    await refusedPayment({ ...valid, customer: { name: 'Ada\u0000' } }, 'customer[name]');
  });

  it('a NUL where no schema looks (an unknown field, a nested array) is refused before anything else', async () => {
    // A bad top-level key is not echoed back: the answer names no param.
    await refusedPayment({ ...valid, 'x\u0000': 1 }, undefined);
    await refusedPayment({ ...valid, extra: ['ok', 'bad\u0000'] }, 'extra[1]');
  });

  it('free text refuses other control characters and lone surrogates, and keeps tab, line feed and carriage return', async () => {
    await refusedPayment({ ...valid, description: 'next\u0085line' }, 'description');
    await refusedPayment({ ...valid, description: 'bell\u0007' }, 'description');
    await refusedPayment({ ...valid, description: 'half \ud800 a pair' }, 'description');
    await refusedPayment({ ...valid, metadata: { 'tab\tkey': 'v' } }, 'metadata[tab\tkey]');
    const key = randomUUID();
    const created = await send('POST', '/v1/payments', {
      body: { ...valid, description: 'line one\r\n\tline two 🙂', metadata: { note: 'a\tb\nc' } },
      key,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.description, 'line one\r\n\tline two 🙂');
  });

  it('evidence text and a seller name with a NUL are refused the same way', async () => {
    const evidence = await send('POST', '/v1/disputes/dsp_0123456789abcdef/evidence', {
      body: { text: 'we shipped\u0000' },
      key: randomUUID(),
    });
    assert.equal(evidence.status, 400, JSON.stringify(evidence.body));
    assert.deepEqual([evidence.body.error.code, evidence.body.error.param], ['parameter_invalid', 'text']);
    const seller = await send('POST', '/v1/sellers', { body: { name: 'Shop\u0000' }, key: randomUUID() });
    assert.equal(seller.status, 400, JSON.stringify(seller.body));
    assert.deepEqual([seller.body.error.code, seller.body.error.param], ['parameter_invalid', 'name']);
  });

  it('the longest evidence the schema admits is read even with every character escaped (the fuzzer found a 413)', async () => {
    // 20,000 emoji, each written as a \uXXXX pair the way Python's json.dumps writes them: 240 KB.
    const rawBody = `{"text":"${'\\ud83d\\ude42'.repeat(20_000)}"}`;
    const answer = await send('POST', '/v1/disputes/dsp_0123456789abcdef/evidence', { rawBody, key: randomUUID() });
    assert.equal(answer.status, 404, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, 'resource_missing');
  });

  it('path parameters, query parameters and the Idempotency-Key are checked before any route', async () => {
    const path = await send('GET', '/v1/payments/pay_%00');
    assert.equal(path.status, 400, JSON.stringify(path.body));
    assert.deepEqual([path.body.error.code, path.body.error.param], ['parameter_invalid', 'id']);
    const malformed = await send('GET', '/v1/refunds/re_%E0%A4%A');
    assert.deepEqual([malformed.status, malformed.body.error.param], [400, 'id']);
    const query = await send('GET', '/v1/payments?starting_after=pay_%00');
    assert.deepEqual([query.status, query.body.error.param], [400, 'starting_after']);
    const twice = await send('GET', '/v1/payments?limit=1&limit=2');
    assert.deepEqual([twice.status, twice.body.error.param], [400, 'limit']);
    for (const key of ['caf\u00e9', 'tab\there', 'x'.repeat(256)]) {
      const answer = await send('POST', '/v1/payments', { body: valid, key });
      assert.equal(answer.status, 400, key);
      assert.deepEqual([answer.body.error.code, answer.body.error.param], ['idempotency_key_invalid', 'Idempotency-Key']);
    }
  });

  it('an unsupported method on a known path is a 405 with Allow; OPTIONS lists the same; an unknown path is a 404', async () => {
    const deleted = await send('DELETE', '/v1/payments/pay_0123');
    assert.equal(deleted.status, 405);
    assert.equal(deleted.headers.get('allow'), 'GET, HEAD, OPTIONS');
    assert.equal(deleted.body.error.code, 'method_not_allowed');
    const put = await send('PUT', '/v1/payments', { body: valid });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('allow'), 'POST, GET, HEAD, OPTIONS');
    const options = await send('OPTIONS', '/v1/payments/pay_0123/refunds');
    assert.equal(options.status, 204);
    assert.equal(options.headers.get('allow'), 'POST, GET, HEAD, OPTIONS', "a payment's refunds are created and listed there");
    const captureOptions = await send('OPTIONS', '/v1/payments/pay_0123/capture');
    assert.equal(captureOptions.headers.get('allow'), 'POST, OPTIONS');
    const unknown = await send('DELETE', '/v1/nothing_here');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'route_not_found');
  });
});
