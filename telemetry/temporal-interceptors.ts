// The Temporal side of tracing and request ids, in one place for the API's client and the
// worker. Tracing's interceptors join only when tracing runs in this process (tracing.ts);
// the request id's always do: a header and a log attribute cost nothing measurable.
import { Client, type WorkflowClientInterceptor } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { ActivityInterceptorsFactory, WorkerOptions } from '@temporalio/worker';
import { requestIdActivityInterceptor } from './request-id-activity-interceptor';
import { requestIdClientInterceptor } from './request-id-client-interceptor';
import type { Tracing } from './tracing';

/** Modules the workflow bundle loads as interceptors (each exports `interceptors`). */
export function workflowInterceptorModules(tracing: boolean): string[] {
  const modules = [require.resolve('./request-id-workflow-interceptors')];
  // The SDK's (with ids that leave the workflow's random alone): a span per workflow run,
  // update and signal, and activity spans' parent context in the headers. Its spans leave the
  // sandbox through the `exporter` sink (workflowSinks).
  if (tracing) modules.push(require.resolve('./traced-workflow-interceptors'));
  return modules;
}

export function clientInterceptors(tracing: Tracing | undefined): WorkflowClientInterceptor[] {
  const interceptors: WorkflowClientInterceptor[] = [requestIdClientInterceptor];
  if (tracing) interceptors.unshift(new OpenTelemetryWorkflowClientInterceptor({ tracer: tracing.tracer }));
  return interceptors;
}

/**
 * The client the API starts workflows with: a second Client over the given one's connection
 * (a Client is a thin wrapper; the connection is what a process keeps one of) and namespace,
 * with our interceptors and the process's data converter (the keyring's codec). The given
 * client's own converter and interceptors are not kept.
 */
export function withTelemetry(client: Client, tracing: Tracing | undefined, dataConverter: DataConverter): Client {
  return new Client({
    connection: client.connection,
    namespace: client.options.namespace,
    dataConverter,
    interceptors: { workflow: clientInterceptors(tracing) },
  });
}

export function activityInterceptors(tracing: Tracing | undefined): ActivityInterceptorsFactory[] {
  const interceptors: ActivityInterceptorsFactory[] = [requestIdActivityInterceptor];
  if (tracing) {
    interceptors.unshift((ctx) => ({
      inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer: tracing.tracer }),
      outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
    }));
  }
  return interceptors;
}

/** The sink the sandbox's spans leave through, into the process's span processor. */
export function workflowSinks(tracing: Tracing | undefined): WorkerOptions['sinks'] {
  return tracing ? { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) } : {};
}
