// Payments sent to Adyen through the HTTP API: the real @adyen/api-library against the
// simulator's Adyen face, whose captures, cancels and refunds are confirmed only by its signed
// notifications arriving at POST /webhooks/adyen.
import assert from 'node:assert/strict';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { eventually } from '../support/eventually';
import { stackForSuite } from '../support/stack';

describe('payments at Adyen through the HTTP API', function () {
  this.timeout(120_000);
  const suite = stackForSuite();

  const adyenPayment = (overrides: Record<string, unknown> = {}) =>
    suite.api.post('/v1/payments', { amount: 4200, currency: 'eur', payment_method: 'pm_card_visa', psp: 'adyen', ...overrides });

  it('captures once the CAPTURE notification confirms it, and the ledger balances', async () => {
    const created = await adyenPayment();
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.psp, 'adyen');
    assert.equal(created.body.status, 'captured');
    assert.equal(created.body.amount_captured, 4200);
    const atPsp = await suite.sim.payments(created.body.id);
    assert.equal(atPsp.length, 1);
    assert.equal(atPsp[0]!.psp, 'adyen');
    assert.equal(atPsp[0]!.authorizations, 1);
    assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
  });

  it('a void is confirmed by CANCELLATION and releases the hold', async () => {
    const created = await adyenPayment({ capture_method: 'manual' });
    assert.equal(created.body.status, 'authorized');
    const canceled = await suite.api.post(`/v1/payments/${created.body.id}/cancel`);
    assert.equal(canceled.status, 200, JSON.stringify(canceled.body));
    assert.equal(canceled.body.status, 'canceled');
    const ledger = await suite.api.get(`/v1/ledger/transactions?payment=${created.body.id}`);
    assert.deepEqual(
      ledger.body.data.map((t: { kind: string }) => t.kind),
      ['authorization_hold', 'hold_release'],
    );
  });

  it('a refund stays pending until the REFUND notification, then succeeds once', async () => {
    const created = await adyenPayment();
    const refund = await suite.api.post(`/v1/payments/${created.body.id}/refunds`, { amount: 1200 });
    assert.equal(refund.status, 201, JSON.stringify(refund.body));
    assert.ok(['pending', 'succeeded'].includes(refund.body.status));
    const settled = await eventually('the refund confirmed by webhook', async () => {
      const answer = await suite.api.get(`/v1/refunds/${refund.body.id}`);
      return answer.body.status === 'succeeded' && answer.body;
    });
    assert.equal(settled.amount, 1200);
    const payment = await suite.api.get(`/v1/payments/${created.body.id}`);
    assert.equal(payment.body.amount_refunded, 1200);
    const ledger = await suite.api.get(`/v1/ledger/transactions?payment=${created.body.id}`);
    assert.equal(ledger.body.data.filter((t: { kind: string }) => t.kind === 'refund').length, 1);
    assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
  });

  it('a declined card fails the payment with the decline code', async () => {
    const created = await adyenPayment({ payment_method: 'pm_card_chargeDeclinedInsufficientFunds' });
    assert.equal(created.body.status, 'failed');
    assert.equal(created.body.failure_code, 'insufficient_funds');
  });
});
