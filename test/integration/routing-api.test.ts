import assert from 'node:assert/strict';
import { createPspHealthRecorder } from '../../activities/psp-health';
import { createRoutingActivities } from '../../activities/routing';
import { startApi } from '../../api/server';
import { createHoldfastClient, type HoldfastClient, type RequestBody } from '@holdfast/client';
import { apiClient, type HttpAnswer } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';
import { answered, refused } from '../support/typed-answers';

type Rules = RequestBody<'/v1/routing_rules', 'put'>['rules'];

describe('routing rules and PSP health over HTTP', () => {
  let stack: TestStack;

  before(async () => {
    stack = await startTestStack({ withWorker: false, env: { CIRCUIT_FAILURE_THRESHOLD: '2', DEFAULT_PSPS: 'stripe,adyen' } });
  });
  after(() => stack.stop());

  /** A PUT of any body, malformed on purpose (the raw client has no PUT). */
  async function rawPut(apiKey: string, body: unknown): Promise<HttpAnswer> {
    const response = await fetch(`${stack.apiUrl}/v1/routing_rules`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json(), headers: response.headers };
  }

  const put = (client: HoldfastClient, rules: Rules) => client.PUT('/v1/routing_rules', { body: { rules } });
  const rulesOf = async (client: HoldfastClient) => answered(await client.GET('/v1/routing_rules'), 200);

  describe('routing rules', () => {
    it('starts empty, and a PUT sets the list that GET then answers', async () => {
      const { client } = await stack.merchant();
      assert.deepEqual(await rulesOf(client), { object: 'list', data: [], has_more: false });

      const answer = answered(
        await put(client, [
          { currency: 'EUR', max_amount: 5_000, psps: [{ psp: 'adyen' }, { psp: 'stripe' }] },
          {
            min_amount: 100_000,
            psps: [
              { psp: 'stripe', weight: 3 },
              { psp: 'adyen', weight: 1 },
            ],
          },
        ]),
        200,
      );
      const expected = [
        { currency: 'eur', min_amount: null, max_amount: 5_000, psps: [{ psp: 'adyen' }, { psp: 'stripe' }] },
        {
          currency: null,
          min_amount: 100_000,
          max_amount: null,
          psps: [
            { psp: 'stripe', weight: 3 },
            { psp: 'adyen', weight: 1 },
          ],
        },
      ];
      assert.deepEqual(answer.data, expected);
      assert.deepEqual((await rulesOf(client)).data, expected);
    });

    it('replaces the whole list, accepts what GET answered, and [] clears it', async () => {
      const { client } = await stack.merchant();
      answered(await put(client, [{ psps: [{ psp: 'adyen' }] }, { currency: 'usd', psps: [{ psp: 'stripe' }] }]), 200);
      const roundTrip = (await rulesOf(client)).data.slice(1);
      answered(await put(client, roundTrip), 200);
      assert.deepEqual((await rulesOf(client)).data, [{ currency: 'usd', min_amount: null, max_amount: null, psps: [{ psp: 'stripe' }] }]);
      answered(await put(client, []), 200);
      assert.deepEqual((await rulesOf(client)).data, []);
    });

    it("keeps each merchant's rules to itself", async () => {
      const first = await stack.merchant();
      const second = await stack.merchant();
      answered(await put(first.client, [{ psps: [{ psp: 'adyen' }] }]), 200);
      assert.deepEqual((await rulesOf(second.client)).data, []);
    });

    it('leaves one whole list standing when replacements race', async () => {
      const { client } = await stack.merchant();
      const lists = Array.from({ length: 8 }, (_, i) =>
        Array.from({ length: 1 + (i % 3) }, (_, j) => ({ min_amount: i * 100 + j, psps: [{ psp: 'stripe' as const }] })),
      );
      const answers = await Promise.all(lists.map((rules) => put(client, rules)));
      assert.deepEqual(
        answers.map((a) => a.response.status),
        lists.map(() => 200),
      );
      const standing = (await rulesOf(client)).data.map((r) => r.min_amount);
      const candidates = lists.map((rules) => rules.map((r) => r.min_amount));
      assert.ok(
        candidates.some((c) => JSON.stringify(c) === JSON.stringify(standing)),
        `${JSON.stringify(standing)} is one of the lists sent`,
      );
    });

    describe('refuses an invalid list with 400, naming the field, and keeps the rules it had', () => {
      const cases: Array<[string, unknown, string, string]> = [
        ['an unknown PSP', { rules: [{ psps: [{ psp: 'paypal' }] }] }, 'parameter_invalid', 'rules[0][psps][0][psp]'],
        [
          'min_amount above max_amount',
          { rules: [{ min_amount: 10, max_amount: 9, psps: [{ psp: 'stripe' }] }] },
          'parameter_invalid',
          'rules[0][min_amount]',
        ],
        [
          'a negative amount',
          { rules: [{ psps: [{ psp: 'stripe' }] }, { min_amount: -1, psps: [{ psp: 'stripe' }] }] },
          'parameter_invalid',
          'rules[1][min_amount]',
        ],
        ['a fractional amount', { rules: [{ max_amount: 1.5, psps: [{ psp: 'stripe' }] }] }, 'parameter_invalid', 'rules[0][max_amount]'],
        ['an empty PSP list', { rules: [{ psps: [] }] }, 'parameter_invalid', 'rules[0][psps]'],
        ['a zero weight', { rules: [{ psps: [{ psp: 'stripe', weight: 0 }] }] }, 'parameter_invalid', 'rules[0][psps][0][weight]'],
        ['a negative weight', { rules: [{ psps: [{ psp: 'stripe', weight: -2 }] }] }, 'parameter_invalid', 'rules[0][psps][0][weight]'],
        [
          'a PSP listed twice',
          { rules: [{ psps: [{ psp: 'stripe' }, { psp: 'stripe' }] }] },
          'parameter_invalid',
          'rules[0][psps][1][psp]',
        ],
        ['an unknown currency', { rules: [{ currency: 'xyz', psps: [{ psp: 'stripe' }] }] }, 'parameter_invalid', 'rules[0][currency]'],
        ['an unknown field', { rules: [{ psps: [{ psp: 'stripe' }], country: 'DE' }] }, 'parameter_unknown', 'rules[0][country]'],
        ['no rules at all', {}, 'parameter_missing', 'rules'],
      ];
      for (const [what, body, code, param] of cases) {
        it(what, async () => {
          const { apiKey, client } = await stack.merchant();
          answered(await put(client, [{ psps: [{ psp: 'adyen' }] }]), 200);
          const answer = await rawPut(apiKey, body);
          assert.equal(answer.status, 400);
          assert.equal(answer.body.error.code, code);
          assert.equal(answer.body.error.param, param);
          assert.deepEqual((await rulesOf(client)).data[0]?.psps, [{ psp: 'adyen' }]);
        });
      }
    });

    it('refuses a request without a valid key', async () => {
      refused(await put(createHoldfastClient({ baseUrl: stack.apiUrl, apiKey: 'sk_hf_wrong' }), []), 401);
      // No key at all, which the typed client always sends: the raw client.
      assert.equal((await apiClient(stack.apiUrl).get('/v1/psps')).status, 401);
    });
  });

  describe('routing a payment by the rules set over HTTP', () => {
    const payment = (merchantId: string, currency: string, amount: number) => ({
      paymentId: `pay_rules_${currency}_${amount}`,
      merchantId,
      currency,
      amount,
    });

    it('follows the first matching rule, and the default when none matches', async () => {
      const { id, client } = await stack.merchant();
      answered(
        await put(client, [
          { currency: 'eur', psps: [{ psp: 'adyen' }, { psp: 'stripe' }] },
          { min_amount: 50_000, max_amount: 99_999, psps: [{ psp: 'adyen' }] },
        ]),
        200,
      );
      const routing = createRoutingActivities({ db: stack.db, config: stack.config, availablePsps: ['stripe', 'adyen'] });
      assert.deepEqual(await routing.choosePsps(payment(id, 'eur', 100)), ['adyen', 'stripe']);
      assert.deepEqual(await routing.choosePsps(payment(id, 'usd', 99_999)), ['adyen']);
      assert.deepEqual(await routing.choosePsps(payment(id, 'usd', 100_000)), ['stripe', 'adyen']);
    });

    it('routes only to PSPs this worker has a gateway for', async () => {
      const { id, client } = await stack.merchant();
      answered(await put(client, [{ psps: [{ psp: 'adyen' }, { psp: 'stripe' }] }]), 200);
      const stripeOnly = createRoutingActivities({ db: stack.db, config: stack.config, availablePsps: ['stripe'] });
      assert.deepEqual(await stripeOnly.choosePsps(payment(id, 'usd', 100)), ['stripe']);
    });

    it('fails with the non-retryable PspNotAvailable when no configured PSP is left', async () => {
      const { id, client } = await stack.merchant();
      answered(await put(client, [{ psps: [{ psp: 'adyen' }] }]), 200);
      const stripeOnly = createRoutingActivities({ db: stack.db, config: stack.config, availablePsps: ['stripe'] });
      for (const input of [payment(id, 'usd', 100), { ...payment(id, 'usd', 100), requestedPsp: 'adyen' as const }]) {
        await assert.rejects(stripeOnly.choosePsps(input), (error: { type?: string; nonRetryable?: boolean }) => {
          assert.equal(error.type, 'PspNotAvailable');
          assert.equal(error.nonRetryable, true);
          return true;
        });
      }
    });
  });

  it('documents both routes in /openapi.json from the schemas that validate them', async () => {
    // The document is not among its own paths: the raw client reads it.
    const { paths } = (await apiClient(stack.apiUrl).get('/openapi.json')).body;
    const putBody = paths['/v1/routing_rules'].put.requestBody.content['application/json'].schema;
    assert.deepEqual(putBody.required, ['rules']);
    assert.deepEqual(putBody.properties.rules.items.properties.psps.items.properties.psp.enum, ['stripe', 'adyen']);
    const psp = paths['/v1/psps'].get.responses['200'].content['application/json'].schema.properties.data.items;
    assert.deepEqual(psp.properties.breaker.properties.state.enum, ['closed', 'open', 'half_open']);
  });

  describe('GET /v1/psps', () => {
    it('lists every PSP, whether it is configured, and its breaker opening after failures', async () => {
      // An API told which PSPs the workers have, as a process running the simulator would tell it.
      const api = await startApi({
        config: stack.config,
        db: stack.db,
        temporal: stack.client,
        port: 0,
        wiring: { stripe: stack.wiring.stripe },
      });
      try {
        const { apiKey } = await stack.merchant();
        const psps = createHoldfastClient({ baseUrl: api.url, apiKey });
        const before = answered(await psps.GET('/v1/psps'), 200);
        assert.deepEqual(
          before.data.map((p) => [p.psp, p.configured, p.breaker.state]),
          [
            ['stripe', true, 'closed'],
            ['adyen', false, 'closed'],
          ],
        );

        const health = createPspHealthRecorder({ db: stack.db, config: stack.config });
        await health.recordSuccess('stripe');
        await health.recordFailure('stripe', new Error('Request failed with status code 502'));
        await health.recordFailure('stripe', new Error('Request failed with status code 502'));

        const stripe = answered(await psps.GET('/v1/psps'), 200).data.find((p) => p.psp === 'stripe');
        assert.ok(stripe);
        assert.equal(stripe.breaker.state, 'open');
        assert.equal(stripe.breaker.consecutive_failures, 2);
        assert.equal(stripe.health.status, 'down');
        const { since } = stripe.health;
        const lastFailure = stripe.breaker.last_failure_at;
        assert.ok(since !== null && lastFailure !== null && since <= lastFailure, 'down since the first failure of the run');
        assert.doesNotMatch(JSON.stringify(stripe), /status code 502/, 'the PSP error text is not shown');
        assert.ok(Number.isInteger(stripe.breaker.last_success_at), 'the earlier success is shown');
        assert.equal(stripe.breaker.open_until, lastFailure + stack.config.routing.circuitOpenSeconds);
      } finally {
        await api.stop();
      }
    });
  });
});
