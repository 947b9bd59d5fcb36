// Disputes through the real stack: the simulated PSP opens a dispute on a settled split
// payment and sends its webhooks; holdfast's dispute workflow holds the disputed shares in
// reserve, takes the merchant's evidence to the PSP, and releases (won, at Stripe) or gives
// up (lost, at Adyen) the reserve when the PSP closes it. The ledger stays balanced and every
// balance agrees with it.
import assert from 'node:assert/strict';
import { balanceMismatches } from '../../db/queries/balance-check';
import { unbalancedTransactions } from '../../db/queries/ledger';
import type { Answer, HoldfastClient } from '@holdfast/client';
import { eventually } from '../support/eventually';
import type { ApiClient } from '../support/http';
import { capturedPayment, createSeller, wallet } from '../support/marketplace';
import { accountBalance, financeClient, settle, today } from '../support/settlement';
import { stackForSuite } from '../support/stack';
import { answered, refused, withId } from '../support/typed-answers';

type Dispute = Answer<'/v1/disputes/{id}', 'get'>;
type Payment = Answer<'/v1/payments/{id}', 'get'>;

describe('disputes of settled split payments', function () {
  this.timeout(180_000);
  const suite = stackForSuite();
  let shop: HoldfastClient;
  /** The same merchant's raw client, for evidence the API must refuse. */
  let shopRaw: ApiClient;
  let merchantId: string;
  let sellerA: string;
  let sellerB: string;
  const p: Record<'stripe' | 'adyen', Payment> = {} as never;

  before(async function () {
    this.timeout(180_000);
    const merchant = await suite.stack.merchant({ feeBps: 0 });
    ({ client: shop, api: shopRaw } = merchant);
    merchantId = merchant.id;
    sellerA = await createSeller(shop);
    sellerB = await createSeller(shop);
    p.stripe = await capturedPayment(shop, {
      amount: 10_000,
      currency: 'usd',
      psp: 'stripe',
      splits: [{ seller: sellerA, amount: 6_000 }],
    });
    p.adyen = await capturedPayment(shop, { amount: 5_000, currency: 'eur', psp: 'adyen', splits: [{ seller: sellerB, amount: 3_000 }] });
    await settle(await financeClient(suite.stack), { date: today() });
    assert.deepEqual(await wallet(shop, sellerA, 'usd'), { pending: 0, available: 6_000, reserved: 0 });
  });

  const disputesOf = async (payment: string) => answered(await shop.GET('/v1/disputes', { params: { query: { payment } } }), 200).data;
  const submitEvidence = (id: string, text: string) => shop.POST('/v1/disputes/{id}/evidence', { ...withId(id), body: { text } });

  async function disputeOf(paymentId: string, status: Dispute['status']): Promise<Dispute> {
    return eventually(`the dispute of ${paymentId} to be ${status}`, async () => {
      const list = await disputesOf(paymentId);
      return list.length === 1 && list[0]!.status === status && list[0]!;
    });
  }

  it("won at Stripe: the seller's share is held from payouts, evidence reaches the PSP, and winning releases it", async () => {
    const { stack, sim } = suite;
    await sim.dispute(p.stripe.psp_reference!);
    const dispute = await disputeOf(p.stripe.id, 'needs_response');
    assert.equal(dispute.amount, 10_000);
    assert.deepEqual(dispute.shares, [
      { seller: null, amount: 4_000 },
      { seller: sellerA, amount: 6_000 },
    ]);
    assert.ok(dispute.evidence_details.due_by > Date.now() / 1000);
    assert.deepEqual(await wallet(shop, sellerA, 'usd'), { pending: 0, available: 0, reserved: 6_000 });
    const balance = answered(await shop.GET('/v1/balance'), 200);
    const reserved = balance.reserved.find((r) => r.currency === 'usd');
    assert.equal(reserved?.amount, 4_000, "the merchant's share held");
    assert.equal(await accountBalance(stack.db, 'psp:stripe:disputes', 'usd'), 10_000);
    const refund = refused(await shop.POST('/v1/payments/{id}/refunds', { ...withId(p.stripe.id), body: { amount: 100 } }), 400);
    assert.equal(refund.error.code, 'charge_disputed', 'a disputed payment cannot be refunded as well');
    const payout = refused(await shop.POST('/v1/payouts', { body: { seller: sellerA, amount: 1, currency: 'usd' } }), 400);
    assert.equal(payout.error.code, 'balance_insufficient', "payouts hold a disputed seller's share");
    const created = await eventually('dispute.created', async () => {
      const events = answered(await shop.GET('/v1/events', { params: { query: { type: 'dispute.created' } } }), 200);
      return events.data.find((e) => e.data.object.id === dispute.id);
    });
    const object = created.data.object;
    assert.ok(object.object === 'dispute', JSON.stringify(object));
    assert.equal(object.payment, p.stripe.id);

    const evidence = answered(await submitEvidence(dispute.id, 'Delivered on 2026-11-02, signed for by the cardholder.'), 200);
    assert.equal(evidence.status, 'under_review');
    assert.ok((await sim.disputes()).find((d) => d.dispute_reference === dispute.psp_reference)?.evidence_submitted);
    const again = refused(await submitEvidence(dispute.id, 'More.'), 400);
    assert.equal(again.error.code, 'dispute_evidence_already_submitted');

    await sim.disputeOutcome(p.stripe.psp_reference!, 'won');
    await disputeOf(p.stripe.id, 'won');
    assert.deepEqual(await wallet(shop, sellerA, 'usd'), { pending: 0, available: 6_000, reserved: 0 });
    assert.equal(await accountBalance(stack.db, 'psp:stripe:disputes', 'usd'), 0);
    assert.equal(await accountBalance(stack.db, `merchant:${merchantId}:dispute_reserve`, 'usd'), 0);
    assert.deepEqual(await unbalancedTransactions(stack.db), []);
    assert.deepEqual(await balanceMismatches(stack.db), []);
    // Once the dispute is closed the payment can be refunded again.
    answered(await shop.POST('/v1/payments/{id}/refunds', { ...withId(p.stripe.id), body: { amount: 100 } }), 201);
  });

  it('lost at Adyen: each share of a partial dispute is given up, and nothing else moves', async () => {
    const { stack, sim } = suite;
    const merchantAvailableBefore = -(await accountBalance(stack.db, `merchant:${merchantId}:available`, 'eur'));
    await sim.dispute(p.adyen.psp_reference!, { amount: 2_000 });
    const dispute = await disputeOf(p.adyen.id, 'needs_response');
    // 2000 × 3000/5000 = 1200 for the seller; the merchant bears the other 800.
    assert.deepEqual(dispute.shares, [
      { seller: null, amount: 800 },
      { seller: sellerB, amount: 1_200 },
    ]);
    assert.deepEqual(await wallet(shop, sellerB, 'eur'), { pending: 0, available: 1_800, reserved: 1_200 });

    await sim.disputeOutcome(p.adyen.psp_reference!, 'lost');
    const lost = await disputeOf(p.adyen.id, 'lost');
    assert.ok(lost.closed);
    assert.deepEqual(await wallet(shop, sellerB, 'eur'), { pending: 0, available: 1_800, reserved: 0 });
    assert.equal(-(await accountBalance(stack.db, `merchant:${merchantId}:available`, 'eur')), merchantAvailableBefore - 800);
    assert.equal(await accountBalance(stack.db, `merchant:${merchantId}:dispute_reserve`, 'eur'), 0);
    assert.equal(await accountBalance(stack.db, 'psp:adyen:disputes', 'eur'), 0);
    assert.deepEqual(await unbalancedTransactions(stack.db), []);
    assert.deepEqual(await balanceMismatches(stack.db), []);
    const closed = refused(await submitEvidence(dispute.id, 'Too late.'), 400);
    assert.equal(closed.error.code, 'dispute_closed');
  });

  it("refuses empty evidence with the field named, and answers 404 for a dispute that is not the merchant's", async () => {
    const empty = await shopRaw.post('/v1/disputes/dsp_0000/evidence', { text: '  ' });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.param, 'text');
    const other = (await suite.stack.merchant()).client;
    const [mine] = await disputesOf(p.stripe.id);
    refused(await other.GET('/v1/disputes/{id}', withId(mine!.id)), 404);
    refused(await other.POST('/v1/disputes/{id}/evidence', { ...withId(mine!.id), body: { text: 'x' } }), 404);
  });
});

