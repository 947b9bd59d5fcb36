// OpenTelemetry tracing for the API and the worker, one tracer provider per process (the
// OpenTelemetry API is process-global, like Temporal's Runtime). It starts only when there is
// somewhere to send spans — OTEL_EXPORTER_OTLP_ENDPOINT, or a test's in-memory processor — so
// a process without an exporter runs no SDK: the API's global tracer stays the no-op one, and
// the worker bundles no tracing interceptors.
import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Config } from '../config/config';
import { maskCardNumbers } from '../domain/card-number';

export interface Tracing {
  resource: Resource;
  /** Where finished spans go; the worker hands it to the workflow sandbox's span sink too. */
  spanProcessor: SpanProcessor;
  tracer: Tracer;
  /** Flushes what is buffered and stops tracing in this process. */
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

/** The process's tracing, if started. */
export function currentTracing(): Tracing | undefined {
  return active;
}

/**
 * Starts tracing once per process when config names an OTLP endpoint; later calls (the API
 * and the worker in one `holdfast dev` process) share it. Without an endpoint, nothing starts.
 */
export function ensureTracing(config: Config): Tracing | undefined {
  if (active || !config.tracing.otlpEndpoint) return active;
  // The OTLP/HTTP convention: a base endpoint gets the signal's path appended.
  const url = `${config.tracing.otlpEndpoint.replace(/\/$/, '')}/v1/traces`;
  return startTracing({
    serviceName: config.tracing.serviceName,
    spanProcessor: new BatchSpanProcessor(new OTLPTraceExporter({ url })),
    sampleRatio: config.tracing.sampleRatio,
  });
}

/** Starts tracing with the given processor (tests pass an in-memory one). */
export function startTracing({
  serviceName,
  spanProcessor,
  sampleRatio = 1,
}: {
  serviceName: string;
  spanProcessor: SpanProcessor;
  /** Share of traces kept, decided at the trace's root; a span with a parent follows the parent's decision. */
  sampleRatio?: number;
}): Tracing {
  if (active) throw new Error('tracing is already started in this process');
  const resource = new Resource({ [ATTR_SERVICE_NAME]: serviceName });
  const sampler = new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(sampleRatio) });
  const provider = new NodeTracerProvider({ resource, sampler, spanProcessors: [spanProcessor] });
  // Global: the HTTP and pg instrumentations find the provider and the async context there.
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Probes and scrapes would be most of the traces and say nothing.
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => /^\/(healthz|readyz|metrics)\b/.test(req.url ?? ''),
        startIncomingSpanHook: urlWithoutQuery,
      }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  // The hooks patch a module when it is next required. pg and http were loaded with the
  // process's first modules, before config said to trace: requiring them again patches their
  // shared prototypes (Client#query, Server#emit) and module functions in place.
  for (const name of ['pg', 'http', 'https']) require(name);
  const tracing: Tracing = {
    resource,
    spanProcessor,
    tracer: provider.getTracer('holdfast'),
    async shutdown() {
      unregister();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      active = undefined;
    },
  };
  active = tracing;
  return tracing;
}

/**
 * The request's URL as its span records it: the path alone. A query carries what a list is
 * filtered by (a customer's email, metadata values: sealed at rest, so not to be sent in clear
 * to a trace collector), and a card number in the path is masked, as in the logs.
 */
function urlWithoutQuery(request: IncomingMessage): Record<string, string> {
  const path = maskCardNumbers((request.url ?? '/').split('?')[0]!) || '/';
  const scheme = (request.socket as TLSSocket).encrypted ? 'https' : 'http';
  return { 'http.target': path, 'http.url': `${scheme}://${request.headers.host ?? 'localhost'}${path}` };
}
