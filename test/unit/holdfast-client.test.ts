// What createHoldfastClient adds to openapi-fetch, seen on the requests it sends: the API key,
// and an Idempotency-Key on each POST — a fresh one, or the caller's for a retry.
import assert from 'node:assert/strict';
import { createHoldfastClient } from '@holdfast/client';

function recordingClient() {
  const sent: Request[] = [];
  const fetch = async (request: Request) => {
    sent.push(request);
    return new Response(JSON.stringify({ object: 'list', data: [], has_more: false }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { sent, client: createHoldfastClient({ baseUrl: 'http://holdfast.test', apiKey: 'sk_hf_test', fetch }) };
}

describe('createHoldfastClient', () => {
  it('sends the API key as a bearer token on every request', async () => {
    const { sent, client } = recordingClient();
    await client.GET('/v1/payments', { params: { query: { limit: 5 } } });
    assert.equal(sent[0]!.url, 'http://holdfast.test/v1/payments?limit=5');
    assert.equal(sent[0]!.headers.get('authorization'), 'Bearer sk_hf_test');
  });

  it('gives each POST its own fresh Idempotency-Key, and none to a GET or PUT', async () => {
    const { sent, client } = recordingClient();
    const body = { amount: 2500, currency: 'usd', payment_method: 'pm_card_visa' } as const;
    await client.POST('/v1/payments', { body });
    await client.POST('/v1/payments', { body });
    await client.GET('/v1/payments/{id}', { params: { path: { id: 'pay_1' } } });
    await client.PUT('/v1/routing_rules', { body: { rules: [] } });
    const [first, second, get, put] = sent.map((r) => r.headers.get('idempotency-key'));
    assert.match(first!, /^[0-9a-f-]{36}$/);
    assert.match(second!, /^[0-9a-f-]{36}$/);
    assert.notEqual(first, second);
    assert.equal(get, null);
    assert.equal(put, null);
  });

  it("keeps the caller's Idempotency-Key, so a retry is answered as the first try", async () => {
    const { sent, client } = recordingClient();
    await client.POST('/v1/payments/{id}/capture', {
      params: { path: { id: 'pay_1' }, header: { 'Idempotency-Key': 'capture-1' } },
      body: { amount: 1 },
    });
    assert.equal(sent[0]!.headers.get('idempotency-key'), 'capture-1');
    assert.equal(sent[0]!.url, 'http://holdfast.test/v1/payments/pay_1/capture');
  });
});
