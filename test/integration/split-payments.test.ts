// Split payments through the real stack: sellers over the API, payments with splits at both
// PSPs, partial captures and refunds in pieces, each seller's share in its own ledger
// accounts, allocated by the documented rounding rule in JPY, USD and KWD.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startApi } from '../../api/server';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { createHoldfastClient } from '@holdfast/client';
import { accountBalance } from '../support/settlement';
import { capturedPayment, createSeller, refunded, wallet } from '../support/marketplace';
import { stackForSuite } from '../support/stack';
import { answered, refused, withId } from '../support/typed-answers';

describe('split payments', function () {
  this.timeout(120_000);
  const suite = stackForSuite();

  it('JPY at Stripe: ¥1001 split three ways, ¥500 captured, refunded in two pieces: every yen accounted for', async () => {
    const { client, stack } = suite;
    const sellers = [await createSeller(client), await createSeller(client), await createSeller(client)];
    const payment = await capturedPayment(
      client,
      { amount: 1001, currency: 'jpy', psp: 'stripe', splits: sellers.map((seller) => ({ seller, amount: 333 })) },
      500,
    );
    assert.deepEqual(
      payment.splits,
      sellers.map((seller) => ({ seller, amount: 333 })),
    );
    // 333 × 500 / 1001 = 166.3 → 166 each; the merchant gets 500 − 498 less the platform fee.
    for (const seller of sellers) assert.deepEqual(await wallet(client, seller, 'jpy'), { pending: 166, available: 0, reserved: 0 });
    await refunded(client, payment.id, 250);
    // Cumulatively 333 × 250 / 1001 = 83.2 → 83 given back by each seller so far.
    for (const seller of sellers) assert.equal((await wallet(client, seller, 'jpy')).pending, 83);
    await refunded(client, payment.id, 250);
    for (const seller of sellers) assert.equal((await wallet(client, seller, 'jpy')).pending, 0);
    assert.deepEqual(await unbalancedTransactions(stack.db), []);
    assert.equal(await sellersPendingNet(stack, payment.id, 'jpy'), 0);
  });

  it('USD at Stripe: $100.00 captured of $100.01 split 33.33 / 66.67 rounds both sellers down and the merchant takes the 2 cents', async () => {
    const { client, stack } = suite;
    const [a, b] = [await createSeller(client), await createSeller(client)];
    const payment = await capturedPayment(
      client,
      {
        amount: 10_001,
        currency: 'usd',
        psp: 'stripe',
        splits: [
          { seller: a, amount: 3333 },
          { seller: b, amount: 6667 },
        ],
      },
      10_000,
    );
    assert.equal((await wallet(client, a, 'usd')).pending, 3332);
    assert.equal((await wallet(client, b, 'usd')).pending, 6666);
    const entries = await paymentEntries(stack, payment.id, 'capture');
    const fee = -(entries['platform:fees'] ?? 0);
    const merchantId = await merchantOf(stack, payment.id);
    assert.equal(-entries[`merchant:${merchantId}:pending`]!, 10_000 - 3332 - 6666 - fee);
    await refunded(client, payment.id, 1);
    await refunded(client, payment.id, 9_999);
    assert.deepEqual([(await wallet(client, a, 'usd')).pending, (await wallet(client, b, 'usd')).pending], [0, 0]);
  });

  it('KWD at Adyen: 10.001 KWD split 3.334 / 3.333, refunded in three pieces, gives back exactly each share', async () => {
    const { client, stack } = suite;
    const [a, b] = [await createSeller(client), await createSeller(client)];
    const payment = await capturedPayment(client, {
      amount: 10_001,
      currency: 'kwd',
      psp: 'adyen',
      splits: [
        { seller: a, amount: 3334 },
        { seller: b, amount: 3333 },
      ],
    });
    assert.deepEqual([(await wallet(client, a, 'kwd')).pending, (await wallet(client, b, 'kwd')).pending], [3334, 3333]);
    await refunded(client, payment.id, 1);
    await refunded(client, payment.id, 3_333);
    // Cumulatively 3334 × 3334 / 10001 = 1111.4 → 1111; 3333 × 3334 / 10001 = 1111.1 → 1111.
    assert.deepEqual([(await wallet(client, a, 'kwd')).pending, (await wallet(client, b, 'kwd')).pending], [3334 - 1111, 3333 - 1111]);
    await refunded(client, payment.id, 6_667);
    assert.deepEqual([(await wallet(client, a, 'kwd')).pending, (await wallet(client, b, 'kwd')).pending], [0, 0]);
    assert.equal(await accountBalance(stack.db, `seller:${a}:pending`, 'kwd'), 0);
    assert.equal(await sellersPendingNet(stack, payment.id, 'kwd'), 0);
  });

  it("refuses splits that exceed the amount, repeat a seller, or name a seller that is not the merchant's — and creates nothing", async () => {
    // The raw client: some of these splits are outside what the document admits.
    const { api, client, stack } = suite;
    const seller = await createSeller(client);
    const stranger = await createSeller((await stack.merchant()).client);
    const cases: Array<[unknown, number, string, string]> = [
      [
        [
          { seller, amount: 600 },
          { seller: await createSeller(client), amount: 401 },
        ],
        400,
        'splits_exceed_amount',
        'splits',
      ],
      [
        [
          { seller, amount: 1 },
          { seller, amount: 1 },
        ],
        400,
        'parameter_invalid',
        'splits[1][seller]',
      ],
      [[{ seller: stranger, amount: 1 }], 400, 'resource_missing', 'splits[0][seller]'],
      [[{ seller, amount: 0 }], 400, 'parameter_invalid', 'splits[0][amount]'],
      [[], 400, 'parameter_invalid', 'splits'],
    ];
    for (const [splits, status, code, param] of cases) {
      const answer = await api.post('/v1/payments', { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', splits });
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, code, JSON.stringify(answer.body));
      assert.equal(answer.body.error.param, param);
    }
    const listed = answered(await client.GET('/v1/payments', { params: { query: { limit: 100 } } }), 200);
    assert.deepEqual(
      listed.data.filter((p) => p.amount === 1000),
      [],
    );
  });

  it('refuses a seller whose payout PSP has no credentials, naming payout_psp', async () => {
    const { stack } = suite;
    // An API told the workers have Stripe only, as a process configured for Stripe alone would be.
    const stripeOnly = await startApi({
      config: stack.config,
      db: stack.db,
      temporal: stack.client,
      port: 0,
      wiring: { stripe: stack.wiring.stripe },
    });
    try {
      const { apiKey } = await stack.merchant();
      const client = createHoldfastClient({ baseUrl: stripeOnly.url, apiKey });
      const refusal = refused(await client.POST('/v1/sellers', { body: { name: 'Seller', payout_psp: 'adyen' } }), 400);
      assert.deepEqual([refusal.error.code, refusal.error.param], ['psp_not_available', 'payout_psp']);
    } finally {
      await stripeOnly.stop();
    }
  });

  it('answers sellers and their balances only to their own merchant', async () => {
    const { client, stack } = suite;
    const seller = await createSeller(client, { name: 'Ceramics by Ana' });
    const { client: other } = await stack.merchant();
    assert.equal(answered(await client.GET('/v1/sellers/{id}', withId(seller)), 200).name, 'Ceramics by Ana');
    refused(await other.GET('/v1/sellers/{id}', withId(seller)), 404);
    refused(await other.GET('/v1/sellers/{id}/balance', withId(seller)), 404);
    assert.deepEqual(answered(await client.GET('/v1/sellers/{id}/balance', withId(seller)), 200), {
      object: 'balance',
      available: [],
      pending: [],
      reserved: [],
    });
  });

  it("a seller's balance answers in the merchant balance's shape: {amount, currency} lists under available, pending and reserved", async () => {
    const { stack } = suite;
    const { api, client } = await stack.merchant({ feeBps: 0 });
    const seller = await createSeller(client);
    await capturedPayment(client, { amount: 10_000, currency: 'usd', psp: 'stripe', splits: [{ seller, amount: 7000 }] });
    const sellerBalance = answered(await client.GET('/v1/sellers/{id}/balance', withId(seller)), 200);
    const merchantBalance = answered(await client.GET('/v1/balance'), 200);
    assert.deepEqual(sellerBalance, {
      object: 'balance',
      available: [{ amount: 0, currency: 'usd' }],
      pending: [{ amount: 7000, currency: 'usd' }],
      reserved: [{ amount: 0, currency: 'usd' }],
    });
    assert.deepEqual(merchantBalance, {
      object: 'balance',
      available: [{ amount: 0, currency: 'usd' }],
      pending: [{ amount: 3000, currency: 'usd' }],
      reserved: [{ amount: 0, currency: 'usd' }],
    });
    // The document is not among its own paths: the raw client reads it.
    const { paths } = (await api.get('/openapi.json')).body;
    const documented = (path: string) => paths[path].get.responses['200'].content['application/json'].schema;
    assert.deepEqual(documented('/v1/sellers/{id}/balance'), documented('/v1/balance'));
  });

  it('documents sellers, payouts and disputes from the schemas that validate them', async () => {
    // The document is not among its own paths: the raw client reads it.
    const { paths } = (await suite.api.get('/openapi.json')).body;
    for (const path of [
      '/v1/sellers',
      '/v1/sellers/{id}/balance',
      '/v1/payouts',
      '/v1/payouts/{id}/approve',
      '/v1/disputes',
      '/v1/disputes/{id}/evidence',
    ]) {
      assert.ok(paths[path], `${path} is documented`);
    }
    assert.deepEqual(paths['/v1/payouts'].post.requestBody.content['application/json'].schema.required, ['seller', 'amount', 'currency']);
    assert.ok(paths['/v1/payments'].post.requestBody.content['application/json'].schema.properties.splits);
  });
});

async function merchantOf(stack: { db: any }, paymentId: string): Promise<string> {
  const { rows } = await stack.db.execute(sql`select merchant_id from payments where id = ${paymentId}`);
  return rows[0].merchant_id;
}

/** One posting of a payment, as account → amount. */
async function paymentEntries(stack: { db: any }, paymentId: string, kind: string): Promise<Record<string, number>> {
  const { rows } = await stack.db.execute(sql`
    select a.code, e.amount from ledger_entries e
      join ledger_transactions t on t.id = e.transaction_id
      join ledger_accounts a on a.id = e.account_id
     where t.payment_id = ${paymentId} and t.kind = ${kind}`);
  return Object.fromEntries(rows.map((r: any) => [r.code, Number(r.amount)]));
}

/** What a payment's postings left on its sellers' pending accounts: 0 once it is fully refunded. */
async function sellersPendingNet(stack: { db: any }, paymentId: string, currency: string): Promise<number> {
  const { rows } = await stack.db.execute(sql`
    select coalesce(sum(e.amount), 0) as net from ledger_entries e
      join ledger_transactions t on t.id = e.transaction_id
      join ledger_accounts a on a.id = e.account_id
     where t.payment_id = ${paymentId} and a.code like 'seller:%:pending' and e.currency = ${currency}`);
  return Number(rows[0].net);
}
