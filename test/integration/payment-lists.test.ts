// The merchant's lists over HTTP on the real stack: GET /v1/payments filtered by created,
// status and PSP and paged through with the cursor; GET /v1/refunds and
// GET /v1/payments/:id/refunds; hostile filter values refused naming the field; nothing of
// another merchant's ever listed.
import type { HoldfastClient } from '@holdfast/client';
import assert from 'node:assert/strict';
import type { ApiClient } from '../support/http';
import { eventually } from '../support/eventually';
import { capturedPayment, refunded } from '../support/marketplace';
import { stackForSuite } from '../support/stack';

interface Listed {
  id: string;
  created: number;
  status: string;
  psp: string;
}

describe('payment and refund lists', function () {
  this.timeout(120_000);
  const suite = stackForSuite();
  let shop: ApiClient;
  let shopClient: HoldfastClient;
  let other: ApiClient;
  /** Every payment of `shop`, newest first, as the API answered each. */
  let all: Listed[];

  /** Every page of a list, `limit` at a time, following starting_after. */
  async function walk(api: ApiClient, path: string, query: string, limit: number): Promise<any[]> {
    const items: any[] = [];
    for (let page = 0; page < 50; page += 1) {
      const cursor = items.length > 0 ? `&starting_after=${items[items.length - 1].id}` : '';
      const answer = await api.get(`${path}?limit=${limit}${query ? `&${query}` : ''}${cursor}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.ok(answer.body.data.length <= limit);
      items.push(...answer.body.data);
      if (!answer.body.has_more) return items;
    }
    return assert.fail('more than 50 pages');
  }
  const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);

  before(async () => {
    ({ api: shop, client: shopClient } = await suite.stack.merchant());
    other = (await suite.stack.merchant()).api;
    const made: Listed[] = [];
    const create = async (body: Record<string, unknown>) => {
      const answer = await shop.post('/v1/payments', { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', ...body });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      made.push(answer.body);
    };
    // Spread over a few seconds so the created filters have edges between payments.
    for (let round = 0; round < 3; round += 1) {
      const start = Math.floor(Date.now() / 1000);
      await create({ psp: 'stripe' });
      await create({ psp: 'adyen', capture_method: 'manual' });
      await create({ psp: 'stripe', payment_method: 'pm_card_chargeDeclined' });
      await eventually('the next second', async () => Math.floor(Date.now() / 1000) > start);
    }
    await other.post('/v1/payments', { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', psp: 'stripe' });
    // Statuses as they are now (an Adyen authorization stays authorized; nothing moves them).
    const listed = await walk(shop, '/v1/payments', '', 100);
    assert.equal(listed.length, made.length);
    all = listed;
    // Newest first (the seconds shown are coarser than the order, which breaks ties finer).
    assert.ok(
      all.every((p, i) => i === 0 || all[i - 1]!.created >= p.created),
      JSON.stringify(all.map((p) => p.created)),
    );
    assert.deepEqual(new Set(ids(all)), new Set(ids(made)));
  });

  it('lists newest first, only the merchant’s own, and pages through them all', async () => {
    assert.deepEqual(ids(await walk(shop, '/v1/payments', '', 2)), ids(all));
    const others = await walk(other, '/v1/payments', '', 100);
    assert.equal(others.length, 1);
    assert.ok(!ids(all).includes(others[0].id));
  });

  it('created[gte] and created[lt] select by creation time (Unix seconds), and combine', async () => {
    const seconds = [...new Set(all.map((p) => p.created))].sort();
    assert.ok(seconds.length >= 3, `payments spread over ${seconds.length} seconds`);
    const [, middle, last] = seconds as [number, number, number];
    const gte = await walk(shop, '/v1/payments', `created[gte]=${middle}`, 100);
    assert.deepEqual(ids(gte), ids(all.filter((p) => p.created >= middle)));
    const lt = await walk(shop, '/v1/payments', `created[lt]=${middle}`, 100);
    assert.deepEqual(ids(lt), ids(all.filter((p) => p.created < middle)));
    const between = await walk(shop, '/v1/payments', `created[gte]=${middle}&created[lt]=${last}`, 100);
    assert.deepEqual(ids(between), ids(all.filter((p) => p.created >= middle && p.created < last)));
    assert.ok(between.length > 0);
    // Bracketed names percent-encoded, as HTTP clients send them, mean the same.
    const encoded = await shop.get(`/v1/payments?limit=100&created%5Bgte%5D=${middle}`);
    assert.deepEqual(ids(encoded.body.data), ids(gte));
    assert.deepEqual((await shop.get(`/v1/payments?created[gte]=${last + 3600}`)).body.data, []);
  });

  it('status and psp filter, combine with created and with each other, and page with the cursor', async () => {
    for (const status of ['captured', 'authorized', 'failed']) {
      assert.deepEqual(ids(await walk(shop, '/v1/payments', `status=${status}`, 2)), ids(all.filter((p) => p.status === status)), status);
    }
    for (const psp of ['stripe', 'adyen']) {
      assert.deepEqual(ids(await walk(shop, '/v1/payments', `psp=${psp}`, 1)), ids(all.filter((p) => p.psp === psp)), psp);
    }
    const middle = [...new Set(all.map((p) => p.created))].sort()[1]!;
    const combined = await walk(shop, '/v1/payments', `psp=stripe&status=captured&created[gte]=${middle}`, 1);
    const expected = all.filter((p) => p.psp === 'stripe' && p.status === 'captured' && p.created >= middle);
    assert.ok(expected.length > 0);
    assert.deepEqual(ids(combined), ids(expected));
  });

  describe('bad filter values: 400 naming the field', () => {
    const cases: Array<[string, string]> = [
      ['created[gte]=١٢٣', 'created[gte]'],
      ['created[gte]=-1', 'created[gte]'],
      ['created[gte]=1e3', 'created[gte]'],
      ['created[gte]=0x10', 'created[gte]'],
      ['created[gte]=1.5', 'created[gte]'],
      ['created[gte]=', 'created[gte]'],
      ['created[gte]=%201', 'created[gte]'],
      ['created[lt]=99999999999999999999', 'created[lt]'],
      ['created[lt]=%EF%BC%91', 'created[lt]'],
      ['created[lt]=now', 'created[lt]'],
      ['status=unknown', 'status'],
      ['status=CAPTURED', 'status'],
      ['psp=other', 'psp'],
      ['psp=', 'psp'],
      ['created[gt]=1', 'created[gt]'],
      ['created=1', 'created'],
      ['customer[email]=a%40b.co', 'customer[email]'],
      ['limit=0', 'limit'],
      ['starting_after=re_abc', 'starting_after'],
    ];
    for (const [query, param] of cases) {
      it(`?${query}`, async () => {
        const answer = await shop.get(`/v1/payments?${query.replace('١٢٣', encodeURIComponent('١٢٣'))}`);
        assert.equal(answer.status, 400, JSON.stringify(answer.body));
        assert.equal(answer.body.error.param, param, JSON.stringify(answer.body));
        // A filter holdfast does not have is unknown; a filter it has, given a bad value, is invalid.
        const known = ['created[gte]', 'created[lt]', 'status', 'psp', 'limit', 'starting_after'].includes(param);
        assert.equal(answer.body.error.code, known ? 'parameter_invalid' : 'parameter_unknown');
      });
    }

    it('a filter given twice', async () => {
      const answer = await shop.get('/v1/payments?psp=stripe&psp=adyen');
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(answer.body.error.param, 'psp');
    });
  });

  describe('refunds', () => {
    let first: string;
    let second: string;

    before(async () => {
      first = (await capturedPayment(shopClient, { amount: 5000, currency: 'usd', psp: 'stripe' })).id;
      second = (await capturedPayment(shopClient, { amount: 3000, currency: 'usd', psp: 'adyen' })).id;
      await refunded(shopClient, first, 1000);
      await refunded(shopClient, second, 500);
      await refunded(shopClient, first, 2000);
    });

    const refundsOf = (items: any[]) => items.map((r) => `${r.payment}:${r.amount}`);

    it("GET /v1/payments/:id/refunds lists that payment's refunds, newest first, paged", async () => {
      const listed = await walk(shop, `/v1/payments/${first}/refunds`, '', 1);
      assert.deepEqual(refundsOf(listed), [`${first}:2000`, `${first}:1000`]);
      assert.ok(listed.every((r) => r.object === 'refund' && r.status === 'succeeded' && r.currency === 'usd'));
      assert.deepEqual((await shop.get(`/v1/refunds/${listed[0].id}`)).body, listed[0]);
    });

    it("GET /v1/refunds lists all the merchant's refunds, or one payment's", async () => {
      assert.deepEqual(refundsOf(await walk(shop, '/v1/refunds', '', 2)), [`${first}:2000`, `${second}:500`, `${first}:1000`]);
      assert.deepEqual(refundsOf(await walk(shop, '/v1/refunds', `payment=${second}`, 10)), [`${second}:500`]);
      assert.deepEqual((await other.get('/v1/refunds')).body.data, []);
    });

    it("another merchant's payment is a 404, in the path or as the filter", async () => {
      const inPath = await other.get(`/v1/payments/${first}/refunds`);
      assert.equal(inPath.status, 404);
      assert.deepEqual([inPath.body.error.code, inPath.body.error.param], ['resource_missing', 'id']);
      const asFilter = await other.get(`/v1/refunds?payment=${first}`);
      assert.equal(asFilter.status, 404);
      assert.deepEqual([asFilter.body.error.code, asFilter.body.error.param], ['resource_missing', 'payment']);
    });

    it('bad list parameters are 400 naming the field', async () => {
      for (const [query, param] of [
        ['payment=re_abc', 'payment'],
        ['payment=pay_%00', 'payment'],
        ['starting_after=pay_abc', 'starting_after'],
        ['limit=101', 'limit'],
        ['status=succeeded', 'status'],
      ]) {
        const answer = await shop.get(`/v1/refunds?${query}`);
        assert.equal(answer.status, 400, `${query}: ${JSON.stringify(answer.body)}`);
        assert.equal(answer.body.error.param, param, query);
      }
      const onPayment = await shop.get(`/v1/payments/${first}/refunds?payment=${second}`);
      assert.equal(onPayment.status, 400);
      assert.equal(onPayment.body.error.param, 'payment');
    });
  });
});
