import assert from 'node:assert/strict';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { apiClient, type ApiClient } from '../support/http';
import { simulatorClient } from '../support/simulator-client';
import { startTestStack, type TestStack } from '../support/stack';

describe('payment lifecycle through the HTTP API', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let api: ApiClient;

  before(async function () {
    this.timeout(300_000);
    stack = await startTestStack();
    ({ api } = await stack.merchant());
  });
  after(() => stack?.stop());

  const card = (overrides: Record<string, unknown> = {}) => ({
    amount: 2500,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    ...overrides,
  });
  const manual = (amount = 10_000) => api.post('/v1/payments', card({ capture_method: 'manual', amount }));

  it('an automatic-capture payment answers 201 captured, with its history', async () => {
    const created = await api.post('/v1/payments', card({ metadata: { order: 'A-1' }, customer: { email: 'a@example.com' } }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.body.id, /^pay_/);
    assert.equal(created.body.status, 'captured');
    assert.equal(created.body.amount_captured, 2500);
    assert.equal(created.body.amount_capturable, 0);
    assert.equal(created.body.psp, 'stripe');
    assert.match(created.body.psp_reference, /^pi_/);
    assert.deepEqual(created.body.metadata, { order: 'A-1' });
    assert.deepEqual(created.body.customer, { email: 'a@example.com' });
    assert.deepEqual(
      created.body.history.map((e: { type: string }) => e.type),
      ['created', 'authorized', 'captured'],
    );
    const fetched = await api.get(`/v1/payments/${created.body.id}`);
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body, created.body);
  });

  it('an automatic capture at Stripe is one sale: one call to the PSP, booked as hold and capture', async () => {
    const created = await api.post('/v1/payments', card({ amount: 4100 }));
    assert.equal(created.body.status, 'captured', JSON.stringify(created.body));
    const sim = simulatorClient(stack.simUrl);
    const calls = (await sim.requests(created.body.id)).filter((r) => !r.path.startsWith('/risk/'));
    assert.deepEqual(
      calls.map((r) => `${r.method} ${r.path}`),
      ['POST /v1/payment_intents'],
    );
    assert.equal((await sim.payments(created.body.id))[0]!.amount_captured, 4100);
    const ledger = await api.get(`/v1/ledger/transactions?payment=${created.body.id}`);
    assert.deepEqual(
      ledger.body.data.map((t: { kind: string }) => t.kind),
      ['authorization_hold', 'capture'],
    );
  });

  it('an automatic capture at Adyen, which cannot sell in one call, still authorizes then captures', async () => {
    const created = await api.post('/v1/payments', card({ amount: 4200, currency: 'eur', psp: 'adyen' }));
    assert.equal(created.body.status, 'captured', JSON.stringify(created.body));
    const calls = (await simulatorClient(stack.simUrl).requests(created.body.id)).filter((r) => !r.path.startsWith('/risk/'));
    assert.equal(calls.length, 2, JSON.stringify(calls));
    assert.match(calls[1]!.path, /captures$/);
  });

  it('a manual-capture payment holds, then a partial capture releases the rest', async () => {
    const created = await manual();
    assert.equal(created.body.status, 'authorized');
    assert.equal(created.body.amount_capturable, 10_000);
    assert.ok(created.body.capture_before > created.body.created);
    const captured = await api.post(`/v1/payments/${created.body.id}/capture`, { amount: 6_000 });
    assert.equal(captured.status, 200, JSON.stringify(captured.body));
    assert.equal(captured.body.status, 'captured');
    assert.equal(captured.body.amount_captured, 6_000);
    assert.equal(captured.body.amount_capturable, 0);
    const ledger = await api.get(`/v1/ledger/transactions?payment=${created.body.id}`);
    assert.deepEqual(
      ledger.body.data.map((t: { kind: string }) => t.kind),
      ['authorization_hold', 'capture'],
    );
  });

  it('capturing more than authorized is refused with amount_too_large and changes nothing', async () => {
    const created = await manual(1_000);
    const refused = await api.post(`/v1/payments/${created.body.id}/capture`, { amount: 1_001 });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'amount_too_large');
    assert.equal(refused.body.error.param, 'amount');
    const after = await api.get(`/v1/payments/${created.body.id}`);
    assert.equal(after.body.status, 'authorized');
    assert.equal(after.body.amount_capturable, 1_000);
  });

  it('a cancel voids the authorization and releases the hold; capture after cancel is refused', async () => {
    const created = await manual(3_000);
    const canceled = await api.post(`/v1/payments/${created.body.id}/cancel`);
    assert.equal(canceled.status, 200, JSON.stringify(canceled.body));
    assert.equal(canceled.body.status, 'canceled');
    assert.equal(canceled.body.amount_capturable, 0);
    const capture = await api.post(`/v1/payments/${created.body.id}/capture`);
    assert.equal(capture.status, 400);
    assert.equal(capture.body.error.code, 'payment_unexpected_state');
    const ledger = await api.get(`/v1/ledger/transactions?payment=${created.body.id}`);
    assert.deepEqual(
      ledger.body.data.map((t: { kind: string }) => t.kind),
      ['authorization_hold', 'hold_release'],
    );
  });

  it('several partial refunds add up to the captured amount, and one more is refused', async () => {
    const created = await api.post('/v1/payments', card({ amount: 5_000 }));
    const first = await api.post(`/v1/payments/${created.body.id}/refunds`, { amount: 2_000, reason: 'requested_by_customer' });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.match(first.body.id, /^re_/);
    assert.equal(first.body.status, 'succeeded');
    assert.equal(first.body.payment, created.body.id);
    const rest = await api.post(`/v1/payments/${created.body.id}/refunds`, {});
    assert.equal(rest.body.amount, 3_000);
    const more = await api.post(`/v1/payments/${created.body.id}/refunds`, { amount: 1 });
    assert.equal(more.status, 400);
    assert.equal(more.body.error.code, 'charge_already_refunded');
    const payment = await api.get(`/v1/payments/${created.body.id}`);
    assert.equal(payment.body.amount_refunded, 5_000);
    const fetched = await api.get(`/v1/refunds/${first.body.id}`);
    assert.deepEqual(fetched.body, first.body);
  });

  it('a refund larger than what is left is refused with amount_too_large', async () => {
    const created = await api.post('/v1/payments', card({ amount: 1_000 }));
    const refused = await api.post(`/v1/payments/${created.body.id}/refunds`, { amount: 1_001 });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'amount_too_large');
  });

  it('a declined card answers 201 failed with the decline code; capturing it is refused', async () => {
    const declined = await api.post('/v1/payments', card({ payment_method: 'pm_card_chargeDeclinedInsufficientFunds' }));
    assert.equal(declined.status, 201);
    assert.equal(declined.body.status, 'failed');
    assert.equal(declined.body.failure_code, 'insufficient_funds');
    assert.ok(declined.body.failure_message);
    const generic = await api.post('/v1/payments', card({ payment_method: 'pm_card_chargeDeclined' }));
    assert.equal(generic.body.failure_code, 'card_declined');
    const capture = await api.post(`/v1/payments/${declined.body.id}/capture`);
    assert.equal(capture.status, 400);
    assert.equal(capture.body.error.code, 'payment_unexpected_state');
  });

  it('balances show captured money, less refunds, as pending per currency', async () => {
    const { api: fresh } = await stack.merchant();
    await fresh.post('/v1/payments', card({ amount: 1_000 }));
    const eur = await fresh.post('/v1/payments', card({ amount: 700, currency: 'EUR' }));
    await fresh.post(`/v1/payments/${eur.body.id}/refunds`, { amount: 200 });
    await fresh.post('/v1/payments', card({ amount: 999, capture_method: 'manual' }));
    const balance = await fresh.get('/v1/balance');
    assert.equal(balance.status, 200);
    assert.deepEqual(balance.body.pending, [
      { amount: 500, currency: 'eur' },
      { amount: 1_000, currency: 'usd' },
    ]);
    assert.deepEqual(balance.body.available, [
      { amount: 0, currency: 'eur' },
      { amount: 0, currency: 'usd' },
    ]);
  });

  it('lists payments newest first with a cursor and a status filter', async () => {
    const { api: fresh } = await stack.merchant();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await fresh.post('/v1/payments', card({ amount: 100 + i }))).body.id);
    const held = await fresh.post('/v1/payments', card({ capture_method: 'manual' }));
    assert.equal(held.status, 201, JSON.stringify(held.body));
    const page1 = await fresh.get('/v1/payments?limit=2');
    assert.equal(page1.body.has_more, true);
    assert.deepEqual(page1.body.data.map((p: { id: string }) => p.id), [held.body.id, ids[2]]);
    const page2 = await fresh.get(`/v1/payments?limit=2&starting_after=${ids[2]}`);
    assert.equal(page2.body.has_more, false);
    assert.deepEqual(page2.body.data.map((p: { id: string }) => p.id), [ids[1], ids[0]]);
    const authorized = await fresh.get('/v1/payments?status=authorized');
    assert.deepEqual(authorized.body.data.map((p: { id: string }) => p.id), [held.body.id]);
  });

  it("a merchant cannot see another merchant's payment, and a wrong key is refused", async () => {
    const created = await api.post('/v1/payments', card());
    const { api: other } = await stack.merchant();
    const peek = await other.get(`/v1/payments/${created.body.id}`);
    assert.equal(peek.status, 404);
    assert.equal(peek.body.error.code, 'resource_missing');
    const capture = await other.post(`/v1/payments/${created.body.id}/refunds`, {});
    assert.equal(capture.status, 404);
    const ledger = await other.get(`/v1/ledger/transactions?payment=${created.body.id}`);
    assert.equal(ledger.status, 404);
    const stranger = await apiClient(stack.apiUrl, 'sk_hf_not_a_key').get('/v1/payments');
    assert.equal(stranger.status, 401);
    assert.equal(stranger.body.error.type, 'authentication_error');
  });

  it('every ledger transaction balances', async () => {
    assert.deepEqual(await unbalancedTransactions(stack.db), []);
  });
});
