// Stripe's currency special cases through the HTTP API on the real stack: the real Stripe SDK
// against the simulator, which refuses what Stripe refuses (ISK not in whole krónur, KWD not
// ending in 0, HUF payouts not in whole forints). holdfast counts ISO minor units; Stripe
// counts ISK in hundredths. Each amount must arrive at Stripe in Stripe's units, come back
// in holdfast's, and an amount Stripe cannot carry is refused as `amount_not_supported`
// before anything is sent.
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { eventually } from '../support/eventually';
import type { HoldfastClient } from '@holdfast/client';
import type { ApiClient } from '../support/http';
import { capturedPayment, createSeller, refunded, wallet } from '../support/marketplace';
import { accountBalance, financeClient, reconcile, settle, today } from '../support/settlement';
import { stackForSuite } from '../support/stack';
import { answered } from '../support/typed-answers';
import { simStripeSdk } from '../support/stripe-simulator';

describe("Stripe's currency special cases, end to end", function () {
  this.timeout(180_000);
  const suite = stackForSuite({ env: { PAYOUT_APPROVAL_THRESHOLD: '100000000' } });
  let shop: ApiClient;
  /** The same merchant's typed client, for the shared helpers. */
  let shopClient: HoldfastClient;
  let merchantId: string;
  let finance: HoldfastClient;
  let stripe: Stripe;

  before(async function () {
    this.timeout(180_000);
    ({ api: shop, client: shopClient, id: merchantId } = await suite.stack.merchant({ feeBps: 0 }));
    finance = await financeClient(suite.stack);
    stripe = simStripeSdk(suite.stack.sim);
  });

  /** The balance transactions Stripe booked for a PaymentIntent, as Stripe wrote them. */
  async function stripeBookings(pspReference: string): Promise<Array<{ type: string; amount: number; fee: number }>> {
    const bookings: Array<{ type: string; amount: number; fee: number }> = [];
    for await (const txn of stripe.balanceTransactions.list({ limit: 100, expand: ['data.source'] })) {
      const source = txn.source as { payment_intent?: string } | null;
      if (source?.payment_intent === pspReference) bookings.push({ type: txn.type, amount: txn.amount, fee: txn.fee });
    }
    return bookings.sort((a, b) => a.type.localeCompare(b.type));
  }

  it('ISK 1,234 authorized, 1,200 captured, 34 refunded: Stripe holds hundredths, the ledger and the merchant krónur', async () => {
    const created = await shop.post('/v1/payments', {
      amount: 1_234,
      currency: 'isk',
      psp: 'stripe',
      capture_method: 'manual',
      payment_method: 'pm_card_visa',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.status, 'authorized', JSON.stringify(created.body));
    assert.equal(created.body.amount_capturable, 1_234);

    const captured = await shop.post(`/v1/payments/${created.body.id}/capture`, { amount: 1_200 });
    assert.equal(captured.status, 200, JSON.stringify(captured.body));
    assert.deepEqual([captured.body.status, captured.body.amount_captured], ['captured', 1_200]);
    await refunded(shopClient, created.body.id, 34);

    // At Stripe, in Stripe's units.
    const intent = await stripe.paymentIntents.retrieve(created.body.psp_reference);
    assert.deepEqual([intent.amount, intent.amount_received, intent.currency], [123_400, 120_000, 'isk']);
    assert.deepEqual(
      (await stripeBookings(intent.id)).map((b) => [b.type, b.amount]),
      [
        ['charge', 120_000],
        ['refund', -3_400],
      ],
    );
    // The simulator's inspection counts ISO minor units, like holdfast.
    const [row] = await suite.sim.payments(created.body.id);
    assert.deepEqual([row!.amount, row!.amount_captured, row!.amount_refunded], [1_234, 1_200, 34]);

    // In holdfast, krónur: the payment, its ledger and the merchant's balance.
    const payment = (await shop.get(`/v1/payments/${created.body.id}`)).body;
    assert.deepEqual([payment.amount_captured, payment.amount_refunded], [1_200, 34]);
    const ledger = (await shop.get(`/v1/ledger/transactions?payment=${created.body.id}`)).body.data as Array<{
      kind: string;
      entries: Array<{ account: string; amount: number; currency: string }>;
    }>;
    const pending = `merchant:${merchantId}:pending`;
    const merchantSide = (kind: string) =>
      ledger
        .filter((t) => t.kind === kind)
        .flatMap((t) => t.entries.filter((e) => e.account === pending).map((e) => [e.amount, e.currency]));
    assert.deepEqual(merchantSide('capture'), [[-1_200, 'isk']]);
    assert.deepEqual(merchantSide('refund'), [[34, 'isk']]);
    assert.equal(await accountBalance(suite.stack.db, pending, 'isk'), -1_166);
  });

  it('KWD 10.010 is charged as 10010; KWD 1.005 is refused as amount_not_supported and never reaches Stripe', async () => {
    const charged = await shop.post('/v1/payments', { amount: 10_010, currency: 'kwd', psp: 'stripe', payment_method: 'pm_card_visa' });
    assert.equal(charged.status, 201, JSON.stringify(charged.body));
    assert.deepEqual([charged.body.status, charged.body.amount_captured], ['captured', 10_010], JSON.stringify(charged.body));
    assert.equal((await stripe.paymentIntents.retrieve(charged.body.psp_reference)).amount_received, 10_010);

    const odd = await shop.post('/v1/payments', { amount: 1_005, currency: 'kwd', psp: 'stripe', payment_method: 'pm_card_visa' });
    assert.equal(odd.body.status, 'failed', JSON.stringify(odd.body));
    assert.equal(odd.body.failure_code, 'amount_not_supported', JSON.stringify(odd.body));
    assert.deepEqual(await suite.sim.pspRequests(odd.body.id), [], 'nothing was sent to Stripe');

    // A capture Stripe could not carry is refused at once, and the authorization stays whole.
    const held = await shop.post('/v1/payments', {
      amount: 2_000,
      currency: 'kwd',
      psp: 'stripe',
      capture_method: 'manual',
      payment_method: 'pm_card_visa',
    });
    assert.equal(held.body.status, 'authorized', JSON.stringify(held.body));
    const oddCapture = await shop.post(`/v1/payments/${held.body.id}/capture`, { amount: 1_005 });
    assert.equal(oddCapture.status, 400, JSON.stringify(oddCapture.body));
    assert.equal(oddCapture.body.error.code, 'amount_not_supported');
    const stillHeld = (await shop.get(`/v1/payments/${held.body.id}`)).body;
    assert.deepEqual([stillHeld.status, stillHeld.amount_capturable], ['authorized', 2_000]);

    // A refund Stripe could not carry is refused the same way, and the payment keeps its money.
    const refund = await shop.post(`/v1/payments/${charged.body.id}/refunds`, { amount: 1_005 });
    assert.equal(refund.status, 201, JSON.stringify(refund.body));
    const settledRefund = await eventually('the odd refund to be decided', async () => {
      const found = (await shop.get(`/v1/refunds/${refund.body.id}`)).body;
      return found.status !== 'pending' && found;
    });
    assert.deepEqual([settledRefund.status, settledRefund.failure_code], ['failed', 'amount_not_supported'], JSON.stringify(settledRefund));
    await refunded(shopClient, charged.body.id, 1_010);
    assert.deepEqual(
      (await stripeBookings(charged.body.psp_reference)).map((b) => [b.type, b.amount]),
      [
        ['charge', 10_010],
        ['refund', -1_010],
      ],
    );
  });

  it('routed to Stripe then Adyen, KWD 1.005 goes to Adyen, which can carry it, and KWD 1.010 to Stripe', async () => {
    const { client } = await suite.stack.merchant({ feeBps: 0 });
    answered(
      await client.PUT('/v1/routing_rules', { body: { rules: [{ currency: 'kwd', psps: [{ psp: 'stripe' }, { psp: 'adyen' }] }] } }),
      200,
    );
    const odd = await capturedPayment(client, { amount: 1_005, currency: 'kwd' });
    assert.deepEqual([odd.psp, odd.amount_captured], ['adyen', 1_005], JSON.stringify(odd));
    assert.equal((await suite.sim.pspRequests(odd.id)).filter((r) => r.path.startsWith('/v1/')).length, 0, 'Stripe was never asked');
    const even = await capturedPayment(client, { amount: 1_010, currency: 'kwd' });
    assert.deepEqual([even.psp, even.amount_captured], ['stripe', 1_010], JSON.stringify(even));
  });

  it('a HUF payout of 123.45 is refused as amount_not_supported and its funds come back; 123.00 is paid', async () => {
    const seller = await createSeller(shopClient);
    const payment = await shop.post('/v1/payments', {
      amount: 50_000,
      currency: 'huf',
      psp: 'stripe',
      payment_method: 'pm_card_visa',
      splits: [{ seller, amount: 20_000 }],
    });
    assert.equal(payment.body.status, 'captured', JSON.stringify(payment.body));
    // Forints with fillér are fine for a charge.
    assert.equal((await stripe.paymentIntents.retrieve(payment.body.psp_reference)).amount_received, 50_000);
    await settle(finance, { date: today(), psp: 'stripe' });
    assert.equal((await wallet(shopClient, seller, 'huf')).available, 20_000);

    const payoutOf = async (amount: number, status: 'paid' | 'failed') => {
      const created = await shop.post('/v1/payouts', { seller, amount, currency: 'huf' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return eventually(`payout ${created.body.id} ${status}`, async () => {
        const payout = (await shop.get(`/v1/payouts/${created.body.id}`)).body;
        return ['paid', 'failed', 'canceled'].includes(payout.status) && payout;
      });
    };
    const refused = await payoutOf(12_345, 'failed');
    assert.deepEqual([refused.status, refused.failure_code], ['failed', 'amount_not_supported'], JSON.stringify(refused));
    assert.deepEqual(await wallet(shopClient, seller, 'huf'), { pending: 0, available: 20_000, reserved: 0 });

    const paid = await payoutOf(12_300, 'paid');
    assert.equal(paid.status, 'paid', JSON.stringify(paid));
    const atStripe = await stripe.payouts.retrieve(paid.psp_reference);
    assert.deepEqual([atStripe.amount, atStripe.currency], [12_300, 'huf']);
    assert.deepEqual(await wallet(shopClient, seller, 'huf'), { pending: 0, available: 7_700, reserved: 0 });
  });

  it("reconciling Stripe's report of the day reads every booking in holdfast's units: nothing is off", async () => {
    await settle(finance, { date: today(), psp: 'stripe' });
    const run = await reconcile(finance, { date: today(), psp: 'stripe' });
    assert.equal(run.summary.exceptions, 0, JSON.stringify(run.summary));
    assert.ok(run.summary.matched >= 5, JSON.stringify(run.summary));
    assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
  });
});
