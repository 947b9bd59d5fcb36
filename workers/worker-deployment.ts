// Worker Versioning with Worker Deployments (docs/deploys.md): a worker polls as one version
// (deployment name + build id) and the server sends workflow tasks only to the deployment's
// current version. Every holdfast workflow auto-upgrades: a run in flight moves to the new
// current version at its next task and replays its history there, which `patched()` keeps
// deterministic (DESIGN.md convention 15).
import { createHash } from 'node:crypto';
import { isGrpcServiceError, type Client } from '@temporalio/client';
import type { WorkerDeploymentOptions, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Config } from '../config/config';

export interface DeploymentVersion {
  deploymentName: string;
  buildId: string;
}

/**
 * The build id a worker takes when config names none: a hash of the workflow bundle it runs.
 * Workers with the same workflow code are one version (a restart or another replica needs no
 * promotion), and a change to any workflow, or to what they import, is a new version. Not
 * the git commit: the image has no .git, and a commit that changes only activities or docs
 * would force a promotion for nothing. The bundle is deterministic (no absolute paths).
 */
export function buildIdOf(bundle: WorkflowBundleWithSourceMap): string {
  return `wf-${createHash('sha256').update(bundle.code).digest('hex').slice(0, 16)}`;
}

/** The worker's deployment options, or undefined when versioning is off (the SDK's unversioned worker). */
export function deploymentOptionsFrom(config: Config, bundle: WorkflowBundleWithSourceMap): WorkerDeploymentOptions | undefined {
  const { deployment } = config.temporal;
  if (deployment.versioning !== true) return undefined;
  return {
    useWorkerVersioning: true,
    version: { deploymentName: deployment.name, buildId: deployment.buildId ?? buildIdOf(bundle) },
    // Every workflow follows the patched() rule, so none needs pinning to the code it began on.
    defaultVersioningBehavior: 'AUTO_UPGRADE',
  };
}

export type PromoteOutcome = 'promoted' | 'already current' | 'was current before';

/**
 * Makes a version the deployment's current one. The version exists on the server only once
 * one of its workers has polled, so a version not (yet) known is asked about again until
 * `timeoutMs`. With `onlyIfNew`, a version that was ever current or ramping is left alone:
 * a worker of the old version restarted mid-rollout must not take the traffic back (that
 * would send runs past a new patch to code that does not know it); a rollback is a
 * deliberate `holdfast deploy promote`.
 */
export async function promoteVersion(
  client: Client,
  version: DeploymentVersion,
  options: { onlyIfNew?: boolean; timeoutMs?: number; identity?: string } = {},
): Promise<PromoteOutcome> {
  const service = client.workflowService;
  const namespace = client.options.namespace;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let pause = 50;
  for (;;) {
    try {
      const { workerDeploymentInfo: info } = await service.describeWorkerDeployment({ namespace, deploymentName: version.deploymentName });
      if (info?.routingConfig?.currentDeploymentVersion?.buildId === version.buildId) return 'already current';
      const summary = info?.versionSummaries?.find((v) => v.deploymentVersion?.buildId === version.buildId);
      if (!summary) throw new VersionNotYetKnown(version);
      if (options.onlyIfNew && summary.firstActivationTime) return 'was current before';
      await service.setWorkerDeploymentCurrentVersion({
        namespace,
        deploymentName: version.deploymentName,
        buildId: version.buildId,
        identity: options.identity ?? client.options.identity,
      });
      return 'promoted';
    } catch (error) {
      if (!isNotYetKnown(error) || Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 1_000);
  }
}

/** gRPC status codes (grpc-js is not a direct dependency). */
const GRPC_NOT_FOUND = 5;
const GRPC_FAILED_PRECONDITION = 9;

class VersionNotYetKnown extends Error {
  constructor(version: DeploymentVersion) {
    super(`version ${version.buildId} of deployment ${version.deploymentName} has not polled yet`);
  }
}

/**
 * The deployment or version does not exist yet (no worker of it has polled), or the new
 * version does not poll every task queue of the current one yet: both pass once pollers arrive.
 */
function isNotYetKnown(error: unknown): boolean {
  if (error instanceof VersionNotYetKnown) return true;
  return isGrpcServiceError(error) && (error.code === GRPC_NOT_FOUND || error.code === GRPC_FAILED_PRECONDITION);
}

/**
 * The config of a process that runs the service's own workers (`holdfast worker`, `holdfast
 * dev`): versioned unless TEMPORAL_WORKER_VERSIONING=false says otherwise. `holdfast dev`
 * passes `always`: its one worker is the code checked out, also when that is a version that
 * was current before (back on an older branch), which `new` would leave without tasks.
 */
export function versionedUnlessTurnedOff(config: Config, promoteOnStart: 'new' | 'always' = 'new'): Config {
  const { deployment } = config.temporal;
  return {
    ...config,
    temporal: {
      ...config.temporal,
      deployment: { ...deployment, versioning: deployment.versioning ?? true, promoteOnStart: deployment.promoteOnStart ?? promoteOnStart },
    },
  };
}
