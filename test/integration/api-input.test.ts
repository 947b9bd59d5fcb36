import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import pino from 'pino';
import { count } from 'drizzle-orm';
import { payments } from '../../db/schema';
import { apiClient, type ApiClient } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';

describe('bad input gets a precise 4xx and loses nothing', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let api: ApiClient;
  let merchantKey: string;
  let logged = '';

  before(async function () {
    this.timeout(300_000);
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    stack = await startTestStack({ logger: pino({ level: 'trace' }, sink) });
    ({ api, apiKey: merchantKey } = await stack.merchant());
  });
  after(() => stack?.stop());

  const valid = { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa' };
  const paymentCount = async () => (await stack.db.select({ n: count() }).from(payments))[0]!.n;

  async function refused(body: unknown, code: string, param?: string, status = 400) {
    const answer = await api.post('/v1/payments', body);
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, code, JSON.stringify(answer.body));
    if (param !== undefined) assert.equal(answer.body.error.param, param);
    assert.ok(answer.body.error.message);
    return answer;
  }

  it('a POST without an Idempotency-Key is refused with idempotency_key_missing', async () => {
    const answer = await api.post('/v1/payments', valid, { idempotencyKey: null });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'idempotency_key_missing');
  });

  it('malformed JSON is refused with invalid_json', async () => {
    const answer = await api.post('/v1/payments', undefined, { rawBody: '{"amount": 10' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'invalid_json');
  });

  it('unknown fields are refused, so status or amount_captured cannot be assigned', async () => {
    await refused({ ...valid, status: 'captured' }, 'parameter_unknown', 'status');
    await refused({ ...valid, amount_captured: 1000 }, 'parameter_unknown', 'amount_captured');
    await refused({ ...valid, customer: { email: 'a@b.co', vip: true } }, 'parameter_unknown', 'customer[vip]');
  });

  it('missing and mistyped fields name the field', async () => {
    await refused({ currency: 'usd', payment_method: 'pm_card_visa' }, 'parameter_missing', 'amount');
    await refused({ ...valid, amount: '1000' }, 'parameter_invalid_integer', 'amount');
    await refused({ ...valid, capture_method: 'later' }, 'parameter_invalid', 'capture_method');
    await refused({ ...valid, metadata: { n: 1 } }, 'parameter_invalid', 'metadata[n]');
  });

  it('non-integer, non-positive and unsafe amounts are refused', async () => {
    await refused({ ...valid, amount: 10.5 }, 'parameter_invalid_integer', 'amount');
    await refused({ ...valid, amount: 0 }, 'amount_too_small', 'amount');
    await refused({ ...valid, amount: -5 }, 'amount_too_small', 'amount');
    await refused({ ...valid, amount: 2 ** 53 }, 'amount_too_large', 'amount');
  });

  it('unknown currencies are refused with currency_invalid', async () => {
    await refused({ ...valid, currency: 'xyz' }, 'currency_invalid', 'currency');
    await refused({ ...valid, currency: 'dollars' }, 'currency_invalid', 'currency');
  });

  it('card numbers, bare or grouped, anywhere in the request are refused and never logged', async () => {
    const before = await paymentCount();
    await refused({ ...valid, payment_method: '4242424242424242' }, 'raw_card_data_not_allowed', 'payment_method');
    await refused({ ...valid, description: 'card 4000 0566 5566 5556' }, 'raw_card_data_not_allowed', 'description');
    await refused({ ...valid, metadata: { pan: '5555-5555-5555-4444' } }, 'raw_card_data_not_allowed', 'metadata[pan]');
    await refused({ ...valid, customer: { name: '378282246310005' } }, 'raw_card_data_not_allowed', 'customer[name]');
    assert.equal(await paymentCount(), before);
    for (const digits of ['4242424242424242', '0566 5566', '5555-5555-5555-4444', '378282246310005']) {
      assert.ok(!logged.includes(digits), `the log must not contain ${digits}`);
    }
    assert.ok(logged.includes('"status":400'), 'the refusals themselves are logged');
  });

  it('a number that fails the Luhn check is not mistaken for a card', async () => {
    const answer = await api.post('/v1/payments', { ...valid, description: 'order 4242424242424241' });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  });

  it('capture and refund bodies are checked the same way', async () => {
    const created = await api.post('/v1/payments', { ...valid, capture_method: 'manual' });
    const capture = await api.post(`/v1/payments/${created.body.id}/capture`, { amount: 0 });
    assert.equal(capture.body.error.code, 'amount_too_small');
    const unknown = await api.post(`/v1/payments/${created.body.id}/capture`, { amount_to_capture: 5 });
    assert.equal(unknown.body.error.code, 'parameter_unknown');
    const reason = await api.post(`/v1/payments/${created.body.id}/refunds`, { reason: 'because' });
    assert.equal(reason.body.error.code, 'parameter_invalid');
    assert.equal(reason.body.error.param, 'reason');
  });

  it('an unknown payment id answers 404 resource_missing, an unknown route 404 route_not_found', async () => {
    const missing = await api.get('/v1/payments/pay_doesnotexist');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'resource_missing');
    const route = await api.get('/v1/nothing-here');
    assert.equal(route.body.error.code, 'route_not_found');
  });

  it('a request without a key is refused with 401', async () => {
    const answer = await apiClient(stack.apiUrl).get('/v1/payments');
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error.code, 'api_key_missing');
    assert.ok(!logged.includes(merchantKey), 'API keys are never logged');
  });

  it('serves an OpenAPI document generated from the schemas', async () => {
    const doc = await apiClient(stack.apiUrl).get('/openapi.json');
    assert.equal(doc.body.openapi, '3.1.0');
    const create = doc.body.paths['/v1/payments'].post.requestBody.content['application/json'].schema;
    assert.deepEqual([...create.required].sort(), ['amount', 'currency', 'payment_method']);
    assert.equal(create.additionalProperties, false);
  });
});
