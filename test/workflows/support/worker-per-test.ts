// The worker every workflow harness runs a test with: the bundled workflow code on a task
// queue of its own (so no other test's worker takes its tasks), against the time-skipping
// test server, ending what the test left running before the worker stops.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../../workers/workflow-bundle';
import { timeSkippingEnv, uniqueTaskQueue } from '../../support/temporal';
import { endLeftovers } from './leftovers';

export interface TestWorker {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  /** Hands back `handle`, noted to be ended after the test if it is still running then. */
  track<H extends WorkflowHandle>(handle: H): H;
}

/** Starts the time-skipping server and bundles the workflow code, once per process. */
export async function prepareHarness(): Promise<void> {
  await Promise.all([timeSkippingEnv(), workflowBundle()]);
}

/** Runs `body` with a worker on a task queue named after `queuePrefix`, serving `activities`. */
export async function withTestWorker<T>(queuePrefix: string, activities: object, body: (worker: TestWorker) => Promise<T>): Promise<T> {
  const env = await timeSkippingEnv();
  const taskQueue = uniqueTaskQueue(queuePrefix);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
  });
  const tracked: WorkflowHandle[] = [];
  const track = <H extends WorkflowHandle>(handle: H): H => {
    tracked.push(handle);
    return handle;
  };
  return worker.runUntil(async () => {
    try {
      return await body({ env, taskQueue, track });
    } finally {
      await endLeftovers(tracked);
    }
  });
}
