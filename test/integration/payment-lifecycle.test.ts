import assert from 'node:assert/strict';
import { createHoldfastClient, type HoldfastClient, type RequestBody } from '@holdfast/client';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { simulatorClient } from '../support/simulator-client';
import { startTestStack, type TestStack } from '../support/stack';
import { answered, refused, withId } from '../support/typed-answers';

describe('payment lifecycle through the HTTP API', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let client: HoldfastClient;

  before(async function () {
    this.timeout(300_000);
    stack = await startTestStack();
    ({ client } = await stack.merchant());
  });
  after(() => stack?.stop());

  type PaymentBody = RequestBody<'/v1/payments', 'post'>;
  const card = (overrides: Partial<PaymentBody> = {}): PaymentBody => ({
    amount: 2500,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    ...overrides,
  });
  const pay = async (body: PaymentBody, as = client) => answered(await as.POST('/v1/payments', { body }), 201);
  const manual = (amount = 10_000) => pay(card({ capture_method: 'manual', amount }));
  const ledgerKinds = async (payment: string) =>
    answered(await client.GET('/v1/ledger/transactions', { params: { query: { payment } } }), 200).data.map((t) => t.kind);

  it('an automatic-capture payment answers 201 captured, with its history', async () => {
    const created = await pay(card({ metadata: { order: 'A-1' }, customer: { email: 'a@example.com' } }));
    assert.match(created.id, /^pay_/);
    assert.equal(created.status, 'captured');
    assert.equal(created.amount_captured, 2500);
    assert.equal(created.amount_capturable, 0);
    assert.equal(created.psp, 'stripe');
    assert.match(created.psp_reference!, /^pi_/);
    assert.deepEqual(created.metadata, { order: 'A-1' });
    assert.deepEqual(created.customer, { email: 'a@example.com' });
    assert.deepEqual(
      created.history.map((e) => e.type),
      ['created', 'authorized', 'captured'],
    );
    const fetched = answered(await client.GET('/v1/payments/{id}', withId(created.id)), 200);
    assert.deepEqual(fetched, created);
  });

  it('an automatic capture at Stripe is one sale: one call to the PSP, booked as hold and capture', async () => {
    const created = await pay(card({ amount: 4100 }));
    assert.equal(created.status, 'captured', JSON.stringify(created));
    const sim = simulatorClient(stack.simUrl);
    const calls = (await sim.requests(created.id)).filter((r) => !r.path.startsWith('/risk/'));
    assert.deepEqual(
      calls.map((r) => `${r.method} ${r.path}`),
      ['POST /v1/payment_intents'],
    );
    assert.equal((await sim.payments(created.id))[0]!.amount_captured, 4100);
    assert.deepEqual(await ledgerKinds(created.id), ['authorization_hold', 'capture']);
  });

  it('an automatic capture at Adyen, which cannot sell in one call, still authorizes then captures', async () => {
    const created = await pay(card({ amount: 4200, currency: 'eur', psp: 'adyen' }));
    assert.equal(created.status, 'captured', JSON.stringify(created));
    const calls = (await simulatorClient(stack.simUrl).requests(created.id)).filter((r) => !r.path.startsWith('/risk/'));
    assert.equal(calls.length, 2, JSON.stringify(calls));
    assert.match(calls[1]!.path, /captures$/);
  });

  it('a manual-capture payment holds, then a partial capture releases the rest', async () => {
    const created = await manual();
    assert.equal(created.status, 'authorized');
    assert.equal(created.amount_capturable, 10_000);
    assert.ok(created.capture_before! > created.created);
    const captured = answered(await client.POST('/v1/payments/{id}/capture', { ...withId(created.id), body: { amount: 6_000 } }), 200);
    assert.equal(captured.status, 'captured');
    assert.equal(captured.amount_captured, 6_000);
    assert.equal(captured.amount_capturable, 0);
    assert.deepEqual(await ledgerKinds(created.id), ['authorization_hold', 'capture']);
  });

  it('capturing more than authorized is refused with amount_too_large and changes nothing', async () => {
    const created = await manual(1_000);
    const refusal = refused(await client.POST('/v1/payments/{id}/capture', { ...withId(created.id), body: { amount: 1_001 } }), 400);
    assert.equal(refusal.error.code, 'amount_too_large');
    assert.equal(refusal.error.param, 'amount');
    const after = answered(await client.GET('/v1/payments/{id}', withId(created.id)), 200);
    assert.equal(after.status, 'authorized');
    assert.equal(after.amount_capturable, 1_000);
  });

  it('a cancel voids the authorization and releases the hold; capture after cancel is refused', async () => {
    const created = await manual(3_000);
    const canceled = answered(await client.POST('/v1/payments/{id}/cancel', withId(created.id)), 200);
    assert.equal(canceled.status, 'canceled');
    assert.equal(canceled.amount_capturable, 0);
    const capture = refused(await client.POST('/v1/payments/{id}/capture', withId(created.id)), 400);
    assert.equal(capture.error.code, 'payment_unexpected_state');
    assert.deepEqual(await ledgerKinds(created.id), ['authorization_hold', 'hold_release']);
  });

  it('several partial refunds add up to the captured amount, and one more is refused', async () => {
    const created = await pay(card({ amount: 5_000 }));
    const refund = (body: RequestBody<'/v1/payments/{id}/refunds', 'post'>) =>
      client.POST('/v1/payments/{id}/refunds', { ...withId(created.id), body });
    const first = answered(await refund({ amount: 2_000, reason: 'requested_by_customer' }), 201);
    assert.match(first.id, /^re_/);
    assert.equal(first.status, 'succeeded');
    assert.equal(first.payment, created.id);
    const rest = answered(await refund({}), 201);
    assert.equal(rest.amount, 3_000);
    const more = refused(await refund({ amount: 1 }), 400);
    assert.equal(more.error.code, 'charge_already_refunded');
    const payment = answered(await client.GET('/v1/payments/{id}', withId(created.id)), 200);
    assert.equal(payment.amount_refunded, 5_000);
    const fetched = answered(await client.GET('/v1/refunds/{id}', withId(first.id)), 200);
    assert.deepEqual(fetched, first);
  });

  it('a refund larger than what is left is refused with amount_too_large', async () => {
    const created = await pay(card({ amount: 1_000 }));
    const refusal = refused(await client.POST('/v1/payments/{id}/refunds', { ...withId(created.id), body: { amount: 1_001 } }), 400);
    assert.equal(refusal.error.code, 'amount_too_large');
  });

  it('a declined card answers 201 failed with the decline code; capturing it is refused', async () => {
    const declined = await pay(card({ payment_method: 'pm_card_chargeDeclinedInsufficientFunds' }));
    assert.equal(declined.status, 'failed');
    assert.equal(declined.failure_code, 'insufficient_funds');
    assert.ok(declined.failure_message);
    const generic = await pay(card({ payment_method: 'pm_card_chargeDeclined' }));
    assert.equal(generic.failure_code, 'card_declined');
    const capture = refused(await client.POST('/v1/payments/{id}/capture', withId(declined.id)), 400);
    assert.equal(capture.error.code, 'payment_unexpected_state');
  });

  it('balances show captured money, less refunds, as pending per currency', async () => {
    const { client: fresh } = await stack.merchant();
    await pay(card({ amount: 1_000 }), fresh);
    const eur = await pay(card({ amount: 700, currency: 'EUR' }), fresh);
    answered(await fresh.POST('/v1/payments/{id}/refunds', { ...withId(eur.id), body: { amount: 200 } }), 201);
    await pay(card({ amount: 999, capture_method: 'manual' }), fresh);
    const balance = answered(await fresh.GET('/v1/balance'), 200);
    assert.deepEqual(balance.pending, [
      { amount: 500, currency: 'eur' },
      { amount: 1_000, currency: 'usd' },
    ]);
    assert.deepEqual(balance.available, [
      { amount: 0, currency: 'eur' },
      { amount: 0, currency: 'usd' },
    ]);
  });

  it('lists payments newest first with a cursor and a status filter', async () => {
    const { client: fresh } = await stack.merchant();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await pay(card({ amount: 100 + i }), fresh)).id);
    const held = await pay(card({ capture_method: 'manual' }), fresh);
    const list = async (query: { limit?: number; starting_after?: string; status?: 'authorized' }) =>
      answered(await fresh.GET('/v1/payments', { params: { query } }), 200);
    const page1 = await list({ limit: 2 });
    assert.equal(page1.has_more, true);
    assert.deepEqual(
      page1.data.map((p) => p.id),
      [held.id, ids[2]],
    );
    const page2 = await list({ limit: 2, starting_after: ids[2] });
    assert.equal(page2.has_more, false);
    assert.deepEqual(
      page2.data.map((p) => p.id),
      [ids[1], ids[0]],
    );
    const authorized = await list({ status: 'authorized' });
    assert.deepEqual(
      authorized.data.map((p) => p.id),
      [held.id],
    );
  });

  it("a merchant cannot see another merchant's payment, and a wrong key is refused", async () => {
    const created = await pay(card());
    const { client: other } = await stack.merchant();
    const peek = refused(await other.GET('/v1/payments/{id}', withId(created.id)), 404);
    assert.equal(peek.error.code, 'resource_missing');
    refused(await other.POST('/v1/payments/{id}/refunds', { ...withId(created.id), body: {} }), 404);
    refused(await other.GET('/v1/ledger/transactions', { params: { query: { payment: created.id } } }), 404);
    const stranger = createHoldfastClient({ baseUrl: stack.apiUrl, apiKey: 'sk_hf_not_a_key' });
    const refusal = refused(await stranger.GET('/v1/payments'), 401);
    assert.equal(refusal.error.type, 'authentication_error');
  });

  it('every ledger transaction balances', async () => {
    assert.deepEqual(await unbalancedTransactions(stack.db), []);
  });
});
