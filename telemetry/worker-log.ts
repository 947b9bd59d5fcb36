// The Temporal SDK's log lines (the worker's, its workflows' and activities', the native
// core's) as JSON, like the API's: through the same pino logger, so the same card-number
// masking applies. The SDK's attribute names become the API's snake_case where a reader joins
// the two: workflow_id, run_id, and request_id (added by telemetry/request-id-*.ts).
import type { LogEntry, LogLevel } from '@temporalio/worker';
import type { Logger } from './logger';

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

const RENAMED: Record<string, string> = { workflowId: 'workflow_id', runId: 'run_id', workflowRunId: 'run_id' };
/** An activity's task token is an opaque binary handle: noise in a log line. */
const DROPPED = new Set(['taskToken']);

export function writeTemporalLogEntry(logger: Logger, { level, message, meta }: LogEntry): void {
  const fields: Record<string, unknown> = { source: 'temporal' };
  for (const [key, value] of Object.entries(meta ?? {})) {
    if (DROPPED.has(key)) continue;
    // pino serializes errors (message, stack, cause) under `err` only.
    if (value instanceof Error) fields.err = value;
    else fields[RENAMED[key] ?? key] = value;
  }
  logger[PINO_LEVEL[level]](fields, message);
}
