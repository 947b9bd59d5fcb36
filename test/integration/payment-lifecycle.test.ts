import assert from 'node:assert/strict';
import { unbalancedTransactions } from '../../db/queries/ledger';
import type { ApiClient } from '../support/http';
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

  it('an automatic-capture payment answers 201 captured, with its history', async () => {
    const created = await api.post('/v1/payments', card({ metadata: { order: 'A-1' } }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.body.id, /^pay_/);
    assert.equal(created.body.status, 'captured');
    assert.equal(created.body.amount_captured, 2500);
    assert.equal(created.body.amount_capturable, 0);
    assert.equal(created.body.psp, 'stripe');
    assert.match(created.body.psp_reference, /^pi_/);
    assert.deepEqual(created.body.metadata, { order: 'A-1' });
    assert.deepEqual(
      created.body.history.map((e: { type: string }) => e.type),
      ['created', 'authorized', 'captured'],
    );
    const fetched = await api.get(`/v1/payments/${created.body.id}`);
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body, created.body);
  });

  it('a manual-capture payment holds, then a partial capture releases the rest', async () => {
    const created = await api.post('/v1/payments', card({ capture_method: 'manual', amount: 10_000 }));
    assert.equal(created.body.status, 'authorized');
    assert.equal(created.body.amount_capturable, 10_000);
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

  it('a declined card answers 201 failed with the decline code', async () => {
    const declined = await api.post('/v1/payments', card({ payment_method: 'pm_card_chargeDeclinedInsufficientFunds' }));
    assert.equal(declined.status, 201);
    assert.equal(declined.body.status, 'failed');
    assert.equal(declined.body.failure_code, 'insufficient_funds');
  });

  it('every ledger transaction balances', async () => {
    assert.deepEqual(await unbalancedTransactions(stack.db), []);
  });
});
