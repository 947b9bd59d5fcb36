// A deploy that changes the payment workflow while payments are in flight (docs/deploys.md):
// version 1 of the workers runs, payments wait for their capture, version 2 (the payment
// workflow changed behind patched()) starts and is promoted, version 1 stops. Payments of
// both generations must complete, the old ones on version 2 through their recorded history.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { WorkflowExecutionDescription } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection } from '@temporalio/worker';
import { paymentWorkflowId } from '../../contracts/payment.contract';
import { failureConverterPath } from '../../keyring/temporal-data-converter';
import { workflowInterceptorModules } from '../../telemetry/temporal-interceptors';
import { startWorker } from '../../workers/start';
import { promoteVersion } from '../../workers/worker-deployment';
import { eventually } from '../support/eventually';
import type { ApiClient } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';
import { sharedTemporal, uniqueTaskQueue } from '../support/temporal';

const HOLDFAST = path.resolve(__dirname, '../../bin/holdfast.js');

describe('worker versioning: a deploy that changes the payment workflow', function () {
  this.timeout(240_000);
  // A deployment of this suite's own: promoting its versions moves no other suite's workflows.
  const deploymentName = `holdfast-versioning-${randomUUID().slice(0, 8)}`;
  let stack: TestStack;
  let api: ApiClient;

  before(async function () {
    this.timeout(300_000);
    stack = await startTestStack({
      withWorker: false,
      env: {
        TEMPORAL_WORKER_VERSIONING: 'true',
        TEMPORAL_DEPLOYMENT_NAME: deploymentName,
        TEMPORAL_BUILD_ID: 'v1',
        // Captured payments close once their refund window does: within the test.
        REFUND_WINDOW_SECONDS: '5',
      },
    });
    ({ api } = await stack.merchant());
  });
  after(() => stack?.stop());

  /** The operator's command, pointed at this suite's Temporal, task queue and deployment. */
  async function deploy(...args: string[]): Promise<{ code: number; stdout: string }> {
    const { address } = await sharedTemporal();
    const env = {
      ...process.env,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: stack.config.temporal.namespace,
      TEMPORAL_TASK_QUEUE: stack.config.temporal.taskQueue,
      TEMPORAL_DEPLOYMENT_NAME: deploymentName,
    };
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [HOLDFAST, 'deploy', ...args], { env });
      return { code: 0, stdout };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      if (typeof failed.code !== 'number' || failed.code === 2) throw error;
      return { code: failed.code, stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
    }
  }

  async function currentBuildId(): Promise<string | undefined> {
    const { workerDeploymentInfo } = await stack.client.workflowService.describeWorkerDeployment({
      namespace: stack.config.temporal.namespace,
      deploymentName,
    });
    return workerDeploymentInfo?.routingConfig?.currentDeploymentVersion?.buildId ?? undefined;
  }

  const manualPayment = async (amount: number) => {
    const created = await api.post('/v1/payments', { amount, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'manual' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.status, 'authorized');
    return created.body.id as string;
  };

  async function captureAndRefund(paymentId: string, amount: number): Promise<void> {
    const captured = await api.post(`/v1/payments/${paymentId}/capture`, {});
    assert.equal(captured.status, 200, JSON.stringify(captured.body));
    assert.equal(captured.body.amount_captured, amount);
    const refunded = await api.post(`/v1/payments/${paymentId}/refunds`, { amount });
    assert.ok(refunded.status === 200 || refunded.status === 201, JSON.stringify(refunded.body));
  }

  /** The payment's workflow once closed, with the build ids of the workers that completed its tasks. */
  async function closedRun(paymentId: string): Promise<{ description: WorkflowExecutionDescription; buildIds: Set<string> }> {
    const handle = stack.client.workflow.getHandle(paymentWorkflowId(paymentId));
    await handle.result();
    const description = await handle.describe();
    const history = await handle.fetchHistory();
    const buildIds = new Set(
      (history.events ?? []).flatMap((event) => {
        const buildId = event.workflowTaskCompletedEventAttributes?.deploymentVersion?.buildId;
        return buildId ? [buildId] : [];
      }),
    );
    return { description, buildIds };
  }

  it('payments begun on version 1 finish on version 2 through the patch; only new payments take the new path', async () => {
    // Version 1: this code, promoted by its worker as it starts (TEMPORAL_PROMOTE_ON_START).
    const v1 = await stack.startWorker();
    assert.equal(await currentBuildId(), 'v1');
    const oldPayments = [await manualPayment(1_100), await manualPayment(1_200)];

    // Version 2 starts beside it, not promoted: new payments still go to version 1.
    const v2Bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('./fixtures/payment-v2-workflows'),
      workflowInterceptorModules: workflowInterceptorModules(false),
      // As the production bundle: the workflow's own failures are sealed too.
      failureConverterPath,
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: (message) => console.error(message) },
    });
    const v2Config = {
      ...stack.config,
      temporal: {
        ...stack.config.temporal,
        deployment: { ...stack.config.temporal.deployment, buildId: 'v2', promoteOnStart: 'never' as const },
      },
    };
    const v2 = await startWorker({
      config: v2Config,
      db: stack.db,
      connection: stack.connection,
      wiring: stack.wiring,
      workflowBundle: v2Bundle,
    });
    try {
      assert.deepEqual(v2.version, { deploymentName, buildId: 'v2' });
      assert.equal(await currentBuildId(), 'v1');

      // The rollout: promote version 2, then stop version 1.
      const promoted = await deploy('promote', 'v2');
      assert.equal(promoted.code, 0, promoted.stdout);
      assert.match(promoted.stdout, /version v2: promoted/);
      assert.equal(await currentBuildId(), 'v2');
      const status = await deploy('status');
      assert.match(status.stdout, /^\s+v2\s+CURRENT\b/m, status.stdout);
      assert.match(status.stdout, /^\s+v1\s+(DRAINING|DRAINED)\b/m, status.stdout);
      // A worker of version 1 restarting now must not take the traffic back.
      assert.equal(await promoteVersion(stack.client, { deploymentName, buildId: 'v1' }, { onlyIfNew: true }), 'was current before');
      assert.equal(await currentBuildId(), 'v2');
      await v1.stop();

      // The payments begun before version 2 are what keeps its patch from being deprecated.
      const open = await deploy('open-runs', '--started-before', 'v2', '--type', 'paymentWorkflow');
      assert.equal(open.code, 1, open.stdout);
      assert.match(open.stdout, /^2 open run\(s\)/, open.stdout);
      for (const paymentId of oldPayments) assert.ok(open.stdout.includes(paymentWorkflowId(paymentId)), open.stdout);

      // Only version 2 polls now: every step below runs there.
      for (const [i, paymentId] of oldPayments.entries()) await captureAndRefund(paymentId, 1_100 + i * 100);
      const newPayment = await manualPayment(1_300);
      await captureAndRefund(newPayment, 1_300);

      for (const paymentId of [...oldPayments, newPayment]) {
        const { description, buildIds } = await closedRun(paymentId);
        assert.equal(description.status.name, 'COMPLETED', paymentId);
        assert.equal(description.raw.workflowExecutionInfo?.versioningInfo?.deploymentVersion?.buildId, 'v2', paymentId);
        const payment = await api.get(`/v1/payments/${paymentId}`);
        assert.equal(payment.body.amount_refunded, payment.body.amount_captured, JSON.stringify(payment.body));
        if (oldPayments.includes(paymentId)) {
          // Begun on version 1, finished on version 2, and never took version 2's path.
          assert.deepEqual([...buildIds].sort(), ['v1', 'v2'], paymentId);
          assert.equal(description.memo?.generation, undefined, paymentId);
        } else {
          assert.deepEqual([...buildIds], ['v2'], paymentId);
          assert.equal(description.memo?.generation, 2, paymentId);
        }
      }
      // Visibility catches up with the closes: no run begun before version 2 is open any more.
      await eventually('no open run begun before v2', async () => (await deploy('open-runs', '--started-before', 'v2')).code === 0);
    } finally {
      await v2.stop();
    }
  });

  it('a version that never polled cannot be promoted: the promotion gives up at its deadline', async () => {
    const current = await currentBuildId();
    await assert.rejects(
      promoteVersion(stack.client, { deploymentName, buildId: 'never-started' }, { timeoutMs: 500 }),
      /has not polled yet/,
    );
    assert.equal(await currentBuildId(), current);
  });

  it('replicas of a new version starting at once all come up, and the version is current', async () => {
    // A deployment and task queue of their own: this promotion moves none of the suite's payments.
    // A dotted build id, as a release number would be: the server takes it (only names refuse dots).
    const replicas = `holdfast-replicas-${randomUUID().slice(0, 8)}`;
    const config = {
      ...stack.config,
      temporal: { ...stack.config.temporal, deployment: { ...stack.config.temporal.deployment, name: replicas, buildId: 'r1.2.3' } },
    };
    const taskQueue = uniqueTaskQueue('replicas');
    // A connection each, as replicas in their own processes have: the SDK refuses two workers of
    // one version on one task queue over one connection.
    const { address } = await sharedTemporal();
    const connections = await Promise.all([1, 2, 3].map(() => NativeConnection.connect({ address })));
    const started = await Promise.allSettled(
      connections.map((connection) => startWorker({ config, db: stack.db, connection, wiring: stack.wiring, taskQueue })),
    );
    try {
      assert.deepEqual(
        started.map((s) => s.status),
        ['fulfilled', 'fulfilled', 'fulfilled'],
        JSON.stringify(started.map((s) => s.status === 'rejected' && String(s.reason))),
      );
      const { workerDeploymentInfo } = await stack.client.workflowService.describeWorkerDeployment({
        namespace: stack.config.temporal.namespace,
        deploymentName: replicas,
      });
      assert.equal(workerDeploymentInfo?.routingConfig?.currentDeploymentVersion?.buildId, 'r1.2.3');
    } finally {
      await Promise.all(started.flatMap((s) => (s.status === 'fulfilled' ? [s.value.stop()] : [])));
      await Promise.all(connections.map((connection) => connection.close()));
    }
  });

  it("a deployed worker (new) never takes back a version that was current; holdfast dev's (always) does", async () => {
    const name = `holdfast-promote-${randomUUID().slice(0, 8)}`;
    const taskQueue = uniqueTaskQueue('promote');
    const current = async () =>
      (await stack.client.workflowService.describeWorkerDeployment({ namespace: stack.config.temporal.namespace, deploymentName: name }))
        .workerDeploymentInfo?.routingConfig?.currentDeploymentVersion?.buildId;
    const run = async (buildId: string, promoteOnStart: 'new' | 'always') => {
      const config = {
        ...stack.config,
        temporal: { ...stack.config.temporal, deployment: { ...stack.config.temporal.deployment, name, buildId, promoteOnStart } },
      };
      const worker = await startWorker({ config, db: stack.db, connection: stack.connection, wiring: stack.wiring, taskQueue });
      await worker.stop();
      return current();
    };
    assert.equal(await run('a', 'new'), 'a');
    assert.equal(await run('b', 'new'), 'b');
    assert.equal(await run('a', 'new'), 'b', 'an old version restarting leaves the new one current');
    assert.equal(await run('a', 'always'), 'a', 'back on an older branch, holdfast dev runs what is checked out');
  });
});
