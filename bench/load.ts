// A closed-loop load driver: `concurrency` loops each run one operation after another for
// `durationMs`, recording each operation's latency. Errors are counted, not timed.

export interface LoadResult {
  completed: number;
  errors: number;
  elapsedMs: number;
  latenciesMs: number[];
  firstError?: string;
}

export async function runLoad(
  operation: () => Promise<void>,
  options: { concurrency: number; durationMs: number },
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + options.durationMs;
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
  return { completed: latenciesMs.length, errors, elapsedMs: performance.now() - started, latenciesMs, firstError };
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
    per_s: round(result.completed / (result.elapsedMs / 1000)),
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
