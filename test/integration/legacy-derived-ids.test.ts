// An upgrade never moves money twice: a refund or payout request the release before was
// running when it was stopped (ids derived from merchant + key alone) left its key claimed
// and its movement under the old id. Retried after the upgrade with the same key, it takes
// the stale claim over and answers that movement — never a second one under the new id.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { derivePayoutId, deriveRefundId } from '../../views/ids';
import { legacyPaymentRequestId, legacyPayoutId, legacyRefundId } from '../../api/legacy-derived-ids';
import { createPayout } from '../../api/payout-commands';
import { claimIdempotencyKey } from '../../db/queries/idempotency';
import { findSeller } from '../../db/queries/sellers';
import { captureUpdate, paymentWorkflowId, refundUpdate } from '../../contracts/payment.contract';
import { eventually } from '../support/eventually';
import type { HoldfastClient } from '@holdfast/client';
import type { ApiClient } from '../support/http';
import { capturedPayment, createSeller, wallet } from '../support/marketplace';
import { financeClient, settle, today } from '../support/settlement';
import { stackForSuite } from '../support/stack';

const CLAIM_TIMEOUT_SECONDS = 1;

describe('a request in flight across the upgrade that scoped derived ids', function () {
  this.timeout(180_000);
  const suite = stackForSuite({ env: { IDEMPOTENCY_CLAIM_TIMEOUT_SECONDS: String(CLAIM_TIMEOUT_SECONDS) } });
  let shop: ApiClient;
  /** The same merchant's typed client, for the shared helpers. */
  let shopClient: HoldfastClient;
  let merchantId: string;

  before(async () => {
    ({ api: shop, client: shopClient, id: merchantId } = await suite.stack.merchant({ feeBps: 0 }));
  });

  /**
   * The claim the old release's request held when its process was stopped: the same request
   * (method, path, body — fingerprinted as idempotent-post does), last refreshed long ago.
   */
  async function staleClaim(key: string, path: string, body: Record<string, unknown>): Promise<void> {
    const sorted = Object.fromEntries(
      Object.keys(body)
        .sort()
        .map((k) => [k, body[k]]),
    );
    const requestHash = createHash('sha256')
      .update(`POST ${path}\n${JSON.stringify(sorted)}`)
      .digest('hex');
    const claim = { merchantId, key, method: 'POST', path, requestHash, ttlSeconds: 24 * 3600 };
    assert.equal(await claimIdempotencyKey(suite.stack.db, claim), null);
    await suite.stack.db.execute(
      sql`update idempotency_keys set locked_at = now() - interval '1 hour' where merchant_id = ${merchantId} and key = ${key}`,
    );
  }

  it('a refund the old release started is answered on retry, and refunded once', async () => {
    const payment = await capturedPayment(shopClient, { amount: 5_000, currency: 'usd', psp: 'stripe' });
    const key = randomUUID();
    const body = { amount: 1_000 };
    await staleClaim(key, `/v1/payments/${payment.id}/refunds`, body);
    // What the old release sent before it died: the refund under its merchant + key id.
    const legacyId = legacyRefundId(merchantId, key);
    await suite.stack.client.workflow
      .getHandle(paymentWorkflowId(payment.id))
      .executeUpdate(refundUpdate, { updateId: `refund-${legacyId}`, args: [{ refundId: legacyId, amount: 1_000 }] });

    const retried = await shop.post(`/v1/payments/${payment.id}/refunds`, body, { idempotencyKey: key });
    assert.equal(retried.status, 201, JSON.stringify(retried.body));
    assert.deepEqual([retried.body.id, retried.body.payment, retried.body.amount], [legacyId, payment.id, 1_000]);
    assert.notEqual(legacyId, deriveRefundId(merchantId, payment.id, key));

    await eventually('the refund succeeded', async () => (await shop.get(`/v1/refunds/${legacyId}`)).body?.status === 'succeeded');
    assert.equal((await shop.get(`/v1/payments/${payment.id}`)).body.amount_refunded, 1_000, 'refunded once');
    const [atPsp] = await suite.sim.payments(payment.id);
    assert.equal(atPsp!.amount_refunded, 1_000, 'the PSP refunded once');
    const newId = deriveRefundId(merchantId, payment.id, key);
    assert.equal((await shop.get(`/v1/refunds/${newId}`)).status, 404, 'no refund under the new id');
  });

  it('a refund key whose old-release refund belongs to another payment is refused 422 on retry', async () => {
    const a = await capturedPayment(shopClient, { amount: 3_000, currency: 'usd', psp: 'stripe' });
    const b = await capturedPayment(shopClient, { amount: 3_000, currency: 'usd', psp: 'stripe' });
    const key = randomUUID();
    const legacyId = legacyRefundId(merchantId, key);
    await suite.stack.client.workflow
      .getHandle(paymentWorkflowId(a.id))
      .executeUpdate(refundUpdate, { updateId: `refund-${legacyId}`, args: [{ refundId: legacyId, amount: 500 }] });
    await eventually('the old refund is recorded', async () => (await shop.get(`/v1/refunds/${legacyId}`)).status === 200);
    await staleClaim(key, `/v1/payments/${b.id}/refunds`, { amount: 500 });

    const retried = await shop.post(`/v1/payments/${b.id}/refunds`, { amount: 500 }, { idempotencyKey: key });
    assert.equal(retried.status, 422, JSON.stringify(retried.body));
    assert.equal(retried.body.error.code, 'idempotency_key_reused');
    assert.equal((await shop.get(`/v1/payments/${b.id}`)).body.amount_refunded, 0);
  });

  it('a capture the old release sent under its Update id is answered on retry, not refused as already captured', async () => {
    const created = await shop.post('/v1/payments', {
      amount: 2_500,
      currency: 'usd',
      psp: 'stripe',
      payment_method: 'pm_card_visa',
      capture_method: 'manual',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const key = randomUUID();
    await staleClaim(key, `/v1/payments/${created.body.id}/capture`, {});
    await suite.stack.client.workflow
      .getHandle(paymentWorkflowId(created.body.id))
      .executeUpdate(captureUpdate, { updateId: `capture-${legacyPaymentRequestId(merchantId, key)}`, args: [{ amount: undefined }] });

    const retried = await shop.post(`/v1/payments/${created.body.id}/capture`, {}, { idempotencyKey: key });
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    assert.deepEqual([retried.body.id, retried.body.status, retried.body.amount_captured], [created.body.id, 'captured', 2_500]);
    const captures = (await suite.sim.requests(created.body.id)).filter((r) => r.path.includes('capture'));
    assert.equal(captures.length, 1, JSON.stringify(captures));
  });

  describe('a payout', () => {
    let seller: string;
    before(async function () {
      this.timeout(180_000);
      seller = await createSeller(shopClient);
      await capturedPayment(shopClient, { amount: 4_000, currency: 'usd', psp: 'stripe', splits: [{ seller, amount: 3_000 }] });
      await settle(await financeClient(suite.stack), { date: today() });
      assert.equal((await wallet(shopClient, seller, 'usd')).available, 3_000);
    });

    it('the old release started is answered on retry and paid once', async () => {
      const key = randomUUID();
      const body = { seller, amount: 1_000, currency: 'usd' };
      await staleClaim(key, '/v1/payouts', body);
      // What the old release started before it died: the payout workflow under its id.
      const legacyId = legacyPayoutId(merchantId, key);
      const { config, client, db } = suite.stack;
      const sellerRow = (await findSeller(db, merchantId, seller))!;
      await createPayout(client, db, config, {
        payoutId: legacyId,
        merchantId,
        sellerId: seller,
        amount: 1_000,
        currency: 'usd',
        psp: sellerRow.payoutPsp,
        method: 'manual',
        approvalThreshold: config.payouts.approvalThreshold,
        createdAt: new Date().toISOString(),
      });

      const retried = await shop.post('/v1/payouts', body, { idempotencyKey: key });
      assert.equal(retried.status, 201, JSON.stringify(retried.body));
      assert.equal(retried.body.id, legacyId);
      await eventually('the payout paid', async () => (await shop.get(`/v1/payouts/${legacyId}`)).body?.status === 'paid');

      const newId = derivePayoutId(merchantId, seller, key);
      assert.equal((await shop.get(`/v1/payouts/${newId}`)).status, 404, 'no payout under the new id');
      assert.deepEqual(await suite.sim.requests(newId), [], 'the PSP never saw a second payout');
      assert.equal((await shop.get(`/v1/payouts?seller=${seller}`)).body.data.length, 1);
      assert.deepEqual(await wallet(shopClient, seller, 'usd'), { pending: 0, available: 2_000, reserved: 0 }, 'paid out once');
    });

    it('the old release refused, leaving only its workflow (it recorded no refusals), is answered from that workflow', async () => {
      const broke = await createSeller(shopClient);
      const key = randomUUID();
      const body = { seller: broke, amount: 900, currency: 'usd' };
      await staleClaim(key, '/v1/payouts', body);
      const legacyId = legacyPayoutId(merchantId, key);
      const { config, client, db } = suite.stack;
      const sellerRow = (await findSeller(db, merchantId, broke))!;
      await assert.rejects(
        createPayout(client, db, config, {
          payoutId: legacyId,
          merchantId,
          sellerId: broke,
          amount: 900,
          currency: 'usd',
          psp: sellerRow.payoutPsp,
          method: 'manual',
          approvalThreshold: config.payouts.approvalThreshold,
          createdAt: new Date().toISOString(),
        }),
        /balance/,
      );
      // The old release recorded no refusal: its finished workflow is all there is.
      await db.execute(sql`delete from payouts where id = ${legacyId}`);

      const retried = await shop.post('/v1/payouts', body, { idempotencyKey: key });
      assert.equal(retried.status, 400, JSON.stringify(retried.body));
      assert.equal(retried.body.error.code, 'balance_insufficient');
      const listed = (await shop.get(`/v1/payouts?seller=${broke}`)).body.data;
      assert.deepEqual(
        listed.map((p: { id: string; status: string }) => [p.id, p.status]),
        [[legacyId, 'failed']],
        'one payout, the old one, recorded from its workflow',
      );
    });

    it('the old release started for another amount is refused 422 on retry', async () => {
      const key = randomUUID();
      const legacyId = legacyPayoutId(merchantId, key);
      const { config, client, db } = suite.stack;
      const sellerRow = (await findSeller(db, merchantId, seller))!;
      await createPayout(client, db, config, {
        payoutId: legacyId,
        merchantId,
        sellerId: seller,
        amount: 300,
        currency: 'usd',
        psp: sellerRow.payoutPsp,
        method: 'manual',
        approvalThreshold: config.payouts.approvalThreshold,
        createdAt: new Date().toISOString(),
      });
      const body = { seller, amount: 400, currency: 'usd' };
      await staleClaim(key, '/v1/payouts', body);
      const retried = await shop.post('/v1/payouts', body, { idempotencyKey: key });
      assert.equal(retried.status, 422, JSON.stringify(retried.body));
      assert.equal(retried.body.error.code, 'idempotency_key_reused');
    });
  });
});
