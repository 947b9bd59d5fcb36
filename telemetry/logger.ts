// Structured JSON logs. Request bodies are never logged (they may carry customer data, and
// a refused card number must leave no trace); neither are credentials. As a second line of
// defence behind the card-data guard, anything card-like that reaches a log line anyway (a
// field, the message, an error's message or stack) is masked before it is written.
import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino from 'pino';
import { containsCardNumber, maskCardNumbers } from '../domain/card-number';

export type Logger = pino.Logger;

const MAX_DEPTH = 8;

/** The value with card-like strings and numbers masked, in plain objects and arrays. */
function masked(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskCardNumbers(value);
  if (typeof value === 'number') return containsCardNumber(String(value)) ? maskCardNumbers(String(value)) : value;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => masked(item, depth + 1));
  // Class instances (an Error is serialized by `err` below) keep their own serialization.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [maskCardNumbers(key), masked(item, depth + 1)]));
}

/**
 * The trace and span a line was written in, so a log line leads to its trace. Without tracing
 * there is no active span (the OpenTelemetry API's no-op) and nothing is added.
 */
function traceIds(): Record<string, string> {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? { trace_id: context.traceId, span_id: context.spanId } : {};
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'holdfast' },
      mixin: traceIds,
      redact: ['req.headers.authorization'],
      serializers: { err: (error: Error) => masked({ ...pino.stdSerializers.err(error) }) },
      formatters: { log: (object) => masked(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? maskCardNumbers(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination ?? process.stdout,
  );
}
