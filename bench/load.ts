// Load drivers. Closed loop: `concurrency` loops each run one operation after another, which
// finds the saturation throughput. Open loop: operations start on a fixed schedule whatever
// the earlier ones are doing, which shows the latency a given arrival rate gets, queueing
// included. Errors are counted, not timed.

export interface LoadResult {
  completed: number;
  errors: number;
  /**
   * The window operations were started in. Throughput divides by it, not by the time the
   * last operation took to drain: ramp-up at the start and the drain at the end cancel out,
   * instead of the slower operation paying for its longer tail.
   */
  windowMs: number;
  latenciesMs: number[];
  firstError?: string;
}

export async function runLoad(operation: () => Promise<void>, options: { concurrency: number; durationMs: number }): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + options.durationMs;
  const loop = async () => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      try {
        await operation();
        latenciesMs.push(performance.now() - begin);
      } catch (error) {
        errors++;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  return { completed: latenciesMs.length, errors, windowMs: options.durationMs, latenciesMs, firstError };
}

/**
 * Starts `ratePerS × durationMs` operations at evenly spaced scheduled times, without waiting
 * for earlier ones, then waits for all to finish. Latency counts from the scheduled time, not
 * from the actual send: a late start (a busy event loop) is queueing the caller would see too.
 */
export async function runOpenLoop(
  operation: () => Promise<void>,
  options: { ratePerS: number; durationMs: number },
): Promise<LoadResult & { maxInFlight: number }> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let inFlight = 0;
  let maxInFlight = 0;
  const send = async (scheduledAt: number) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await operation();
      latenciesMs.push(performance.now() - scheduledAt);
    } catch (error) {
      errors++;
      firstError ??= String(error);
    } finally {
      inFlight--;
    }
  };
  const arrivals = Math.floor((options.durationMs / 1000) * options.ratePerS);
  const intervalMs = 1000 / options.ratePerS;
  const start = performance.now();
  const sent: Promise<void>[] = [];
  for (let i = 0; i < arrivals; i++) {
    const scheduledAt = start + i * intervalMs;
    // Timers have millisecond granularity and may fire a fraction early: wait until due.
    for (let wait = scheduledAt - performance.now(); wait > 0; wait = scheduledAt - performance.now()) {
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
    }
    sent.push(send(scheduledAt));
  }
  await Promise.all(sent);
  return { completed: latenciesMs.length, errors, windowMs: options.durationMs, latenciesMs, firstError, maxInFlight };
}

/** Several rounds as one run: their operations and time added up. */
export function mergeResults(rounds: LoadResult[]): LoadResult {
  return {
    completed: rounds.reduce((n, r) => n + r.completed, 0),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    windowMs: rounds.reduce((n, r) => n + r.windowMs, 0),
    latenciesMs: rounds.flatMap((r) => r.latenciesMs),
    firstError: rounds.find((r) => r.firstError)?.firstError,
  };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}

export function summarize(result: LoadResult) {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    per_s: round(result.completed / (result.windowMs / 1000)),
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    p99_ms: round(percentile(sorted, 99)),
    completed: result.completed,
    errors: result.errors,
    ...(result.firstError ? { first_error: result.firstError.slice(0, 300) } : {}),
  };
}

/** Peak resident memory of this process (API + worker + simulator), sampled. */
export function trackPeakRss(everyMs = 100): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20);
    },
  };
}
