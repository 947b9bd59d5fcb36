// Payments sent to Adyen through the HTTP API: the real @adyen/api-library against the
// simulator's Adyen face, whose captures, cancels and refunds are confirmed only by its signed
// notifications arriving at POST /webhooks/adyen. Held back (adyen_hold_notifications), they
// show what a merchant sees while Adyen has accepted a modification but not confirmed it.
import assert from 'node:assert/strict';
import type { RequestBody } from '@holdfast/client';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { eventually } from '../support/eventually';
import { stackForSuite } from '../support/stack';
import { answered, refused, withId } from '../support/typed-answers';

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

  const adyenPayment = async (overrides: Partial<RequestBody<'/v1/payments', 'post'>> = {}) =>
    answered(
      await suite.client.POST('/v1/payments', {
        body: { amount: 4200, currency: 'eur', payment_method: 'pm_card_visa', psp: 'adyen', ...overrides },
      }),
      201,
    );
  const payment = async (id: string) => answered(await suite.client.GET('/v1/payments/{id}', withId(id)), 200);
  const ledgerKinds = async (id: string) =>
    answered(await suite.client.GET('/v1/ledger/transactions', { params: { query: { payment: id } } }), 200).data.map((t) => t.kind);
  const unconfirmedExceptions = async () =>
    answered(await suite.client.GET('/v1/exceptions', { params: { query: { kind: 'modification_unconfirmed' } } }), 200).data;
  const cancel = (id: string) => suite.client.POST('/v1/payments/{id}/cancel', { ...withId(id), body: {} });

  it('captures once the CAPTURE notification confirms it, and the ledger balances', async () => {
    const created = await adyenPayment();
    assert.equal(created.psp, 'adyen');
    assert.equal(created.status, 'captured');
    assert.equal(created.amount_captured, 4200);
    const atPsp = await suite.sim.payments(created.id);
    assert.equal(atPsp.length, 1);
    assert.equal(atPsp[0]!.psp, 'adyen');
    assert.equal(atPsp[0]!.authorizations, 1);
    assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
  });

  it('a capture answers at once with capture_pending while Adyen has not confirmed it, and is captured once its CAPTURE arrives', async () => {
    const created = await adyenPayment({ capture_method: 'manual' });
    assert.equal(created.status, 'authorized');
    const id = created.id;
    await suite.sim.control({ action: 'adyen_hold_notifications', merchant_reference: id });

    const captureUnderKey = () =>
      suite.client.POST('/v1/payments/{id}/capture', {
        params: { path: { id }, header: { 'Idempotency-Key': `capture-${id}` } },
        body: {},
      });
    const capture = answered(await answeredWithin(15_000, captureUnderKey()), 200);
    assert.equal(capture.status, 'authorized');
    assert.equal(capture.status_reason, 'capture_pending');
    assert.equal(capture.amount_captured, 0);
    assert.equal((await payment(id)).status_reason, 'capture_pending');
    // The same request again is the same answer; another capture waits for the first's outcome.
    assert.equal(answered(await captureUnderKey(), 200).status_reason, 'capture_pending');
    const another = refused(await suite.client.POST('/v1/payments/{id}/capture', { ...withId(id), body: { amount: 100 } }), 409);
    assert.equal(another.error.code, 'payment_modification_pending');
    refused(await cancel(id), 409);
    // Unconfirmed past the deadline: Adyen has no lookup, so a person is told.
    const raised = await eventually('the modification_unconfirmed exception', async () =>
      (await unconfirmedExceptions()).find((e) => e.payment === id && e.status === 'open'),
    );
    const context = raised.context as { modification?: string; amount?: number };
    assert.equal(context.modification, 'capture');
    assert.equal(context.amount, 4200);

    await suite.sim.control({ action: 'adyen_release_notifications', merchant_reference: id });
    const captured = await eventually('the capture confirmed by CAPTURE', async () => {
      const answer = await payment(id);
      return answer.status === 'captured' && answer;
    });
    assert.equal(captured.status_reason, null);
    assert.equal(captured.amount_captured, 4200);
    await eventually('the exception resolved by the late CAPTURE', async () =>
      (await unconfirmedExceptions()).some((e) => e.payment === id && e.status === 'resolved'),
    );
    const atPsp = await suite.sim.payments(id);
    assert.equal(atPsp[0]!.amount_captured, 4200);
    assert.deepEqual((await ledgerKinds(id)).sort(), ['authorization_hold', 'capture']);
    assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
  });

  it('a void answers at once with cancel_pending, and the CANCELLATION notification releases the hold', async () => {
    const created = await adyenPayment({ capture_method: 'manual' });
    assert.equal(created.status, 'authorized');
    const id = created.id;
    await suite.sim.control({ action: 'adyen_hold_notifications', merchant_reference: id });

    const canceled = answered(await answeredWithin(15_000, cancel(id)), 200);
    assert.equal(canceled.status, 'authorized');
    assert.equal(canceled.status_reason, 'cancel_pending');

    await suite.sim.control({ action: 'adyen_release_notifications', merchant_reference: id });
    await eventually('the void confirmed by CANCELLATION', async () => (await payment(id)).status === 'canceled');
    assert.deepEqual((await ledgerKinds(id)).sort(), ['authorization_hold', 'hold_release']);
  });

  it('a refund stays pending until the REFUND notification, then succeeds once', async () => {
    const created = await adyenPayment();
    const refund = answered(await suite.client.POST('/v1/payments/{id}/refunds', { ...withId(created.id), body: { amount: 1200 } }), 201);
    assert.ok(['pending', 'succeeded'].includes(refund.status));
    const settled = await eventually('the refund confirmed by webhook', async () => {
      const answer = answered(await suite.client.GET('/v1/refunds/{id}', withId(refund.id)), 200);
      return answer.status === 'succeeded' && answer;
    });
    assert.equal(settled.amount, 1200);
    assert.equal((await payment(created.id)).amount_refunded, 1200);
    assert.equal((await ledgerKinds(created.id)).filter((kind) => kind === 'refund').length, 1);
    assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
  });

  it('a declined card fails the payment with the decline code', async () => {
    const created = await adyenPayment({ payment_method: 'pm_card_chargeDeclinedInsufficientFunds' });
    assert.equal(created.status, 'failed');
    assert.equal(created.failure_code, 'insufficient_funds');
  });
});
