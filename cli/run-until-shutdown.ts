// The life of a long-running command (dev, api, worker): start things, each registered on a
// stop list as it comes up; on the first Ctrl-C, SIGTERM or SIGHUP stop them in reverse.
import { nextShutdownSignal } from './shutdown-signal';
import { StopList } from './stop-list';

export async function runUntilShutdown(start: (started: StopList) => Promise<void>): Promise<number> {
  // Listening from the start: a signal during start-up stops what has started by then,
  // rather than killing this process and orphaning its children.
  const shutdown = nextShutdownSignal();
  const started = new StopList();
  try {
    await start(started);
  } catch (error) {
    await started.stopAll();
    throw error;
  }
  const signal = await shutdown;
  console.error(`${signal}: stopping …`);
  await started.stopAll();
  return 0;
}
