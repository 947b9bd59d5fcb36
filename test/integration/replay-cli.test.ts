import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { Worker } from '@temporalio/worker';
import { paymentWorkflowId } from '../../contracts/payment.contract';
import { newPaymentInput } from '../support/payment-input';
import { startTestStack, type TestStack } from '../support/stack';
import { sharedTemporal, uniqueTaskQueue } from '../support/temporal';

const HOLDFAST = path.resolve(__dirname, '../../bin/holdfast.js');

describe('holdfast replay', function () {
  this.timeout(180_000);
  let stack: TestStack;
  let env: NodeJS.ProcessEnv;

  before(async function () {
    this.timeout(300_000);
    stack = await startTestStack();
    const temporal = await sharedTemporal();
    // The database and master key the payments' payloads were sealed with: replay decodes them.
    env = {
      ...process.env,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      DATABASE_URL: stack.databaseUrl,
      HOLDFAST_MASTER_KEY: stack.config.encryption.masterKey,
    };
  });
  after(() => stack?.stop());

  /** Runs the CLI and returns its exit code and output, whether or not it failed. */
  async function replay(workflowId: string): Promise<{ code: number; stdout: string }> {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [HOLDFAST, 'replay', workflowId], { env });
      return { code: 0, stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string };
      return { code: failed.code, stdout: failed.stdout };
    }
  }

  it('replays a real payment from the server against the current code', async () => {
    const { api } = await stack.merchant();
    const created = await api.post('/v1/payments', { amount: 300, currency: 'usd', payment_method: 'pm_card_visa' });
    const result = await replay(paymentWorkflowId(created.body.id));
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /^OK payment-pay_\w+ \(\d+ events replayed\)/);
  });

  it('exits non-zero on a history the current code would not reproduce', async () => {
    const temporal = await sharedTemporal();
    const taskQueue = uniqueTaskQueue('diverged');
    const worker = await Worker.create({
      connection: temporal.connection,
      namespace: temporal.namespace,
      taskQueue,
      workflowsPath: require.resolve('./fixtures/diverged-payment.workflow'),
    });
    const input = newPaymentInput({ paymentId: `pay_diverged${randomUUID().replace(/-/g, '').slice(0, 12)}` });
    await worker.runUntil(
      temporal.client.workflow.execute('paymentWorkflow', { taskQueue, workflowId: paymentWorkflowId(input.paymentId), args: [input] }),
    );
    const result = await replay(paymentWorkflowId(input.paymentId));
    assert.equal(result.code, 1, result.stdout);
    assert.match(result.stdout, /^FAILED payment-pay_diverged\w+: .*(Nondetermin|Determinism)/i);
  });
});
