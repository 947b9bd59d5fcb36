import { Worker } from '@temporalio/worker';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { timeSkippingEnv, uniqueTaskQueue } from '../support/temporal';
import { sleepForAWeekWorkflow } from './fixtures/sleepy.workflow';

describe('time-skipping test server', () => {
  it('completes a workflow that sleeps 7 days within seconds', async () => {
    const env = await timeSkippingEnv();
    const taskQueue = uniqueTaskQueue('time-skipping-smoke');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowsPath: require.resolve('./fixtures/sleepy.workflow'),
    });

    const startedAt = Date.now();
    const result = await worker.runUntil(env.client.workflow.execute(sleepForAWeekWorkflow, { taskQueue, workflowId: randomUUID() }));

    assert.equal(result, 'woke up');
    assert.ok(Date.now() - startedAt < 30_000, 'a week of workflow time took more than 30 s of real time');
  });
});
