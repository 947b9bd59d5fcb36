// Disputes through the real stack: the simulated PSP opens a dispute on a settled split
// payment and sends its webhooks; holdfast's dispute workflow holds the disputed shares in
// reserve, takes the merchant's evidence to the PSP, and releases (won, at Stripe) or gives
// up (lost, at Adyen) the reserve when the PSP closes it. The ledger stays balanced and every
// balance agrees with it.
import assert from 'node:assert/strict';
import { balanceMismatches } from '../../db/queries/balance-check';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { eventually } from '../support/eventually';
import type { ApiClient } from '../support/http';
import { capturedPayment, createSeller, wallet } from '../support/marketplace';
import { accountBalance, financeClient, settle, today } from '../support/settlement';
import { stackForSuite } from '../support/stack';

describe('disputes of settled split payments', function () {
  this.timeout(180_000);
  const suite = stackForSuite();
  let shop: ApiClient;
  let merchantId: string;
  let sellerA: string;
  let sellerB: string;
  const p: Record<'stripe' | 'adyen', any> = {} as never;

  before(async function () {
    this.timeout(180_000);
    const merchant = await suite.stack.merchant({ feeBps: 0 });
    shop = merchant.api;
    merchantId = merchant.id;
    sellerA = await createSeller(shop);
    sellerB = await createSeller(shop);
    p.stripe = await capturedPayment(shop, { amount: 10_000, currency: 'usd', psp: 'stripe', splits: [{ seller: sellerA, amount: 6_000 }] });
    p.adyen = await capturedPayment(shop, { amount: 5_000, currency: 'eur', psp: 'adyen', splits: [{ seller: sellerB, amount: 3_000 }] });
    await settle(await financeClient(suite.stack), { date: today() });
    assert.deepEqual(await wallet(shop, sellerA, 'usd'), { pending: 0, available: 6_000, reserved: 0 });
  });

  async function disputeOf(paymentId: string, status: string): Promise<any> {
    return eventually(`the dispute of ${paymentId} to be ${status}`, async () => {
      const list = await shop.get(`/v1/disputes?payment=${paymentId}`);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      return list.body.data.length === 1 && list.body.data[0].status === status && list.body.data[0];
    });
  }

  it('won at Stripe: the seller\'s share is held from payouts, evidence reaches the PSP, and winning releases it', async () => {
    const { stack, sim } = suite;
    await sim.dispute(p.stripe.psp_reference);
    const dispute = await disputeOf(p.stripe.id, 'needs_response');
    assert.equal(dispute.amount, 10_000);
    assert.deepEqual(dispute.shares, [
      { seller: null, amount: 4_000 },
      { seller: sellerA, amount: 6_000 },
    ]);
    assert.ok(dispute.evidence_details.due_by > Date.now() / 1000);
    assert.deepEqual(await wallet(shop, sellerA, 'usd'), { pending: 0, available: 0, reserved: 6_000 });
    const reserved = (await shop.get('/v1/balance')).body.reserved.find((r: { currency: string }) => r.currency === 'usd');
    assert.equal(reserved.amount, 4_000, "the merchant's share held");
    assert.equal(await accountBalance(stack.db, 'psp:stripe:disputes', 'usd'), 10_000);
    const refused = await shop.post(`/v1/payments/${p.stripe.id}/refunds`, { amount: 100 });
    assert.equal(refused.status, 400, 'a disputed payment cannot be refunded as well');
    assert.equal(refused.body.error.code, 'charge_disputed');
    const payout = await shop.post('/v1/payouts', { seller: sellerA, amount: 1, currency: 'usd' });
    assert.equal(payout.status, 400, 'payouts hold a disputed seller\'s share');
    assert.equal(payout.body.error.code, 'balance_insufficient');
    const created = await eventually('dispute.created', async () => {
      const events = await shop.get('/v1/events?type=dispute.created');
      return events.body.data.find((e: any) => e.data.object.id === dispute.id);
    });
    assert.equal(created.data.object.payment, p.stripe.id);

    const evidence = await shop.post(`/v1/disputes/${dispute.id}/evidence`, { text: 'Delivered on 2026-11-02, signed for by the cardholder.' });
    assert.equal(evidence.status, 200, JSON.stringify(evidence.body));
    assert.equal(evidence.body.status, 'under_review');
    assert.ok((await sim.disputes()).find((d) => d.dispute_reference === dispute.psp_reference)?.evidence_submitted);
    const again = await shop.post(`/v1/disputes/${dispute.id}/evidence`, { text: 'More.' });
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, 'dispute_evidence_already_submitted');

    await sim.disputeOutcome(p.stripe.psp_reference, 'won');
    await disputeOf(p.stripe.id, 'won');
    assert.deepEqual(await wallet(shop, sellerA, 'usd'), { pending: 0, available: 6_000, reserved: 0 });
    assert.equal(await accountBalance(stack.db, 'psp:stripe:disputes', 'usd'), 0);
    assert.equal(await accountBalance(stack.db, `merchant:${merchantId}:dispute_reserve`, 'usd'), 0);
    assert.deepEqual(await unbalancedTransactions(stack.db), []);
    assert.deepEqual(await balanceMismatches(stack.db), []);
    const refund = await shop.post(`/v1/payments/${p.stripe.id}/refunds`, { amount: 100 });
    assert.equal(refund.status, 201, 'once the dispute is closed the payment can be refunded again');
  });

  it('lost at Adyen: each share of a partial dispute is given up, and nothing else moves', async () => {
    const { stack, sim } = suite;
    const merchantAvailableBefore = -(await accountBalance(stack.db, `merchant:${merchantId}:available`, 'eur'));
    await sim.dispute(p.adyen.psp_reference, { amount: 2_000 });
    const dispute = await disputeOf(p.adyen.id, 'needs_response');
    // 2000 × 3000/5000 = 1200 for the seller; the merchant bears the other 800.
    assert.deepEqual(dispute.shares, [
      { seller: null, amount: 800 },
      { seller: sellerB, amount: 1_200 },
    ]);
    assert.deepEqual(await wallet(shop, sellerB, 'eur'), { pending: 0, available: 1_800, reserved: 1_200 });

    await sim.disputeOutcome(p.adyen.psp_reference, 'lost');
    const lost = await disputeOf(p.adyen.id, 'lost');
    assert.ok(lost.closed);
    assert.deepEqual(await wallet(shop, sellerB, 'eur'), { pending: 0, available: 1_800, reserved: 0 });
    assert.equal(-(await accountBalance(stack.db, `merchant:${merchantId}:available`, 'eur')), merchantAvailableBefore - 800);
    assert.equal(await accountBalance(stack.db, `merchant:${merchantId}:dispute_reserve`, 'eur'), 0);
    assert.equal(await accountBalance(stack.db, 'psp:adyen:disputes', 'eur'), 0);
    assert.deepEqual(await unbalancedTransactions(stack.db), []);
    assert.deepEqual(await balanceMismatches(stack.db), []);
    const closed = await shop.post(`/v1/disputes/${dispute.id}/evidence`, { text: 'Too late.' });
    assert.equal(closed.status, 400);
    assert.equal(closed.body.error.code, 'dispute_closed');
  });

  it('refuses empty evidence with the field named, and answers 404 for a dispute that is not the merchant\'s', async () => {
    const empty = await shop.post('/v1/disputes/dsp_0000/evidence', { text: '  ' });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.param, 'text');
    const other = (await suite.stack.merchant()).api;
    const [mine] = (await shop.get(`/v1/disputes?payment=${p.stripe.id}`)).body.data;
    assert.equal((await other.get(`/v1/disputes/${mine.id}`)).status, 404);
    assert.equal((await other.post(`/v1/disputes/${mine.id}/evidence`, { text: 'x' })).status, 404);
  });
});

