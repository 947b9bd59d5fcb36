// The SDK's process-wide runtime, configured before the first connection: the CLI handles
// SIGINT/SIGTERM itself so it can stop the API before the worker, and SDK logs go through
// the same level as ours.
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Config } from '../config/config';

const SDK_LEVEL: Record<Config['logLevel'], LogLevel | undefined> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: undefined,
};

export function installTemporalRuntime(logLevel: Config['logLevel']): void {
  const level = SDK_LEVEL[logLevel];
  Runtime.install({
    shutdownSignals: [],
    logger: level ? new DefaultLogger(level) : new DefaultLogger('ERROR', () => undefined),
  });
}
