// Routing and failover through the HTTP API: a PSP that refuses connections is skipped for new
// payments, its shared circuit breaker opens, and every payment is authorized exactly once
// across both PSPs (checked at the simulator).
import assert from 'node:assert/strict';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { eventually } from '../support/eventually';
import { stackForSuite } from '../support/stack';

describe('routing and failover between PSPs', function () {
  this.timeout(120_000);
  const suite = stackForSuite({ env: { CIRCUIT_FAILURE_THRESHOLD: '2', CIRCUIT_OPEN_SECONDS: '600' } });
  afterEach(() => suite.sim.control({ action: 'psp_up', psp: 'stripe' }));

  const pay = (overrides: Record<string, unknown> = {}) =>
    suite.api.post('/v1/payments', { amount: 1500, currency: 'usd', payment_method: 'pm_card_visa', ...overrides });

  // First: the breaker test below leaves Stripe's breaker open for this suite.
  it('follows the merchant routing rule, and an explicit psp overrides it', async () => {
    const merchant = await suite.stack.merchant();
    const put = await fetch(`${suite.stack.apiUrl}/v1/routing_rules`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${merchant.apiKey}` },
      body: JSON.stringify({ rules: [{ currency: 'eur', min_amount: 1000, psps: [{ psp: 'adyen' }, { psp: 'stripe' }] }] }),
    });
    assert.equal(put.status, 200, await put.text());
    const payIn = (currency: string, amount: number, psp?: string) =>
      merchant.api.post('/v1/payments', { amount, currency, payment_method: 'pm_card_visa', ...(psp ? { psp } : {}) });
    assert.equal((await payIn('eur', 5000)).body.psp, 'adyen');
    // Outside the rule's range or currency: the configured default, Stripe first.
    assert.equal((await payIn('eur', 500)).body.psp, 'stripe');
    assert.equal((await payIn('usd', 5000)).body.psp, 'stripe');
    assert.equal((await payIn('eur', 5000, 'stripe')).body.psp, 'stripe');
  });

  it('sends new payments to the next PSP while the first refuses connections, and opens its breaker', async () => {
    await suite.sim.control({ action: 'psp_down', psp: 'stripe', mode: 'refuse' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await pay();
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.status, 'captured');
      assert.equal(created.body.psp, 'adyen');
      ids.push(created.body.id);
    }
    for (const id of ids) {
      const atPsp = await suite.sim.payments(id);
      assert.deepEqual(
        atPsp.map((p) => [p.psp, p.authorizations]),
        [['adyen', 1]],
      );
    }
    const psps = await suite.api.get('/v1/psps');
    const stripe = psps.body.data.find((p: { psp: string }) => p.psp === 'stripe');
    assert.equal(stripe.breaker.state, 'open');
    // Merchants see a health status, never the error text, which names our internal address.
    assert.equal(stripe.health.status, 'down');
    assert.ok(Number.isInteger(stripe.health.since));
    assert.doesNotMatch(JSON.stringify(psps.body), /ECONNREFUSED|127\.0\.0\.1|Error/);
    assert.equal('last_failure' in stripe.breaker, false);
    // With the breaker open, the next payment does not even try Stripe.
    const next = await pay();
    assert.deepEqual(
      next.body.history.map((e: { type: string }) => e.type),
      // Adyen confirms a capture by notification: requested, then captured.
      ['created', 'authorized', 'capture_requested', 'captured'],
    );
    assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
  });

  it('never fails over after a 503: the payment waits for the first PSP and is charged once', async () => {
    await suite.sim.control({ action: 'psp_down', psp: 'stripe', mode: '503' });
    const created = await pay({ psp: 'stripe', payment_method: 'pm_card_mastercard' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.status, 'processing');
    assert.equal(created.body.status_reason, 'psp_outcome_unknown');
    await suite.sim.control({ action: 'psp_up', psp: 'stripe' });
    const done = await eventually('the payment resolved after recovery', async () => {
      const answer = await suite.api.get(`/v1/payments/${created.body.id}`);
      return answer.body.status === 'captured' && answer.body;
    }, 60_000);
    assert.equal(done.psp, 'stripe');
    assert.deepEqual(
      (await suite.sim.payments(created.body.id)).map((p) => [p.psp, p.authorizations]),
      [['stripe', 1]],
    );
  });
});
