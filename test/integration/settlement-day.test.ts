// A business day of mixed payments at both PSPs settles into balanced batches, through the
// real stack: payments over the API, settlement started with a finance key, batches sent to
// the simulator's acquirer, the ledger in Postgres, reconciliation against the simulated
// PSPs' reports. Also: a partially rejected batch resubmits only what was rejected.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { balanceMismatches } from '../../db/queries/balance-check';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { accounts, platformFee } from '../../domain/ledger';
import { settlementFee } from '../../sim/fees';
import { eventually } from '../support/eventually';
import type { Answer, HoldfastClient, RequestBody } from '@holdfast/client';
import { accountBalance, financeClient, insertException, ledgerTransactionCount, settle, today } from '../support/settlement';
import { stackForSuite } from '../support/stack';
import { answered, refused, withId } from '../support/typed-answers';

type Psp = 'stripe' | 'adyen';
type Payment = Answer<'/v1/payments', 'post', 201>;

interface ItemView {
  id: string;
  kind: 'capture' | 'refund' | 'void';
  payment: string;
  amount: number;
  currency: string;
  status: string;
  fee: number | null;
  reject_reason: string | null;
  batch: string;
  submissions: number;
}

async function pay(
  client: HoldfastClient,
  psp: Psp,
  body: Omit<RequestBody<'/v1/payments', 'post'>, 'payment_method' | 'psp'> & { payment_method?: string },
) {
  return answered(await client.POST('/v1/payments', { body: { payment_method: 'pm_card_visa', psp, ...body } }), 201);
}

const paymentOf = async (client: HoldfastClient, id: string) => answered(await client.GET('/v1/payments/{id}', withId(id)), 200);

async function refundSucceeded(client: HoldfastClient, paymentId: string, amount: number): Promise<void> {
  const refund = answered(await client.POST('/v1/payments/{id}/refunds', { ...withId(paymentId), body: { amount } }), 201);
  // Adyen confirms refunds by webhook: the day's refund is settled only once it succeeded.
  await eventually(`refund ${refund.id} succeeded`, async () => (await paymentOf(client, paymentId)).amount_refunded === amount);
}

/** kind:payment:amount of each item, sorted: what a batch holds, independent of ids. */
function shape(items: ItemView[]): string[] {
  return items.map((i) => `${i.kind}:${i.payment}:${i.amount}`).sort();
}

