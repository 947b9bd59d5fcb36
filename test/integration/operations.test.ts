import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { derivePaymentId } from '../../views/ids';
import {
  awaitOutcomeUpdate,
  merchantIdAttribute,
  paymentStatusAttribute,
  paymentWorkflowId,
  pspAttribute,
} from '../../contracts/payment.contract';
import { eventually } from '../support/eventually';
import { apiClient } from '../support/http';
import { simulatorClient } from '../support/simulator-client';
import { startTestStack, type TestStack } from '../support/stack';
import { answered, refused, withId } from '../support/typed-answers';

describe('operating the service', function () {
  this.timeout(120_000);
  // Short waits, so a request held at the PSP outlasts them: the duplicate's wait (300 ms) runs
  // out long before the create's (5 s), which runs out while the PSP still holds the answer.
  const env = { IDEMPOTENCY_WAIT_MS: '300', CREATE_WAIT_MS: '5000' };
  let stack: TestStack;
  let sim: ReturnType<typeof simulatorClient>;

  before(async function () {
    this.timeout(300_000);
    stack = await startTestStack({ env, withWorker: false });
    sim = simulatorClient(stack.simUrl);
  });
  after(() => stack?.stop());

  it('is live at once, and ready only once a worker polls its task queue', async () => {
    // The probes are not part of the merchant API (nor its document), and take no key.
    const probe = apiClient(stack.apiUrl);
    assert.deepEqual((await probe.get('/healthz')).body, { status: 'ok' });
    const unready = await probe.get('/readyz');
    assert.equal(unready.status, 503);
    assert.deepEqual(unready.body.checks, { postgres: 'ok', temporal: 'ok', worker: 'none' });
    await stack.startWorker();
    const ready = await eventually('readiness', async () => {
      const answer = await probe.get('/readyz');
      return answer.status === 200 && answer;
    });
    assert.deepEqual(ready.body.checks, { postgres: 'ok', temporal: 'ok', worker: 'polling' });
  });

  it('search attributes follow the payment, so the Web UI can find it by merchant and status', async () => {
    const { client, id: merchantId } = await stack.merchant();
    const created = answered(
      await client.POST('/v1/payments', {
        body: { amount: 500, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'manual' },
      }),
      201,
    );
    const workflow = stack.client.workflow.getHandle(paymentWorkflowId(created.id));
    const attributes = async () => (await workflow.describe()).typedSearchAttributes;
    const authorized = await attributes();
    assert.equal(authorized.get(merchantIdAttribute), merchantId);
    assert.equal(authorized.get(pspAttribute), 'stripe');
    assert.equal(authorized.get(paymentStatusAttribute), 'authorized');
    answered(await client.POST('/v1/payments/{id}/capture', { ...withId(created.id), body: {} }), 200);
    assert.equal((await attributes()).get(paymentStatusAttribute), 'captured');
  });

  describe('while the PSP holds an authorization', () => {
    const heldCard = 'pm_card_mastercard';
    afterEach(() => sim.control({ action: 'release', payment_method: heldCard }));

    it('a create answers 201 processing after its bounded wait, and the payment completes later', async () => {
      const { client, id: merchantId } = await stack.merchant();
      await sim.control({ action: 'hold', payment_method: heldCard });
      const idempotencyKey = randomUUID();
      const create = () =>
        client.POST('/v1/payments', {
          params: { header: { 'Idempotency-Key': idempotencyKey } },
          body: { amount: 900, currency: 'usd', payment_method: heldCard },
        });
      const first = create();
      const paymentId = derivePaymentId(merchantId, idempotencyKey);
      await eventually('the authorization reaching the PSP', async () => (await sim.pspRequests(paymentId)).length > 0);

      const duplicate = refused(await create(), 409);
      assert.equal(duplicate.error.code, 'idempotency_key_in_use');

      const processing = answered(await first, 201);
      assert.equal(processing.status, 'processing');
      assert.equal(processing.id, paymentId);

      await sim.control({ action: 'release', payment_method: heldCard });
      const settled = await stack.client.workflow
        .getHandle(paymentWorkflowId(paymentId))
        .executeUpdate(awaitOutcomeUpdate, { updateId: 'await-outcome' });
      assert.equal(settled.status, 'captured');
      const fetched = answered(await client.GET('/v1/payments/{id}', withId(paymentId)), 200);
      assert.equal(fetched.status, 'captured');
      // The key's answer is the one it first gave: processing.
      assert.deepEqual(answered(await create(), 201), processing);
    });
  });
});