describe('a dispute that arrives before its payment settles', function () {
  this.timeout(180_000);
  const suite = stackForSuite();

  it('holds the share from available (below zero until the capture settles), and settling and losing leave every balance right', async () => {
    const { stack, sim } = suite;
    const shop = (await stack.merchant({ feeBps: 0 })).client;
    const seller = await createSeller(shop);
    const payment = await capturedPayment(shop, { amount: 10_000, currency: 'usd', psp: 'stripe', splits: [{ seller, amount: 6_000 }] });
    await sim.dispute(payment.psp_reference!);
    await eventually('the dispute held', async () => (await wallet(shop, seller, 'usd')).reserved === 6_000);
    assert.deepEqual(await wallet(shop, seller, 'usd'), { pending: 6_000, available: -6_000, reserved: 6_000 });
    assert.deepEqual(await balanceMismatches(stack.db), []);

    await settle(await financeClient(stack), { date: today() });
    assert.deepEqual(await wallet(shop, seller, 'usd'), { pending: 0, available: 0, reserved: 6_000 });
    const payout = refused(await shop.POST('/v1/payouts', { body: { seller, amount: 1, currency: 'usd' } }), 400);
    assert.equal(payout.error.code, 'balance_insufficient');

    await sim.disputeOutcome(payment.psp_reference!, 'lost');
    await eventually('the dispute lost', async () => (await wallet(shop, seller, 'usd')).reserved === 0);
    assert.deepEqual(await wallet(shop, seller, 'usd'), { pending: 0, available: 0, reserved: 0 });
    assert.equal(await accountBalance(stack.db, 'psp:stripe:disputes', 'usd'), 0);
    assert.deepEqual(await unbalancedTransactions(stack.db), []);
    assert.deepEqual(await balanceMismatches(stack.db), []);
  });
});