describe('a dispute that arrives before its payment settles', function () {
  this.timeout(180_000);
  const suite = stackForSuite();

  it('holds the share from available (below zero until the capture settles), and settling and losing leave every balance right', async () => {
    const { stack, sim } = suite;
    const shop = (await stack.merchant({ feeBps: 0 })).api;
    const seller = await createSeller(shop);
    const payment = await capturedPayment(shop, { amount: 10_000, currency: 'usd', psp: 'stripe', splits: [{ seller, amount: 6_000 }] });
    await sim.dispute(payment.psp_reference);
    await eventually('the dispute held', async () => (await wallet(shop, seller, 'usd')).reserved === 6_000);
    assert.deepEqual(await wallet(shop, seller, 'usd'), { pending: 6_000, available: -6_000, reserved: 6_000 });
    assert.deepEqual(await balanceMismatches(stack.db), []);

    await settle(await financeClient(stack), { date: today() });
    assert.deepEqual(await wallet(shop, seller, 'usd'), { pending: 0, available: 0, reserved: 6_000 });
    const payout = await shop.post('/v1/payouts', { seller, amount: 1, currency: 'usd' });
    assert.equal(payout.body.error?.code, 'balance_insufficient');

    await sim.disputeOutcome(payment.psp_reference, 'lost');
    await eventually('the dispute lost', async () => (await wallet(shop, seller, 'usd')).reserved === 0);
    assert.deepEqual(await wallet(shop, seller, 'usd'), { pending: 0, available: 0, reserved: 0 });
    assert.equal(await accountBalance(stack.db, 'psp:stripe:disputes', 'usd'), 0);
    assert.deepEqual(await unbalancedTransactions(stack.db), []);
    assert.deepEqual(await balanceMismatches(stack.db), []);
  });
});
