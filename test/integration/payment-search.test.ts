// GET /v1/payments filtered by the customer's email and by metadata pairs, on the real stack.
// Both are sealed at rest: the API hashes the filter value with the blind-index key and the
// database compares hashes (db/sealed/payment-fields.ts). Emails match whatever their case
// and surrounding spaces; metadata matches pair for pair; another merchant's payments never
// show; the filters combine with the others and page; the value never reaches the API's log;
// and the SQL the list sends uses the blind-index indexes of migration 0019.
import type { HoldfastClient, RequestQuery } from '@holdfast/client';
import { drizzle } from 'drizzle-orm/node-postgres';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { Pool } from 'pg';
import { createLogger } from '../../telemetry/logger';
import { listPayments } from '../../db/queries/payments';
import * as schema from '../../db/schema';
import type { Database } from '../../db/client';
import { eventually } from '../support/eventually';
import type { ApiClient } from '../support/http';
import { eq } from 'drizzle-orm';
import { payments } from '../../db/schema';
import { stackForSuite } from '../support/stack';

type ListQuery = RequestQuery<'/v1/payments', 'get'>;

interface Made {
  id: string;
  created: number;
  status: string;
}

describe('payment lists filtered by customer email and metadata (blind indexes)', function () {
  this.timeout(120_000);
  let logged = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged += chunk.toString();
      done();
    },
  });
  const suite = stackForSuite({ logger: createLogger('trace', sink) });
  let shop: HoldfastClient;
  let shopApi: ApiClient;
  let other: HoldfastClient;
  /** The shop's payments by name, and every one of them newest first as the list gives them. */
  const made: Record<string, Made> = {};
  let newestFirst: string[];
  /** The first second of the second round of payments (the created filter's edge). */
  let secondRound: number;

  /** Every page of the filtered list, `limit` at a time, following starting_after. */
  async function walk(client: HoldfastClient, query: ListQuery, limit = 100): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 0; page < 50; page += 1) {
      const starting_after = ids.at(-1);
      const { data, error } = await client.GET('/v1/payments', {
        params: { query: { ...query, limit, ...(starting_after ? { starting_after } : {}) } },
      });
      assert.ok(data, JSON.stringify(error));
      assert.ok(data.data.length <= limit);
      ids.push(...data.data.map((p) => p.id));
      if (!data.has_more) return ids;
    }
    return assert.fail('more than 50 pages');
  }
  /** The named payments, in the list's order. */
  const expected = (...names: string[]) => newestFirst.filter((id) => names.some((name) => made[name]!.id === id));

  before(async () => {
    ({ client: shop, api: shopApi } = await suite.stack.merchant());
    other = (await suite.stack.merchant()).client;
    const create = async (
      client: HoldfastClient,
      name: string,
      body: { email?: string; metadata?: Record<string, string>; declined?: boolean },
    ) => {
      const { data, error } = await client.POST('/v1/payments', {
        body: {
          amount: 1000,
          currency: 'usd',
          psp: 'stripe',
          payment_method: body.declined ? 'pm_card_chargeDeclined' : 'pm_card_visa',
          ...(body.email ? { customer: { email: body.email, name: 'Someone' } } : {}),
          ...(body.metadata ? { metadata: body.metadata } : {}),
        },
      });
      assert.ok(data, JSON.stringify(error));
      if (client === shop) made[name] = { id: data.id, created: data.created, status: data.status };
    };
    await create(shop, 'aliceMixed', { email: 'Alice@Example.com', metadata: { order: '1001', channel: 'web' } });
    await create(shop, 'aliceDeclined', { email: 'ALICE@EXAMPLE.COM', metadata: { order: '1003', channel: 'pos' }, declined: true });
    // The second after the last one's `created`, however long the two took on a busy machine.
    await eventually('the next second', async () => Math.floor(Date.now() / 1000) > made.aliceDeclined!.created);
    await create(shop, 'aliceLower', { email: 'alice@example.com', metadata: { order: '1002', channel: 'web' } });
    await create(shop, 'bob', { email: 'bob@example.com', metadata: { order: '1001', channel: 'pos', note: 'channel' } });
    await create(shop, 'anonymous', { metadata: { channel: 'web' } });
    await create(shop, 'aliceAgain', { email: 'alice@example.com' });
    // The same customer and pairs at another merchant: never in the shop's lists.
    await create(other, 'elsewhere', { email: 'alice@example.com', metadata: { order: '1001', channel: 'web' } });
    secondRound = made.aliceLower!.created;
    assert.ok(made.aliceDeclined!.created < secondRound);
    assert.deepEqual(Object.fromEntries(Object.entries(made).map(([name, p]) => [name, p.status])), {
      aliceMixed: 'captured',
      aliceDeclined: 'failed',
      aliceLower: 'captured',
      bob: 'captured',
      anonymous: 'captured',
      aliceAgain: 'captured',
    });
    newestFirst = await walk(shop, {});
    assert.equal(newestFirst.length, 6);
  });

  it('customer_email matches every spelling of the address the customer gave, and nobody else', async () => {
    const alice = expected('aliceMixed', 'aliceDeclined', 'aliceLower', 'aliceAgain');
    for (const spelling of ['alice@example.com', 'ALICE@example.COM', '  Alice@Example.com ', '\u00a0alice@example.com\u3000']) {
      assert.deepEqual(await walk(shop, { customer_email: spelling }), alice, JSON.stringify(spelling));
    }
    assert.deepEqual(await walk(shop, { customer_email: 'bob@example.com' }), expected('bob'));
    for (const nobody of ['carol@example.com', 'alice@example.co', 'alice', 'lice@example.com']) {
      assert.deepEqual(await walk(shop, { customer_email: nobody }), [], nobody);
    }
  });

  it("another merchant's identical email and pairs never show, nor does the shop's payment there", async () => {
    const elsewhere = await walk(other, { customer_email: 'Alice@Example.com' });
    assert.equal(elsewhere.length, 1);
    assert.ok(!newestFirst.includes(elsewhere[0]!));
    assert.deepEqual(await walk(other, { metadata: { order: '1001', channel: 'web' } }), elsewhere);
    assert.deepEqual(await walk(shop, { customer_email: 'alice@example.com', metadata: { order: '1001' } }), expected('aliceMixed'));
    // Nor do the stored indexes link them: each merchant's hashes are its own.
    const indexes = async (id: string) =>
      (
        await suite.stack.db
          .select({ email: payments.customerEmailIndex, metadata: payments.metadataIndex })
          .from(payments)
          .where(eq(payments.id, id))
      )[0]!;
    const [here, there] = [await indexes(made.aliceMixed!.id), await indexes(elsewhere[0]!)];
    assert.ok(here.email && there.email && here.email !== there.email, 'the same email at two merchants, two hashes');
    assert.deepEqual(
      here.metadata?.filter((hash) => there.metadata?.includes(hash)),
      [],
      'the same pairs at two merchants, no hash in common',
    );
  });

  it('metadata[key]=value matches the pair exactly, and several pairs AND together', async () => {
    assert.deepEqual(await walk(shop, { metadata: { order: '1001' } }), expected('aliceMixed', 'bob'));
    assert.deepEqual(await walk(shop, { metadata: { channel: 'web' } }), expected('aliceMixed', 'aliceLower', 'anonymous'));
    assert.deepEqual(await walk(shop, { metadata: { channel: 'web', order: '1001' } }), expected('aliceMixed'));
    assert.deepEqual(await walk(shop, { metadata: { channel: 'pos', order: '1002' } }), []);
    // Values are compared as given: no case folding, no trimming.
    assert.deepEqual(await walk(shop, { metadata: { channel: 'WEB' } }), []);
    assert.deepEqual(await walk(shop, { metadata: { channel: ' web' } }), []);
  });

  it('a value that is a key name, or a pair turned round, matches nothing but its own pair', async () => {
    // bob's note is "channel": that value under note only, never the key channel itself.
    assert.deepEqual(await walk(shop, { metadata: { note: 'channel' } }), expected('bob'));
    assert.deepEqual(await walk(shop, { metadata: { channel: 'note' } }), []);
    assert.deepEqual(await walk(shop, { metadata: { order: 'channel' } }), []);
    assert.deepEqual(await walk(shop, { metadata: { web: 'channel' } }), []);
    // 1001 is an order number, not a channel.
    assert.deepEqual(await walk(shop, { metadata: { channel: '1001' } }), []);
    // A key no payment can hold (refused at create, as a parsed object would drop it) is
    // refused here too: never dropped, which would widen the list to every payment.
    const proto = await shopApi.get('/v1/payments?metadata[__proto__]=web');
    assert.equal(proto.status, 400, JSON.stringify(proto.body));
    assert.deepEqual([proto.body.error.code, proto.body.error.param], ['parameter_invalid', 'metadata[__proto__]']);
  });

  it('combines with status and created filters', async () => {
    assert.deepEqual(
      await walk(shop, { customer_email: 'alice@example.com', status: 'captured' }),
      expected('aliceMixed', 'aliceLower', 'aliceAgain'),
    );
    assert.deepEqual(await walk(shop, { customer_email: 'alice@example.com', status: 'failed' }), expected('aliceDeclined'));
    const created = String(secondRound);
    assert.deepEqual(
      await walk(shop, { customer_email: 'alice@example.com', 'created[gte]': created }),
      expected('aliceLower', 'aliceAgain'),
    );
    assert.deepEqual(
      await walk(shop, { customer_email: 'alice@example.com', 'created[lt]': created }),
      expected('aliceMixed', 'aliceDeclined'),
    );
    assert.deepEqual(
      await walk(shop, { metadata: { channel: 'web' }, 'created[gte]': created, status: 'captured' }),
      expected('aliceLower', 'anonymous'),
    );
    assert.deepEqual(await walk(shop, { metadata: { channel: 'pos' }, status: 'failed', psp: 'stripe' }), expected('aliceDeclined'));
  });

  it('pages through a filtered list with the cursor', async () => {
    const alice = expected('aliceMixed', 'aliceDeclined', 'aliceLower', 'aliceAgain');
    assert.deepEqual(await walk(shop, { customer_email: 'Alice@example.com' }, 1), alice);
    assert.deepEqual(await walk(shop, { customer_email: 'alice@example.com' }, 3), alice);
    assert.deepEqual(await walk(shop, { metadata: { channel: 'web' } }, 2), expected('aliceMixed', 'aliceLower', 'anonymous'));
    // The cursor may be a payment the filter leaves out: the page is what follows it.
    const { data } = await shop.GET('/v1/payments', {
      params: { query: { customer_email: 'alice@example.com', starting_after: made.bob!.id } },
    });
    const olderThanBob = (id: string) => newestFirst.indexOf(id) > newestFirst.indexOf(made.bob!.id);
    assert.deepEqual(
      data!.data.map((p) => p.id),
      alice.filter(olderThanBob),
    );
    assert.ok(alice.filter(olderThanBob).length < alice.length);
  });

  describe('bad filter values: 400 with a code and the param', () => {
    const cases: Array<[string, string, string]> = [
      ['customer_email=', 'parameter_invalid', 'customer_email'],
      ['customer_email=%20%20', 'parameter_invalid', 'customer_email'],
      [`customer_email=${'a'.repeat(90)}%40example.com`, 'parameter_invalid', 'customer_email'],
      ['customer_email=alice%01%40example.com', 'parameter_invalid', 'customer_email'],
      ['customer_email=4242424242424242', 'raw_card_data_not_allowed', 'customer_email'],
      ['customer_email=4242%204242%204242%204242', 'raw_card_data_not_allowed', 'customer_email'],
      ['metadata[order]=', 'parameter_invalid', 'metadata[order]'],
      ['metadata[order]=a%0Ab', 'parameter_invalid', 'metadata[order]'],
      [`metadata[order]=${'x'.repeat(101)}`, 'parameter_invalid', 'metadata[order]'],
      ['metadata[order]=4242424242424242', 'raw_card_data_not_allowed', 'metadata[order]'],
      [`metadata[${'k'.repeat(41)}]=1`, 'parameter_invalid', `metadata[${'k'.repeat(41)}]`],
      ['metadata[]=1', 'parameter_invalid', 'metadata[]'],
      ['metadata[order]=1&metadata[order]=2', 'parameter_invalid', 'metadata[order]'],
      ['metadata=1001', 'parameter_invalid', 'metadata'],
      [[1, 2, 3, 4, 5, 6].map((n) => `metadata[k${n}]=v`).join('&'), 'parameter_invalid', 'metadata'],
      ['customer[email]=alice%40example.com', 'parameter_unknown', 'customer[email]'],
    ];
    for (const [query, code, param] of cases) {
      it(`?${query.length > 80 ? `${query.slice(0, 77)}...` : query}`, async () => {
        const answer = await shopApi.get(`/v1/payments?${query}`);
        assert.equal(answer.status, 400, JSON.stringify(answer.body));
        assert.deepEqual([answer.body.error.code, answer.body.error.param], [code, param], JSON.stringify(answer.body));
      });
    }
  });

  it('never writes the filter value to the API log', async () => {
    const before = logged.length;
    const email = 'Logged.Never@Example.com';
    const value = 'order-never-logged';
    assert.ok((await shopApi.get(`/v1/payments?customer_email=${encodeURIComponent(email)}&metadata[ref]=${value}`)).status === 200);
    assert.equal(
      (await shopApi.get(`/v1/payments?customer_email=${encodeURIComponent(email)}&metadata[ref]=${value}&limit=0`)).status,
      400,
    );
    assert.equal((await shopApi.get(`/v1/payments?customer_email=${encodeURIComponent(email)}&metadata[ref]=${value}%01`)).status, 400);
    const lines = logged.slice(before);
    // The requests were logged (so the log is the one to search), by route only.
    assert.equal(lines.match(/"msg":"request"/g)?.length, 3, lines);
    for (const secret of [email, email.toLowerCase(), 'Logged.Never', value]) assert.ok(!lines.includes(secret), `${secret} in ${lines}`);
  });

  it('the SQL the list sends uses the email index and the metadata GIN index, among thousands of payments', async () => {
    const owner = new Pool({ connectionString: suite.stack.ownerDatabaseUrl, max: 1 });
    try {
      const { id: merchantId } = await suite.stack.merchant();
      const template = made.aliceMixed!.id;
      const { rows: columns } = await owner.query<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'payments' ORDER BY ordinal_position",
      );
      // Copies of one payment for a third merchant, each with its own email and pairs.
      const replaced: Record<string, string> = {
        id: "'pay_seed' || g",
        merchant_id: '$2',
        customer_email_index: 'md5(g::text)',
        metadata_index: "ARRAY[md5('m' || g), md5('n' || g)]",
        created_at: "p.created_at - g * interval '1 second'",
      };
      const names = columns.map((c) => c.column_name);
      await owner.query(
        `INSERT INTO payments (${names.map((n) => `"${n}"`).join(', ')})
         SELECT ${names.map((n) => replaced[n] ?? `p."${n}"`).join(', ')} FROM payments p, generate_series(1, 4000) g WHERE p.id = $1`,
        [template, merchantId],
      );
      await owner.query('ANALYZE payments');
      // One seeded payment's email and pair, as the list's filter takes them (index tokens).
      const sent: Array<{ query: string; params: unknown[] }> = [];
      const capturing = drizzle({
        client: owner,
        schema,
        logger: { logQuery: (query, params) => sent.push({ query, params }) },
      }) as unknown as Database;
      const plan = async (filter: Parameters<typeof listPayments>[1]['filter']) => {
        sent.length = 0;
        const { rows } = await listPayments(capturing, { merchantId, limit: 10, filter });
        assert.equal(rows.length, 1);
        const [statement] = sent;
        const explained = await owner.query(`EXPLAIN ${statement!.query}`, statement!.params);
        return explained.rows.map((row) => row['QUERY PLAN']).join('\n');
      };
      const [seeded] = (await owner.query<{ md5: string }>("SELECT md5('1234')")).rows;
      assert.match(await plan({ customerEmailIndex: seeded!.md5 }), /payments_customer_email_idx/);
      const [pair] = (await owner.query<{ md5: string }>("SELECT md5('m1234')")).rows;
      assert.match(await plan({ metadataIndexes: [pair!.md5] }), /payments_metadata_idx/);
    } finally {
      await owner.end();
    }
  });
});
