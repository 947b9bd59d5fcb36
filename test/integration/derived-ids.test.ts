// Ids derived from an Idempotency-Key name what they act on: a key reused after its record
// expired, on another payment or for another seller, starts a movement of its own; reused
// for a different request on the same object it is refused; and a payout key whose workflow
// already ran answers as that payout ended, never 500 and never "no such payout".
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { eventually } from '../support/eventually';
import type { HoldfastClient } from '@holdfast/client';
import type { ApiClient } from '../support/http';
import { capturedPayment, createSeller, wallet } from '../support/marketplace';
import { financeClient, settle, today } from '../support/settlement';
import { stackForSuite } from '../support/stack';

describe('ids derived from an Idempotency-Key are scoped to what they act on', function () {
  this.timeout(180_000);
  const suite = stackForSuite();
  let shop: ApiClient;
  /** The same merchant's typed client, for the shared helpers. */
  let shopClient: HoldfastClient;
  let merchantId: string;

  before(async () => {
    ({ api: shop, client: shopClient, id: merchantId } = await suite.stack.merchant({ feeBps: 0 }));
  });

  /** What a day's wait does to the key's record, without the day. */
  const expireKey = (key: string) =>
    suite.stack.db.execute(
      sql`update idempotency_keys set expires_at = now() - interval '1 second' where merchant_id = ${merchantId} and key = ${key}`,
    );

  const refundSucceeded = (id: string) =>
    eventually(`refund ${id} succeeded`, async () => {
      const refund = await shop.get(`/v1/refunds/${id}`);
      return refund.body?.status === 'succeeded' && refund.body;
    });

  const ledgerKinds = async (paymentId: string) =>
    (await shop.get(`/v1/ledger/transactions?payment=${paymentId}`)).body.data.map((t: { kind: string }) => t.kind);

  it('a refund key reused on another payment after it expired makes a second refund; both refunds keep their money and rows', async () => {
    const a = await capturedPayment(shopClient, { amount: 5_000, currency: 'usd', psp: 'stripe' });
    const b = await capturedPayment(shopClient, { amount: 6_000, currency: 'usd', psp: 'stripe' });
    const key = randomUUID();
    const first = await shop.post(`/v1/payments/${a.id}/refunds`, { amount: 1_000 }, { idempotencyKey: key });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    await refundSucceeded(first.body.id);
    await expireKey(key);

    const second = await shop.post(`/v1/payments/${b.id}/refunds`, { amount: 2_000 }, { idempotencyKey: key });
    assert.equal(second.status, 201, JSON.stringify(second.body));
    assert.notEqual(second.body.id, first.body.id, 'another payment, another refund');
    assert.equal(second.body.payment, b.id);
    await refundSucceeded(second.body.id);

    const refundOfA = await shop.get(`/v1/refunds/${first.body.id}`);
    assert.deepEqual([refundOfA.body.payment, refundOfA.body.amount, refundOfA.body.status], [a.id, 1_000, 'succeeded']);
    const refundOfB = await shop.get(`/v1/refunds/${second.body.id}`);
    assert.deepEqual([refundOfB.body.payment, refundOfB.body.amount, refundOfB.body.status], [b.id, 2_000, 'succeeded']);
    assert.equal((await shop.get(`/v1/payments/${a.id}`)).body.amount_refunded, 1_000);
    assert.equal((await shop.get(`/v1/payments/${b.id}`)).body.amount_refunded, 2_000);
    const [pspA] = await suite.sim.payments(a.id);
    const [pspB] = await suite.sim.payments(b.id);
    assert.equal(pspA!.amount_refunded, 1_000);
    assert.equal(pspB!.amount_refunded, 2_000);
    assert.deepEqual(await ledgerKinds(a.id), ['authorization_hold', 'capture', 'refund']);
    assert.deepEqual(await ledgerKinds(b.id), ['authorization_hold', 'capture', 'refund']);
    assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
  });

  it('a refund key reused on the same payment after it expired: the same request gets its refund, another request 422', async () => {
    const payment = await capturedPayment(shopClient, { amount: 5_000, currency: 'usd', psp: 'stripe' });
    const key = randomUUID();
    const first = await shop.post(`/v1/payments/${payment.id}/refunds`, { amount: 700 }, { idempotencyKey: key });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    await refundSucceeded(first.body.id);
    await expireKey(key);

    const other = await shop.post(`/v1/payments/${payment.id}/refunds`, { amount: 900 }, { idempotencyKey: key });
    assert.equal(other.status, 422, JSON.stringify(other.body));
    assert.equal(other.body.error.code, 'idempotency_key_reused');
    assert.equal(other.body.error.param, 'Idempotency-Key');
    await expireKey(key);
    const same = await shop.post(`/v1/payments/${payment.id}/refunds`, { amount: 700 }, { idempotencyKey: key });
    assert.equal(same.status, 201, JSON.stringify(same.body));
    assert.equal(same.body.id, first.body.id);
    assert.equal((await shop.get(`/v1/payments/${payment.id}`)).body.amount_refunded, 700, 'refunded once');
  });

  it('a refund key whose first request was refused (and made no refund) can be used again after it expired', async () => {
    const payment = await capturedPayment(shopClient, { amount: 2_000, currency: 'usd', psp: 'stripe' });
    const key = randomUUID();
    const tooMuch = await shop.post(`/v1/payments/${payment.id}/refunds`, { amount: 9_000 }, { idempotencyKey: key });
    assert.equal(tooMuch.status, 400, JSON.stringify(tooMuch.body));
    await expireKey(key);
    const fitting = await shop.post(`/v1/payments/${payment.id}/refunds`, { amount: 500 }, { idempotencyKey: key });
    assert.equal(fitting.status, 201, JSON.stringify(fitting.body));
    await refundSucceeded(fitting.body.id);
  });

  it('a capture key reused on the same payment after it expired with another amount is refused 422', async () => {
    const created = await shop.post('/v1/payments', {
      amount: 3_000,
      currency: 'usd',
      psp: 'stripe',
      payment_method: 'pm_card_visa',
      capture_method: 'manual',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const key = randomUUID();
    const captured = await shop.post(`/v1/payments/${created.body.id}/capture`, { amount: 1_000 }, { idempotencyKey: key });
    assert.equal(captured.status, 200, JSON.stringify(captured.body));
    await expireKey(key);
    const other = await shop.post(`/v1/payments/${created.body.id}/capture`, { amount: 2_000 }, { idempotencyKey: key });
    assert.equal(other.status, 422, JSON.stringify(other.body));
    assert.equal(other.body.error.code, 'idempotency_key_reused');
  });

  describe('a payout that went out', () => {
    let seller: string;
    before(async function () {
      this.timeout(180_000);
      seller = await createSeller(shopClient);
      await capturedPayment(shopClient, { amount: 4_000, currency: 'usd', psp: 'stripe', splits: [{ seller, amount: 3_000 }] });
      await settle(await financeClient(suite.stack), { date: today() });
      assert.equal((await wallet(shopClient, seller, 'usd')).available, 3_000);
    });

    it('its key reused after it expired answers the payout (same request) or 422 (another), never 500, and pays once', async () => {
      const key = randomUUID();
      const body = { seller, amount: 1_000, currency: 'usd' };
      const first = await shop.post('/v1/payouts', body, { idempotencyKey: key });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      await eventually('the payout paid', async () => (await shop.get(`/v1/payouts/${first.body.id}`)).body.status === 'paid');
      await expireKey(key);

      const same = await shop.post('/v1/payouts', body, { idempotencyKey: key });
      assert.equal(same.status, 201, JSON.stringify(same.body));
      assert.deepEqual([same.body.id, same.body.status], [first.body.id, 'paid']);
      await expireKey(key);
      const other = await shop.post('/v1/payouts', { ...body, amount: 1_500 }, { idempotencyKey: key });
      assert.equal(other.status, 422, JSON.stringify(other.body));
      assert.equal(other.body.error.code, 'idempotency_key_reused');
      assert.deepEqual(await wallet(shopClient, seller, 'usd'), { pending: 0, available: 2_000, reserved: 0 }, 'paid out once');
      assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
    });
  });

  describe('a refused payout', () => {
    let seller: string;
    before(async () => {
      seller = await createSeller(shopClient);
    });

    it('is recorded failed with its reason, retrievable, and its key replays the refusal even after it expired', async () => {
      const key = randomUUID();
      const refused = await shop.post('/v1/payouts', { seller, amount: 500, currency: 'usd' }, { idempotencyKey: key });
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'balance_insufficient');

      const listed = await shop.get(`/v1/payouts?seller=${seller}`);
      assert.equal(listed.body.data.length, 1, JSON.stringify(listed.body));
      const payout = await shop.get(`/v1/payouts/${listed.body.data[0].id}`);
      assert.equal(payout.status, 200, JSON.stringify(payout.body));
      assert.deepEqual(
        [payout.body.status, payout.body.failure_code, payout.body.amount, payout.body.seller],
        ['failed', 'balance_insufficient', 500, seller],
      );

      const replayed = await shop.post('/v1/payouts', { seller, amount: 500, currency: 'usd' }, { idempotencyKey: key });
      assert.deepEqual([replayed.status, replayed.body], [refused.status, refused.body]);
      await expireKey(key);
      const afterExpiry = await shop.post('/v1/payouts', { seller, amount: 500, currency: 'usd' }, { idempotencyKey: key });
      assert.equal(afterExpiry.status, 400, JSON.stringify(afterExpiry.body));
      assert.equal(afterExpiry.body.error.code, 'balance_insufficient');
    });

    it('a payout key reused after it expired never answers 500: another request on it is 422', async () => {
      const key = randomUUID();
      const refused = await shop.post('/v1/payouts', { seller, amount: 800, currency: 'usd' }, { idempotencyKey: key });
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      await expireKey(key);
      const other = await shop.post('/v1/payouts', { seller, amount: 300, currency: 'usd' }, { idempotencyKey: key });
      assert.equal(other.status, 422, JSON.stringify(other.body));
      assert.equal(other.body.error.code, 'idempotency_key_reused');
      assert.equal(other.body.error.param, 'Idempotency-Key');
    });

    it('a refusal whose record is missing (made before refusals were recorded) is recorded from its finished workflow', async () => {
      const key = randomUUID();
      const refused = await shop.post('/v1/payouts', { seller, amount: 700, currency: 'usd' }, { idempotencyKey: key });
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      const [row] = (await shop.get(`/v1/payouts?seller=${seller}`)).body.data.filter((p: any) => p.amount === 700);
      await suite.stack.db.execute(sql`delete from payouts where id = ${row.id}`);
      await expireKey(key);
      const again = await shop.post('/v1/payouts', { seller, amount: 700, currency: 'usd' }, { idempotencyKey: key });
      assert.equal(again.status, 400, JSON.stringify(again.body));
      assert.equal(again.body.error.code, 'balance_insufficient');
      const payout = await shop.get(`/v1/payouts/${row.id}`);
      assert.deepEqual([payout.status, payout.body.status, payout.body.failure_code], [200, 'failed', 'balance_insufficient']);
    });

    it('a payout key reused for another seller after it expired is a payout of its own', async () => {
      const otherSeller = await createSeller(shopClient);
      const key = randomUUID();
      const first = await shop.post('/v1/payouts', { seller, amount: 600, currency: 'usd' }, { idempotencyKey: key });
      assert.equal(first.status, 400, JSON.stringify(first.body));
      await expireKey(key);
      const second = await shop.post('/v1/payouts', { seller: otherSeller, amount: 600, currency: 'usd' }, { idempotencyKey: key });
      assert.equal(second.status, 400, JSON.stringify(second.body));
      assert.equal(second.body.error.code, 'balance_insufficient');
      const [ofFirst] = (await shop.get(`/v1/payouts?seller=${seller}`)).body.data.filter((p: any) => p.amount === 600);
      const [ofSecond] = (await shop.get(`/v1/payouts?seller=${otherSeller}`)).body.data;
      assert.ok(ofFirst && ofSecond, 'each refusal is recorded for its own seller');
      assert.notEqual(ofFirst.id, ofSecond.id);
    });
  });
});
