// The SDK's OpenTelemetry workflow interceptors (bundled into the workflow sandbox) with one
// change: span and trace ids come from a stream of their own per workflow run, not from the
// sandbox's Math.random. The SDK's tracer draws them from Math.random, which is the seeded
// random uuid4() draws from too, so with tracing on a workflow's uuid4() ids (settlement's
// reconciliation child ids) changed, and a history recorded with tracing off failed to
// replay with it on, and back (test/replay/traced-workflow-bundle.test.ts). Ids from a stream
// seeded by the run id stay deterministic, so a replay after eviction re-creates a span
// under the id its activities already name as parent.
// First: it gives the sandbox the browser globals (performance) OpenTelemetry's modules need.
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import { BasicTracerProvider, SimpleSpanProcessor, type IdGenerator } from '@opentelemetry/sdk-trace-base';
import { SpanExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/span-exporter';
import { workflowInfo, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

/** Per run: the state of its id stream. Module state is shared by the runs of a reused sandbox. */
const streams = new Map<string, number>();

/** FNV-1a of the run id: the stream's seed. */
function seedOf(runId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < runId.length; i++) hash = Math.imul(hash ^ runId.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** The run's next 32 random bits (mulberry32). */
function next32(): number {
  const { runId } = workflowInfo();
  const state = ((streams.get(runId) ?? seedOf(runId)) + 0x6d2b79f5) >>> 0;
  streams.set(runId, state);
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

function hex(words: number): string {
  let out = '';
  for (let i = 0; i < words; i++) out += next32().toString(16).padStart(8, '0');
  return out;
}

const runScopedIds: IdGenerator = { generateTraceId: () => hex(4), generateSpanId: () => hex(2) };

let tracer: ReturnType<BasicTracerProvider['getTracer']> | undefined;
/** Not registered: the SDK's interceptors register the sandbox's context manager themselves. */
function runScopedTracer() {
  tracer ??= new BasicTracerProvider({
    idGenerator: runScopedIds,
    spanProcessors: [new SimpleSpanProcessor(new SpanExporter())],
  }).getTracer('@temporalio/interceptor-workflow');
  return tracer;
}

class Inbound extends OpenTelemetryInboundInterceptor {
  protected override readonly tracer = runScopedTracer();
}

class Outbound extends OpenTelemetryOutboundInterceptor {
  protected override readonly tracer = runScopedTracer();
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [new Inbound()],
  outbound: [new Outbound()],
  internals: [
    new OpenTelemetryInternalsInterceptor(),
    {
      dispose(input, next) {
        streams.delete(workflowInfo().runId);
        return next(input);
      },
    },
  ],
});
