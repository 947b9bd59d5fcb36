// The SDK's process-wide runtime, configured before the first connection: the CLI handles
// SIGINT/SIGTERM itself so it can stop the API before the worker, and SDK logs — the native
// core's included, which otherwise print straight to the console — go through one logger, at
// our level, to stderr: stdout is for what a command answers (replay's verdict, a merchant's key).
import { DefaultLogger, makeTelemetryFilterString, Runtime, type LogEntry, type LogLevel } from '@temporalio/worker';
import { inspect } from 'node:util';
import type { Config } from '../config/config';

const SDK_LEVEL: Record<Config['logLevel'], LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

function toStderr({ level, message, meta }: LogEntry): void {
  const details = meta && Object.keys(meta).length ? ` ${inspect(meta, { breakLength: Infinity, depth: 4 })}` : '';
  process.stderr.write(`[temporal ${level}] ${message}${details}\n`);
}

export function installTemporalRuntime(logLevel: Config['logLevel']): void {
  const level = SDK_LEVEL[logLevel];
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger(level, logLevel === 'silent' ? () => undefined : toStderr),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: level, other: level }), forward: {} } },
  });
}
