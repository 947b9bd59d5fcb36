// Payments sent to Adyen through the HTTP API: the real @adyen/api-library against the
// simulator's Adyen face, whose captures, cancels and refunds are confirmed only by its signed
// notifications arriving at POST /webhooks/adyen. Held back (adyen_hold_notifications), they
// show what a merchant sees while Adyen has accepted a modification but not confirmed it.
import assert from 'node:assert/strict';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { eventually } from '../support/eventually';
import { stackForSuite } from '../support/stack';

/** The request's answer, or a failure naming the bound: a request that waits for a webhook fails here rather than hangs. */
async function answeredWithin<T>(ms: number, request: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([request, bound]);
  } finally {
    clearTimeout(timer);
  }
}

describe('payments at Adyen through the HTTP API', function () {
  this.timeout(120_000);
  // A capture held back past this deadline lands on the exceptions list.
  const suite = stackForSuite({ env: { MODIFICATION_CONFIRM_DEADLINE_SECONDS: '2' } });

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

  it('a capture answers at once with capture_pending while Adyen has not confirmed it, and is captured once its CAPTURE arrives', async () => {
    const created = await adyenPayment({ capture_method: 'manual' });
    assert.equal(created.body.status, 'authorized');
    const id = created.body.id;
    await suite.sim.control({ action: 'adyen_hold_notifications', merchant_reference: id });

    const key = `capture-${id}`;
    const capture = await answeredWithin(15_000, suite.api.post(`/v1/payments/${id}/capture`, {}, { idempotencyKey: key }));
    assert.equal(capture.status, 200, JSON.stringify(capture.body));
    assert.equal(capture.body.status, 'authorized');
    assert.equal(capture.body.status_reason, 'capture_pending');
    assert.equal(capture.body.amount_captured, 0);
    const pending = await suite.api.get(`/v1/payments/${id}`);
    assert.equal(pending.body.status_reason, 'capture_pending');
    // The same request again is the same answer; another capture waits for the first's outcome.
    const retried = await suite.api.post(`/v1/payments/${id}/capture`, {}, { idempotencyKey: key });
    assert.equal(retried.status, 200);
    assert.equal(retried.body.status_reason, 'capture_pending');
    const another = await suite.api.post(`/v1/payments/${id}/capture`, { amount: 100 });
    assert.equal(another.status, 409, JSON.stringify(another.body));
    assert.equal(another.body.error.code, 'payment_modification_pending');
    const cancel = await suite.api.post(`/v1/payments/${id}/cancel`);
    assert.equal(cancel.status, 409, JSON.stringify(cancel.body));
    // Unconfirmed past the deadline: Adyen has no lookup, so a person is told.
    const unconfirmed = `/v1/exceptions?kind=modification_unconfirmed`;
    const raised = await eventually('the modification_unconfirmed exception', async () => {
      const listed = await suite.api.get(unconfirmed);
      return listed.body.data.find((e: { payment: string; status: string }) => e.payment === id && e.status === 'open');
    });
    assert.equal(raised.context.modification, 'capture');
    assert.equal(raised.context.amount, 4200);

    await suite.sim.control({ action: 'adyen_release_notifications', merchant_reference: id });
    const captured = await eventually('the capture confirmed by CAPTURE', async () => {
      const answer = await suite.api.get(`/v1/payments/${id}`);
      return answer.body.status === 'captured' && answer.body;
    });
    assert.equal(captured.status_reason, null);
    assert.equal(captured.amount_captured, 4200);
    await eventually('the exception resolved by the late CAPTURE', async () => {
      const listed = await suite.api.get(unconfirmed);
      return listed.body.data.some((e: { payment: string; status: string }) => e.payment === id && e.status === 'resolved');
    });
    const atPsp = await suite.sim.payments(id);
    assert.equal(atPsp[0]!.amount_captured, 4200);
    const ledger = await suite.api.get(`/v1/ledger/transactions?payment=${id}`);
    assert.deepEqual(
      ledger.body.data.map((t: { kind: string }) => t.kind).sort(),
      ['authorization_hold', 'capture'],
    );
    assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
  });

  it('a void answers at once with cancel_pending, and the CANCELLATION notification releases the hold', async () => {
    const created = await adyenPayment({ capture_method: 'manual' });
    assert.equal(created.body.status, 'authorized');
    const id = created.body.id;
    await suite.sim.control({ action: 'adyen_hold_notifications', merchant_reference: id });

    const canceled = await answeredWithin(15_000, suite.api.post(`/v1/payments/${id}/cancel`));
    assert.equal(canceled.status, 200, JSON.stringify(canceled.body));
    assert.equal(canceled.body.status, 'authorized');
    assert.equal(canceled.body.status_reason, 'cancel_pending');

    await suite.sim.control({ action: 'adyen_release_notifications', merchant_reference: id });
    await eventually('the void confirmed by CANCELLATION', async () => {
      const answer = await suite.api.get(`/v1/payments/${id}`);
      return answer.body.status === 'canceled' && answer.body;
    });
    const ledger = await suite.api.get(`/v1/ledger/transactions?payment=${id}`);
    assert.deepEqual(
      ledger.body.data.map((t: { kind: string }) => t.kind).sort(),
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
