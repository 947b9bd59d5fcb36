import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { derivePaymentId } from '../../views/ids';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { SIM_STRIPE_SECRET_KEY } from '../../sim/credentials';
import { paymentStateQuery, paymentWorkflowId } from '../../contracts/payment.contract';
import { eventually } from '../support/eventually';
import type { HoldfastClient } from '@holdfast/client';
import { simulatorClient } from '../support/simulator-client';
import { startTestStack, type TestStack } from '../support/stack';
import { sharedTemporal } from '../support/temporal';
import { answered, withId } from '../support/typed-answers';

const HOLDFAST = path.resolve(__dirname, '../../bin/holdfast.js');

describe('payments survive failures', function () {
  this.timeout(180_000);
  let stack: TestStack;
  let client: HoldfastClient;
  let merchantId: string;
  let sim: ReturnType<typeof simulatorClient>;

  before(async function () {
    this.timeout(300_000);
    stack = await startTestStack();
    ({ client, id: merchantId } = await stack.merchant());
    sim = simulatorClient(stack.simUrl);
  });
  after(() => stack?.stop());

  const kinds = async (paymentId: string) =>
    answered(await client.GET('/v1/ledger/transactions', { params: { query: { payment: paymentId } } }), 200).data.map((t) => t.kind);
  const payment = async (id: string) => answered(await client.GET('/v1/payments/{id}', withId(id)), 200);

  it('pm_sim_flaky: after two PSP 500s the payment is looked up, re-sent with its key, and captured once', async () => {
    const created = answered(
      await client.POST('/v1/payments', { body: { amount: 1234, currency: 'usd', payment_method: 'pm_sim_flaky' } }),
      201,
    );
    // A 500 may hide an authorization: the outcome is unknown until the PSP is asked.
    assert.equal(created.status_reason, 'psp_outcome_unknown', JSON.stringify(created));
    await eventually('the payment captured', async () => (await payment(created.id)).status === 'captured');
    const requests = await sim.pspRequests(created.id);
    assert.deepEqual(
      requests.filter((r) => r.path === '/v1/payment_intents').map((r) => r.status),
      [500, 500, 200],
      'the authorization was retried with the same key until it went through',
    );
    const [pspSide, ...others] = await sim.payments(created.id);
    assert.equal(others.length, 0);
    assert.equal(pspSide!.authorizations, 1);
    assert.equal(pspSide!.amount_captured, 1234);
    assert.deepEqual(await kinds(created.id), ['authorization_hold', 'capture']);
  });

  describe('a worker killed mid-payment', () => {
    // Only this test uses mastercard, so holding its responses at the simulator stops no one else.
    const heldCard = 'pm_card_mastercard';
    let child: ChildProcess | undefined;

    afterEach(async () => {
      child?.kill('SIGKILL');
      await sim.control({ action: 'release', payment_method: heldCard });
    });

    it('completes the payment exactly once after a new worker takes over', async () => {
      const temporal = await sharedTemporal();
      const { taskQueue, namespace } = stack.config.temporal;
      // The production worker process, pointed at the simulator as if it were Stripe.
      child = spawn(process.execPath, [HOLDFAST, 'worker'], {
        env: {
          ...process.env,
          DATABASE_URL: stack.databaseUrl,
          // The stack's: the data keys in its database are wrapped by it.
          HOLDFAST_MASTER_KEY: stack.config.encryption.masterKey,
          TEMPORAL_ADDRESS: temporal.address,
          TEMPORAL_NAMESPACE: namespace,
          TEMPORAL_TASK_QUEUE: taskQueue,
          // Unversioned, as the suite's in-process workers that take over from it: a queue whose
          // deployment has a current version sends no task to an unversioned worker.
          TEMPORAL_WORKER_VERSIONING: 'false',
          // Stripe scopes idempotency keys per account: the same key as the in-process worker.
          STRIPE_SECRET_KEY: SIM_STRIPE_SECRET_KEY,
          STRIPE_API_BASE: stack.sim.stripeUrl,
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      // The suite's in-process worker stops, so only the child can pick the payment up.
      await stack.stopWorkers();
      await eventually(
        'the worker process polling',
        async () => {
          const queue = await temporal.client.workflowService.describeTaskQueue({
            namespace,
            taskQueue: { name: taskQueue },
            taskQueueType: 1,
          });
          return (queue.pollers?.length ?? 0) > 0;
        },
        90_000,
      );

      await sim.control({ action: 'hold', payment_method: heldCard });
      const idempotencyKey = randomUUID();
      const paymentId = derivePaymentId(merchantId, idempotencyKey);
      const create = client.POST('/v1/payments', {
        params: { header: { 'Idempotency-Key': idempotencyKey } },
        body: { amount: 7777, currency: 'usd', payment_method: heldCard },
      });
      // The PSP has the authorization request (and commits it); its answer is held back.
      await eventually('the authorization reaching the PSP', async () => (await sim.pspRequests(paymentId)).length > 0);
      child.kill('SIGKILL');
      await exited;
      await sim.control({ action: 'release', payment_method: heldCard });

      await stack.startWorker();
      // The killed attempt's outcome is unknown: the new worker looks it up at the PSP.
      // The stack's client: the query's answer is sealed by the keyring.
      const handle = stack.client.workflow.getHandle(paymentWorkflowId(paymentId));
      const state = await eventually(
        'the payment resolved and captured',
        async () => {
          const current = await handle.query(paymentStateQuery);
          return current.status === 'captured' && current;
        },
        90_000,
      );
      assert.ok(state.history.some((e) => e.type === 'outcome_unknown'));
      answered(await create, 201);

      const [pspSide, ...others] = await sim.payments(paymentId);
      assert.equal(others.length, 0, 'one PaymentIntent at the PSP');
      assert.equal(pspSide!.authorizations, 1, 'authorized exactly once');
      assert.equal(pspSide!.amount_captured, 7777, 'captured exactly once');
      assert.deepEqual(await kinds(paymentId), ['authorization_hold', 'capture']);
      const fetched = await payment(paymentId);
      assert.equal(fetched.status, 'captured');
      assert.equal(fetched.amount_captured, 7777);
      assert.deepEqual(await unbalancedTransactions(stack.db), []);
    });
  });
});