describe('settlement: a day of mixed payments at both PSPs', function () {
  this.timeout(180_000);
  const suite = stackForSuite();
  const FEE_BPS = 100;
  let finance: HoldfastClient;
  const p: Record<string, Payment> = {};
  let settlements: Record<Psp, any>;
  let shopId: string;

  before(async function () {
    this.timeout(180_000);
    const { stack } = suite;
    finance = await financeClient(stack);
    const merchant = await stack.merchant({ feeBps: FEE_BPS });
    shopId = merchant.id;
    const shop = merchant.client;
    // A merchant whose authorizations lapse after a second: its holds expire today.
    const lapsing = (await stack.merchant({ captureBeforeSeconds: 1 })).client;
    const modify = async (
      action: '/v1/payments/{id}/capture' | '/v1/payments/{id}/cancel',
      payment: Payment,
      body: { amount?: number } = {},
    ) => answered(await shop.POST(action, { ...withId(payment.id), body }), 200);

    p.s1 = await pay(shop, 'stripe', { amount: 10_000, currency: 'usd' });
    await refundSucceeded(shop, p.s1.id, 2_500);
    p.s2 = await pay(shop, 'stripe', { amount: 6_000, currency: 'usd', capture_method: 'manual' });
    await modify('/v1/payments/{id}/capture', p.s2, { amount: 4_000 });
    p.s3 = await pay(shop, 'stripe', { amount: 3_000, currency: 'usd', capture_method: 'manual' });
    await modify('/v1/payments/{id}/cancel', p.s3);
    p.s4 = await pay(shop, 'stripe', { amount: 900, currency: 'usd', payment_method: 'pm_card_chargeDeclined' });
    p.s5 = await pay(shop, 'stripe', { amount: 1_500, currency: 'jpy' });
    p.a1 = await pay(shop, 'adyen', { amount: 5_000, currency: 'eur' });
    await refundSucceeded(shop, p.a1.id, 1_000);
    p.a2 = await pay(shop, 'adyen', { amount: 2_000, currency: 'eur', capture_method: 'manual' });
    await modify('/v1/payments/{id}/cancel', p.a2);
    // Adyen answers the void pending; its CANCELLATION releases the hold.
    await eventually('the Adyen void confirmed', async () => (await paymentOf(shop, p.a2.id)).status === 'canceled');
    p.a3 = await pay(shop, 'adyen', { amount: 700, currency: 'eur', payment_method: 'pm_card_chargeDeclined' });
    p.e1 = await pay(lapsing, 'stripe', { amount: 7_000, currency: 'usd', capture_method: 'manual' });
    p.e2 = await pay(lapsing, 'adyen', { amount: 800, currency: 'eur', capture_method: 'manual' });
    assert.equal(p.s4.status, 'failed');
    assert.equal(p.a3.status, 'failed');
    // Settlement voids expired holds first; the holds must have expired by then. The API
    // shows capture_before in whole seconds, rounded down.
    const deadlines = [p.e1.capture_before, p.e2.capture_before].filter((deadline) => deadline !== null);
    assert.equal(deadlines.length, 2, 'authorized holds have a deadline');
    const lastDeadline = (Math.max(...deadlines) + 1) * 1000;
    await eventually('the lapsing holds to pass their deadline', async () => Date.now() > lastDeadline);

    const [stripe, adyen] = await settle(finance, { date: today() });
    settlements = { stripe, adyen };
  });

  it("settles each PSP into one batch per merchant and currency, holding exactly the day's captures, refunds and voids", async () => {
    const { stripe, adyen } = settlements;
    assert.equal(stripe.psp, 'stripe');
    assert.equal(stripe.id, `stl_${today().replaceAll('-', '')}_stripe`);
    const held = (settlement: any) =>
      settlement.batches
        .map((b: any) => `${b.currency} ${shape(settlement.items.filter((i: ItemView) => i.batch === b.id)).join(' ')}`)
        .sort();
    const expected = (batches: Array<[string, Array<[string, { id: string }, number]>]>) =>
      batches
        .map(
          ([currency, items]) =>
            `${currency} ${items
              .map(([kind, payment, amount]) => `${kind}:${payment.id}:${amount}`)
              .sort()
              .join(' ')}`,
        )
        .sort();
    assert.deepEqual(
      held(stripe),
      expected([
        [
          'usd',
          [
            ['capture', p.s1, 10_000],
            ['refund', p.s1, 2_500],
            ['capture', p.s2, 4_000],
            ['void', p.s3, 3_000],
          ],
        ],
        ['jpy', [['capture', p.s5, 1_500]]],
        ['usd', [['void', p.e1, 7_000]]],
      ]),
    );
    assert.deepEqual(
      held(adyen),
      expected([
        [
          'eur',
          [
            ['capture', p.a1, 5_000],
            ['refund', p.a1, 1_000],
            ['void', p.a2, 2_000],
          ],
        ],
        ['eur', [['void', p.e2, 800]]],
      ]),
    );
    for (const settlement of [stripe, adyen]) {
      assert.ok(
        settlement.items.every((i: ItemView) => i.status === 'accepted'),
        JSON.stringify(settlement.items),
      );
      assert.ok(settlement.batches.every((b: any) => b.status === 'accepted' && b.round === 1));
    }
  });

  it('posts the PSP fees the acquirer charged: receivable to the bank net of fees, merchant pending to available', async () => {
    const { db } = suite.stack;
    for (const psp of ['stripe', 'adyen'] as const) {
      for (const batch of settlements[psp].batches) {
        const items: ItemView[] = settlements[psp].items.filter((i: ItemView) => i.batch === batch.id);
        const fees = items.reduce((sum, i) => sum + settlementFee(psp, i.kind, i.currency, i.amount), 0);
        const gross = items.reduce((sum, i) => sum + (i.kind === 'capture' ? i.amount : i.kind === 'refund' ? -i.amount : 0), 0);
        assert.deepEqual([batch.gross, batch.fees, batch.net], [gross, fees, gross - fees], `batch ${batch.id}`);
      }
      for (const currency of new Set<string>(settlements[psp].batches.map((b: any) => b.currency))) {
        const batches = settlements[psp].batches.filter((b: any) => b.currency === currency);
        const net = batches.reduce((sum: number, b: any) => sum + b.net, 0);
        const fees = batches.reduce((sum: number, b: any) => sum + b.fees, 0);
        assert.equal(await accountBalance(db, accounts.settlementBank(psp), currency), net, `${psp} bank ${currency}`);
        assert.equal(await accountBalance(db, accounts.pspFees(psp), currency), fees, `${psp} fees ${currency}`);
        assert.equal(await accountBalance(db, accounts.pspReceivable(psp), currency), 0, `${psp} receivable ${currency}`);
      }
    }
    assert.deepEqual(await unbalancedTransactions(db), []);
    assert.deepEqual(await balanceMismatches(db), []);

    const merchant = shopId;
    const net = (amount: number) => amount - platformFee(amount, FEE_BPS);
    assert.equal(-(await accountBalance(db, accounts.merchantAvailable(merchant), 'usd')), net(10_000) - 2_500 + net(4_000));
    assert.equal(-(await accountBalance(db, accounts.merchantAvailable(merchant), 'eur')), net(5_000) - 1_000);
    assert.equal(await accountBalance(db, accounts.merchantPending(merchant), 'usd'), 0);
  });

  it("reconciles both PSPs' reports without a single exception", async () => {
    const open = answered(await finance.GET('/v1/reconciliation/exceptions', { params: { query: { status: 'open' } } }), 200);
    assert.deepEqual(open.data, []);
  });

  it('settling the same date again with nothing new settles nothing: a supplementary run of no items, no batch sent, nothing posted', async () => {
    const { db } = suite.stack;
    const postings = await ledgerTransactionCount(db);
    const batchesSent = (await suite.sim.acquirerBatches()).length;
    const again = await settle(finance, { date: today() });
    assert.deepEqual(
      again.map((s: any) => [s.id, s.status, s.items.length, s.batches.length]).sort(),
      [settlements.adyen, settlements.stripe].map((s) => [`${s.id}_r2`, 'reconciled', 0, 0]),
    );
    assert.equal(await ledgerTransactionCount(db), postings);
    assert.equal((await suite.sim.acquirerBatches()).length, batchesSent);
  });

  it('the balance check catches a settlement record that disagrees with the ledger', async () => {
    const { db } = suite.stack;
    const item = settlements.stripe.items.find((i: ItemView) => i.kind === 'capture' && i.payment === p.s2.id);
    await db.execute(sql`update settlement_items set merchant_share = merchant_share + 1 where id = ${item.id}`);
    try {
      const mismatches = await balanceMismatches(db);
      assert.equal(mismatches.length, 1);
      assert.equal(mismatches[0]!.currency, 'usd');
      assert.equal(mismatches[0]!.expected.available - mismatches[0]!.ledger.available, 1);
    } finally {
      await db.execute(sql`update settlement_items set merchant_share = merchant_share - 1 where id = ${item.id}`);
    }
  });
});

