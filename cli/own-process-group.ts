// Runs a command in a child process that leads its own process group. A terminal's Ctrl-C
// goes to the whole foreground group: without this, the Postgres server `holdfast dev`
// starts would get it too and shut down at once, under the worker and API that still use it.
// Here only this parent gets the terminal's signals and passes them on, so the child stops
// everything in order. A SIGINT or SIGTERM sent to either process alone stops the stack
// too: the parent passes it on, and the child handles it itself.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** First argument of a relaunched child; main strips it before dispatching. */
export const IN_OWN_GROUP_FLAG = '--in-own-process-group';

/** Tells the relaunched child whose child it must stay; see stopWhenLauncherGone. */
const LAUNCHER_PID_VARIABLE = 'HOLDFAST_LAUNCHER_PID';

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Resolves with the exit code to leave with once the relaunched child has exited. */
export function runInOwnProcessGroup(argv: string[]): Promise<number> {
  const [script] = process.argv.slice(1);
  const child = spawn(process.execPath, [...process.execArgv, script, IN_OWN_GROUP_FLAG, ...argv], {
    detached: true,
    stdio: 'inherit',
    env: { ...process.env, [LAUNCHER_PID_VARIABLE]: String(process.pid) },
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

/** How often the relaunched child looks whether its launcher is still there. */
const LAUNCHER_CHECK_MS = 1000;

/**
 * In the relaunched child: if the launcher dies (SIGKILL, a crash), no signal would ever be
 * passed on and the stack would run on unowned, holding its ports. The child is then
 * re-parented, which it notices, and stops as if it had been sent SIGTERM.
 */
export function stopWhenLauncherGone(): void {
  // From the launcher itself, not process.ppid: it may already be gone by now.
  const launcher = Number(process.env[LAUNCHER_PID_VARIABLE]);
  delete process.env[LAUNCHER_PID_VARIABLE];
  const check = setInterval(() => {
    if (process.ppid === launcher) return;
    clearInterval(check);
    process.kill(process.pid, 'SIGTERM');
  }, LAUNCHER_CHECK_MS);
  check.unref();
}
