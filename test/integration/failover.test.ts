// Routing and failover through the HTTP API: a PSP that refuses connections is skipped for new
// payments, its shared circuit breaker opens, and every payment is authorized exactly once
// across both PSPs (checked at the simulator).
import assert from 'node:assert/strict';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { eventually } from '../support/eventually';
import type { HoldfastClient, RequestBody } from '@holdfast/client';
import { stackForSuite } from '../support/stack';
import { answered, withId } from '../support/typed-answers';

describe('routing and failover between PSPs', function () {
  this.timeout(120_000);
  const suite = stackForSuite({ env: { CIRCUIT_FAILURE_THRESHOLD: '2', CIRCUIT_OPEN_SECONDS: '600' } });
  afterEach(() => suite.sim.control({ action: 'psp_up', psp: 'stripe' }));

  const pay = async (overrides: Partial<RequestBody<'/v1/payments', 'post'>> = {}, client: HoldfastClient = suite.client) =>
    answered(
      await client.POST('/v1/payments', { body: { amount: 1500, currency: 'usd', payment_method: 'pm_card_visa', ...overrides } }),
      201,
    );

  // First: the breaker test below leaves Stripe's breaker open for this suite.
  it('follows the merchant routing rule, and an explicit psp overrides it', async () => {
    const { client } = await suite.stack.merchant();
    answered(
      await client.PUT('/v1/routing_rules', {
        body: { rules: [{ currency: 'eur', min_amount: 1000, psps: [{ psp: 'adyen' }, { psp: 'stripe' }] }] },
      }),
      200,
    );
    assert.equal((await pay({ currency: 'eur', amount: 5000 }, client)).psp, 'adyen');
    // Outside the rule's range or currency: the configured default, Stripe first.
    assert.equal((await pay({ currency: 'eur', amount: 500 }, client)).psp, 'stripe');
    assert.equal((await pay({ currency: 'usd', amount: 5000 }, client)).psp, 'stripe');
    assert.equal((await pay({ currency: 'eur', amount: 5000, psp: 'stripe' }, client)).psp, 'stripe');
  });

  it('sends new payments to the next PSP while the first refuses connections, and opens its breaker', async () => {
    await suite.sim.control({ action: 'psp_down', psp: 'stripe', mode: 'refuse' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await pay();
      assert.equal(created.status, 'captured');
      assert.equal(created.psp, 'adyen');
      ids.push(created.id);
    }
    for (const id of ids) {
      const atPsp = await suite.sim.payments(id);
      assert.deepEqual(
        atPsp.map((p) => [p.psp, p.authorizations]),
        [['adyen', 1]],
      );
    }
    const psps = answered(await suite.client.GET('/v1/psps'), 200);
    const stripe = psps.data.find((p) => p.psp === 'stripe');
    assert.ok(stripe);
    assert.equal(stripe.breaker.state, 'open');
    // Merchants see a health status, never the error text, which names our internal address.
    assert.equal(stripe.health.status, 'down');
    assert.ok(Number.isInteger(stripe.health.since));
    assert.doesNotMatch(JSON.stringify(psps), /ECONNREFUSED|127\.0\.0\.1|Error/);
    assert.equal('last_failure' in stripe.breaker, false);
    // With the breaker open, the next payment does not even try Stripe.
    const next = await pay();
    assert.deepEqual(
      next.history.map((e) => e.type),
      // Adyen confirms a capture by notification: requested, then captured.
      ['created', 'authorized', 'capture_requested', 'captured'],
    );
    assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
  });

  it('never fails over after a 503: the payment waits for the first PSP and is charged once', async () => {
    await suite.sim.control({ action: 'psp_down', psp: 'stripe', mode: '503' });
    const created = await pay({ psp: 'stripe', payment_method: 'pm_card_mastercard' });
    assert.equal(created.status, 'processing');
    assert.equal(created.status_reason, 'psp_outcome_unknown');
    await suite.sim.control({ action: 'psp_up', psp: 'stripe' });
    const done = await eventually(
      'the payment resolved after recovery',
      async () => {
        const answer = answered(await suite.client.GET('/v1/payments/{id}', withId(created.id)), 200);
        return answer.status === 'captured' && answer;
      },
      60_000,
    );
    assert.equal(done.psp, 'stripe');
    assert.deepEqual(
      (await suite.sim.payments(created.id)).map((p) => [p.psp, p.authorizations]),
      [['stripe', 1]],
    );
  });
});
