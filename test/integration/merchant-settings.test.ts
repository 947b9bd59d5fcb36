// GET/POST /v1/settings over HTTP on the real stack: what a merchant sets is what its next
// payment uses — the capture-before window, the default PSPs, and the statement descriptor,
// which the simulated PSPs must receive — and hostile values are refused naming the field.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createHoldfastClient, type HoldfastClient, type RequestBody } from '@holdfast/client';
import { startApi } from '../../api/server';
import { eventually } from '../support/eventually';
import { stackForSuite } from '../support/stack';
import { answered, refused } from '../support/typed-answers';

describe('merchant settings', function () {
  this.timeout(120_000);
  const suite = stackForSuite();

  const settings = async (client: HoldfastClient) => answered(await client.GET('/v1/settings'), 200);
  const change = async (client: HoldfastClient, body: RequestBody<'/v1/settings', 'post'>) =>
    answered(await client.POST('/v1/settings', { body }), 200);
  const pay = async (client: HoldfastClient, body: Partial<RequestBody<'/v1/payments', 'post'>> = {}) =>
    answered(await client.POST('/v1/payments', { body: { amount: 1500, currency: 'usd', payment_method: 'pm_card_visa', ...body } }), 201);

  it('a new merchant has no settings of its own: each null means the platform default', async () => {
    const { client } = await suite.stack.merchant();
    assert.deepEqual(await settings(client), {
      object: 'settings',
      capture_before_seconds: null,
      statement_descriptor: null,
      default_psps: null,
    });
  });

  it('a POST changes only the fields it names, null resets one, and another merchant is untouched', async () => {
    const { client } = await suite.stack.merchant();
    const { client: other } = await suite.stack.merchant();
    const set = await change(client, {
      capture_before_seconds: 3600,
      statement_descriptor: 'ACME SHOP',
      default_psps: ['adyen', 'stripe'],
    });
    assert.deepEqual(set, {
      object: 'settings',
      capture_before_seconds: 3600,
      statement_descriptor: 'ACME SHOP',
      default_psps: ['adyen', 'stripe'],
    });
    assert.deepEqual(await change(client, {}), set);
    assert.deepEqual(await change(client, { statement_descriptor: null }), { ...set, statement_descriptor: null });
    assert.deepEqual(await settings(client), { ...set, statement_descriptor: null });
    assert.deepEqual(await settings(other), {
      object: 'settings',
      capture_before_seconds: null,
      statement_descriptor: null,
      default_psps: null,
    });
  });

  it('the CLI flag a merchant was created with shows as its setting', async () => {
    const { client } = await suite.stack.merchant({ captureBeforeSeconds: 120 });
    assert.equal((await settings(client)).capture_before_seconds, 120);
  });

  it('POST /v1/settings is idempotent: the same key answers the same, a different body under it is 422', async () => {
    const { client } = await suite.stack.merchant();
    const idempotencyKey = randomUUID();
    const under = (capture_before_seconds: number) =>
      client.POST('/v1/settings', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body: { capture_before_seconds } });
    const first = await under(600);
    const again = await under(600);
    assert.deepEqual(answered(again, 200), answered(first, 200));
    const reused = refused(await under(900), 422);
    assert.equal(reused.error.code, 'idempotency_key_reused');
    assert.equal((await settings(client)).capture_before_seconds, 600);
  });

  it('the next payment uses the capture-before window at once', async () => {
    const { client } = await suite.stack.merchant();
    await change(client, { capture_before_seconds: 3600 });
    const payment = await pay(client, { capture_method: 'manual' });
    assert.equal(payment.status, 'authorized');
    // capture_before is counted from the workflow's start, a moment after `created`.
    const window = (payment.capture_before ?? Number.NaN) - payment.created;
    assert.ok(window >= 3600 && window <= 3605, JSON.stringify(payment));
  });

  const window = (payment: { capture_before?: number | null; created: number }) => (payment.capture_before ?? Number.NaN) - payment.created;

  it('another API instance takes a change within a second, as it stops honouring a revoked key', async () => {
    const { apiKey, client } = await suite.stack.merchant();
    const { stack } = suite;
    const other = await startApi({ config: stack.config, db: stack.db, temporal: stack.client, port: 0, wiring: stack.wiring });
    try {
      const otherClient = createHoldfastClient({ baseUrl: other.url, apiKey });
      // The other instance has looked the key up, settings and all, before the change.
      const before = await pay(otherClient, { capture_method: 'manual' });
      assert.ok(window(before) > 3700, 'the platform default (7 days) before the change');
      await change(client, { capture_before_seconds: 3600 });
      const changedAt = Date.now();
      const payment = await eventually('the other instance to use the new window', async () => {
        const made = await pay(otherClient, { capture_method: 'manual' });
        return window(made) < 3700 && made;
      });
      assert.ok(Date.now() - changedAt < 3_000, 'within the second the key cache keeps a lookup, and the time a payment takes');
      assert.ok(window(payment) >= 3600, JSON.stringify(payment));
    } finally {
      await other.stop();
    }
  });

  it('default_psps routes payments no routing rule matches; a matching rule still wins', async () => {
    const { client } = await suite.stack.merchant();
    await change(client, { default_psps: ['adyen'] });
    assert.equal((await pay(client)).psp, 'adyen');
    await change(client, { default_psps: ['stripe', 'adyen'] });
    assert.equal((await pay(client)).psp, 'stripe');
    await change(client, { default_psps: ['adyen'] });
    answered(await client.PUT('/v1/routing_rules', { body: { rules: [{ currency: 'eur', psps: [{ psp: 'stripe' }] }] } }), 200);
    assert.equal((await pay(client, { currency: 'eur' })).psp, 'stripe');
    assert.equal((await pay(client, { currency: 'usd' })).psp, 'adyen');
  });

  for (const psp of ['stripe', 'adyen'] as const) {
    it(`${psp}: the statement descriptor reaches the PSP with each new payment, and not before it was set`, async () => {
      const { client } = await suite.stack.merchant();
      const before = await pay(client, { psp });
      await change(client, { statement_descriptor: 'HOLDFAST-TEST 42/B' });
      const after = await pay(client, { psp });
      assert.equal(after.status, 'captured', JSON.stringify(after));
      const [atPspBefore] = await suite.sim.payments(before.id);
      const [atPspAfter] = await suite.sim.payments(after.id);
      assert.equal(atPspBefore!.statement_descriptor, null);
      assert.equal(atPspAfter!.statement_descriptor, 'HOLDFAST-TEST 42/B');
    });
  }

  describe('hostile values are refused with the field named, and change nothing', () => {
    // Malformed on purpose, many beyond what the typed client lets through: the raw client sends them.
    const refusals: Array<[string, Record<string, unknown>, string]> = [
      ['too short', { statement_descriptor: 'Acme' }, 'statement_descriptor'],
      ['too long', { statement_descriptor: 'A'.repeat(23) }, 'statement_descriptor'],
      ['huge', { statement_descriptor: 'A'.repeat(100_000) }, 'statement_descriptor'],
      ['empty', { statement_descriptor: '' }, 'statement_descriptor'],
      ['no letter', { statement_descriptor: '12345 678' }, 'statement_descriptor'],
      ['markup', { statement_descriptor: 'Shop<script>' }, 'statement_descriptor'],
      ['a quote', { statement_descriptor: "O'Reilly Books" }, 'statement_descriptor'],
      ['a double quote', { statement_descriptor: 'Acme "Shop"' }, 'statement_descriptor'],
      ['an asterisk', { statement_descriptor: 'ACME* SHOP' }, 'statement_descriptor'],
      ['a semicolon', { statement_descriptor: 'ACME;SHOP' }, 'statement_descriptor'],
      ['a backslash', { statement_descriptor: 'ACME\\SHOP' }, 'statement_descriptor'],
      ['an accent', { statement_descriptor: 'Café Lumière' }, 'statement_descriptor'],
      ['Unicode digits', { statement_descriptor: 'Shop ١٢٣' }, 'statement_descriptor'],
      ['a fullwidth letter', { statement_descriptor: 'ＡCME SHOP' }, 'statement_descriptor'],
      ['NUL', { statement_descriptor: 'ACME\u0000SHOP' }, 'statement_descriptor'],
      ['a line feed', { statement_descriptor: 'ACME\nSHOP' }, 'statement_descriptor'],
      ['a zero-width space', { statement_descriptor: 'ACME\u200bSHOP' }, 'statement_descriptor'],
      ['a leading space', { statement_descriptor: ' ACME SHOP' }, 'statement_descriptor'],
      ['a trailing space', { statement_descriptor: 'ACME SHOP ' }, 'statement_descriptor'],
      ['a number', { statement_descriptor: 12345 }, 'statement_descriptor'],
      ['zero seconds', { capture_before_seconds: 0 }, 'capture_before_seconds'],
      ['negative seconds', { capture_before_seconds: -60 }, 'capture_before_seconds'],
      ['a fraction', { capture_before_seconds: 60.5 }, 'capture_before_seconds'],
      ['beyond 30 days', { capture_before_seconds: 30 * 86_400 + 1 }, 'capture_before_seconds'],
      ['a huge number', { capture_before_seconds: 1e308 }, 'capture_before_seconds'],
      ['seconds as a string', { capture_before_seconds: '3600' }, 'capture_before_seconds'],
      ['no PSP', { default_psps: [] }, 'default_psps'],
      ['an unknown PSP', { default_psps: ['other'] }, 'default_psps[0]'],
      ['a PSP twice', { default_psps: ['stripe', 'stripe'] }, 'default_psps'],
      ['a PSP not in a list', { default_psps: 'stripe' }, 'default_psps'],
      ['the platform fee', { fee_bps: 0 }, 'fee_bps'],
      ['an unknown field', { name: 'Evil' }, 'name'],
    ];
    for (const [what, body, param] of refusals) {
      it(`${what}: 400 naming ${param}`, async () => {
        const before = await settings(suite.client);
        const answer = await suite.api.post('/v1/settings', body);
        assert.equal(answer.status, 400, JSON.stringify(answer.body));
        assert.equal(answer.body.error.param, param, JSON.stringify(answer.body));
        assert.match(answer.body.error.code, /^parameter_(invalid|unknown)$/);
        assert.deepEqual(await settings(suite.client), before);
      });
    }

    it('every character a descriptor may have is accepted: letters, digits, space and . , _ - ? + /', async () => {
      const { client } = await suite.stack.merchant();
      assert.equal((await change(client, { statement_descriptor: 'a.b,c_d-e?f+g/h 0 9 Z' })).statement_descriptor, 'a.b,c_d-e?f+g/h 0 9 Z');
    });
  });
});
