import assert from 'node:assert/strict';
import { bundleWorkflowCode } from '@temporalio/worker';
import { loadConfig } from '../../config/config';
import { failureConverterPath } from '../../keyring/temporal-data-converter';
import { workflowInterceptorModules } from '../../telemetry/temporal-interceptors';
import { workflowBundle, workflowsPath } from '../../workers/workflow-bundle';
import { buildIdOf, deploymentOptionsFrom, versionedUnlessTurnedOff } from '../../workers/worker-deployment';

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: (message: string) => console.error(message) };

describe('worker deployment options', function () {
  this.timeout(120_000);

  it('the default build id is the same for the same workflow code and changes with it', async () => {
    const cached = await workflowBundle();
    // Built the way workflowBundle builds, so only the workflow code differs.
    const rebuilt = await bundleWorkflowCode({
      workflowsPath,
      workflowInterceptorModules: workflowInterceptorModules(false),
      failureConverterPath,
      logger: quiet,
    });
    const changed = await bundleWorkflowCode({
      workflowsPath: require.resolve('../integration/fixtures/payment-v2-workflows'),
      workflowInterceptorModules: workflowInterceptorModules(false),
      failureConverterPath,
      logger: quiet,
    });
    assert.match(buildIdOf(cached), /^wf-[0-9a-f]{16}$/);
    assert.equal(buildIdOf(rebuilt), buildIdOf(cached));
    assert.notEqual(buildIdOf(changed), buildIdOf(cached));
  });

  it('versioning is off unless turned on, and on for the service’s own workers unless turned off', async () => {
    const bundle = await workflowBundle();
    assert.equal(deploymentOptionsFrom(loadConfig({}), bundle), undefined);
    assert.deepEqual(deploymentOptionsFrom(versionedUnlessTurnedOff(loadConfig({})), bundle), {
      useWorkerVersioning: true,
      version: { deploymentName: 'holdfast', buildId: buildIdOf(bundle) },
      defaultVersioningBehavior: 'AUTO_UPGRADE',
    });
    assert.equal(deploymentOptionsFrom(versionedUnlessTurnedOff(loadConfig({ TEMPORAL_WORKER_VERSIONING: 'false' })), bundle), undefined);
    const named = deploymentOptionsFrom(
      loadConfig({ TEMPORAL_WORKER_VERSIONING: 'true', TEMPORAL_DEPLOYMENT_NAME: 'pay', TEMPORAL_BUILD_ID: '2026-12-06' }),
      bundle,
    );
    assert.deepEqual(named?.version, { deploymentName: 'pay', buildId: '2026-12-06' });
  });

  it('a deployed worker promotes only new versions, holdfast dev always, unless config says', () => {
    assert.equal(versionedUnlessTurnedOff(loadConfig({})).temporal.deployment.promoteOnStart, 'new');
    assert.equal(versionedUnlessTurnedOff(loadConfig({}), 'always').temporal.deployment.promoteOnStart, 'always');
    assert.equal(
      versionedUnlessTurnedOff(loadConfig({ TEMPORAL_PROMOTE_ON_START: 'never' }), 'always').temporal.deployment.promoteOnStart,
      'never',
    );
  });

  it('a deployment name with a dot, which the server refuses, is refused at startup; a dotted build id is fine', () => {
    assert.throws(() => loadConfig({ TEMPORAL_DEPLOYMENT_NAME: 'hold.fast' }), /TEMPORAL_DEPLOYMENT_NAME/);
    assert.equal(loadConfig({ TEMPORAL_BUILD_ID: '1.2.3' }).temporal.deployment.buildId, '1.2.3');
    assert.throws(() => loadConfig({ TEMPORAL_BUILD_ID: 'a b' }), /TEMPORAL_BUILD_ID/);
    assert.throws(() => loadConfig({ TEMPORAL_PROMOTE_ON_START: 'yes' }), /TEMPORAL_PROMOTE_ON_START/);
  });
});
