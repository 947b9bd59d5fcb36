// The SDK's process-wide runtime, configured before the first connection: the CLI handles
// SIGINT/SIGTERM itself so it can stop the API before the worker, and SDK logs — the native
// core's included, which otherwise print straight to the console — go through one JSON logger
// (telemetry/worker-log.ts), at our level, to stderr: stdout is for what a command answers
// (replay's verdict, a merchant's key). With a metrics address, the core's Prometheus
// exporter serves the SDK's own metrics (task latencies, slots, sticky cache) there.
import { DefaultLogger, makeTelemetryFilterString, Runtime, type LogLevel } from '@temporalio/worker';
import { createLogger } from '../telemetry/logger';
import type { Config } from '../config/config';
import { writeTemporalLogEntry } from '../telemetry/worker-log';

const SDK_LEVEL: Record<Config['logLevel'], LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

export function installTemporalRuntime(logLevel: Config['logLevel'], options: { metricsAddress?: string } = {}): void {
  const level = SDK_LEVEL[logLevel];
  const logger = createLogger(logLevel, process.stderr);
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger(level, logLevel === 'silent' ? () => undefined : (entry) => writeTemporalLogEntry(logger, entry)),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: level, other: level }), forward: {} },
      // Prometheus's own conventions: seconds, unit and _total suffixes.
      ...(options.metricsAddress && {
        metrics: {
          prometheus: { bindAddress: options.metricsAddress, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true },
        },
      }),
    },
  });
}