describe('settlement: a partially rejected batch', function () {
  this.timeout(180_000);
  const suite = stackForSuite({ env: { SETTLEMENT_RESUBMIT_SECONDS: '1' } });

  it("resubmits only the transiently rejected item, alone, lists the permanently rejected one as an exception, and sends it again on a person's retry", async () => {
    const { stack, client, sim } = suite;
    const finance = await financeClient(stack);
    const [ok, flaky, closed] = [
      await pay(client, 'stripe', { amount: 1_000, currency: 'usd' }),
      await pay(client, 'stripe', { amount: 2_000, currency: 'usd' }),
      await pay(client, 'stripe', { amount: 3_000, currency: 'usd' }),
    ];
    await sim.acquirerReject(flaky.psp_reference!, true, 1);
    await sim.acquirerReject(closed.psp_reference!, false);

    const [settlement] = await settle(finance, { date: today(), psp: 'stripe' });

    assert.ok(settlement);
    const rounds = settlement.batches.map((b) => [b.round, b.status, b.item_count]).sort();
    assert.deepEqual(rounds, [
      [1, 'partially_accepted', 3],
      [2, 'accepted', 1],
    ]);
    const second = settlement.batches.find((b) => b.round === 2)!;
    const detailLines = (
      await stack.db.execute<{ raw_request: string }>(sql`select raw_request from settlement_batches where id = ${second.id}`)
    ).rows[0]!.raw_request.split('\n').filter((line) => line.startsWith('D,'));
    assert.equal(detailLines.length, 1);
    assert.match(detailLines[0]!, new RegExp(`,capture,${flaky.psp_reference},2000$`));

    const status = (payment: { id: string }) => settlement.items.find((i) => i.payment === payment.id)!;
    assert.deepEqual([status(ok).status, status(ok).submissions], ['accepted', 1]);
    assert.deepEqual([status(flaky).status, status(flaky).submissions], ['accepted', 2]);
    assert.deepEqual([status(closed).status, status(closed).reject_reason], ['rejected', 'account_closed']);

    const exceptions = answered(
      await finance.GET('/v1/reconciliation/exceptions', { params: { query: { status: 'open', kind: 'settlement_item_rejected' } } }),
      200,
    );
    assert.deepEqual(
      exceptions.data.map((e) => [e.kind, e.category, e.payment]),
      [['settlement_item_rejected', 2, closed.id]],
    );
    // The merchant sees it on its own list too; a platform check about its balances it does not.
    const merchantId = (await stack.db.execute<{ merchant_id: string }>(sql`select merchant_id from payments where id = ${closed.id}`))
      .rows[0]!.merchant_id;
    await insertException(stack.db, { kind: 'balance_mismatch', category: 3, subject: `${merchantId}:usd`, merchantId });
    const merchantView = answered(await client.GET('/v1/exceptions', { params: { query: { status: 'open' } } }), 200);
    assert.deepEqual(
      merchantView.data.map((e) => [e.kind, e.payment]),
      [['settlement_item_rejected', closed.id]],
    );
    // The rejected capture is still owed by the PSP and to the merchant: nothing moved for it.
    assert.equal(await accountBalance(stack.db, accounts.pspReceivable('stripe'), 'usd'), 3_000);
    assert.deepEqual(await unbalancedTransactions(stack.db), []);
    assert.deepEqual(await balanceMismatches(stack.db), []);

    // A person sends the rejected item back (the acquirer's refusal was a one-off): a new
    // round of the finished settlement carries it alone, and its money moves.
    const resolve = (note: string) =>
      finance.POST('/v1/reconciliation/exceptions/{id}/resolve', { ...withId(exceptions.data[0]!.id), body: { action: 'retry', note } });
    const retried = answered(await resolve('the issuer reopened the account'), 200);
    assert.equal(retried.status, 'resolved');
    const after = answered(await finance.GET('/v1/settlements/{id}', withId(settlement.id)), 200);
    const third = after.batches.find((b) => b.round === 3)!;
    assert.deepEqual([third.status, third.item_count], ['accepted', 1]);
    const item = after.items.find((i) => i.payment === closed.id)!;
    assert.deepEqual([item.status, item.batch, item.submissions], ['accepted', third.id, 2]);
    assert.equal(await accountBalance(stack.db, accounts.pspReceivable('stripe'), 'usd'), 0);
    assert.deepEqual(await unbalancedTransactions(stack.db), []);
    assert.deepEqual(await balanceMismatches(stack.db), []);
    // A decided exception is not decided again.
    refused(await resolve('twice'), 409);
  });
});
