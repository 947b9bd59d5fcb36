// The workflow code, bundled once per process and shape: bundling takes seconds, and tests
// and the benchmark start several workers. Its interceptors carry the API's request id into
// log lines always, and trace spans only when this process traces (telemetry/tracing.ts).
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { failureConverterPath } from '../keyring/temporal-data-converter';
import { workflowInterceptorModules } from '../telemetry/temporal-interceptors';

const bundles = new Map<boolean, Promise<WorkflowBundleWithSourceMap>>();

export const workflowsPath = require.resolve('../workflows/index.ts');

export function workflowBundle({ tracing = false }: { tracing?: boolean } = {}): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(tracing);
  if (!bundle) {
    bundle = bundleWorkflowCode({
      workflowsPath,
      workflowInterceptorModules: workflowInterceptorModules(tracing),
      // The sandbox turns the workflow's own errors into failures: their messages must be
      // encoded there, so the worker's payload codec seals them.
      failureConverterPath,
      logger: quietBundlerLogger,
    });
    bundles.set(tracing, bundle);
  }
  return bundle;
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
