// `npm run bench -- --duration S --concurrency C`: brings up its own stack (fresh Postgres
// and Temporal on free ports, the PSP simulator), then measures
//   - payments: POST /v1/payments with automatic capture through the HTTP API, and
//   - the baseline: a bare workflow with the same number of activities on the same server,
// for S seconds each, in alternating rounds after a warm-up, so drift (a growing server
// database, a warmer JIT) falls on both alike. Prints one JSON line last.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Worker } from '@temporalio/worker';
import { startApi } from '../api/server';
import { startDevStack } from '../cli/stack';
import { installTemporalRuntime } from '../cli/temporal-runtime';
import { loadConfig } from '../config/config';
import { createDatabase } from '../db/client';
import { createMerchant } from '../db/queries/merchants';
import { startWorker } from '../workers/start';
import { baselineActivities } from './baseline/activities';
import { bareWorkflow, PAYMENT_ACTIVITY_COUNT } from './baseline/workflows';
import { cpuDelta, cpuMsByProcess } from './cpu';
import { mergeResults, runLoad, summarize, trackPeakRss, type LoadResult } from './load';
import { pspWiringFromConfig } from '../activities/psp/wiring';
import { simulatorWiring } from '../sim/wiring';

const WARMUP_MS = 3_000;
const ROUND_MS = 10_000;

async function main() {
  const { values } = parseArgs({
    options: { duration: { type: 'string', default: '20' }, concurrency: { type: 'string', default: '8' } },
  });
  const durationMs = Number(values.duration) * 1000;
  const concurrency = Number(values.concurrency);
  if (!(durationMs > 0) || !(concurrency > 0)) throw new Error('--duration and --concurrency must be positive numbers');

  const config = loadConfig({ ...process.env, LOG_LEVEL: 'error', TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}` });
  installTemporalRuntime('error');
  const rss = trackPeakRss();
  const log = (message: string) => console.error(`[bench] ${message}`);

  log('starting Postgres, Temporal and the PSP simulator');
  const stack = await startDevStack(config, { persistent: false, withUi: false });
  const database = createDatabase(stack.databaseUrl, { max: 20 });
  const wiring = stack.simulator ? simulatorWiring(config, stack.simulator) : pspWiringFromConfig(config);
  const worker = await startWorker({ config, db: database.db, connection: stack.connection, wiring });
  const api = await startApi({ config, db: database.db, temporal: stack.client, port: 0, wiring });
  const baselineQueue = `bench-baseline-${randomUUID()}`;
  const baselineWorker = await Worker.create({
    connection: stack.connection,
    namespace: stack.namespace,
    taskQueue: baselineQueue,
    workflowsPath: require.resolve('./baseline/workflows'),
    activities: baselineActivities,
  });
  const baselineRunning = baselineWorker.run();

  try {
    const { apiKey } = await createMerchant(database.db, { name: 'Benchmark merchant' });
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    const createPayment = async () => {
      const response = await fetch(`${api.url}/v1/payments`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': randomUUID() },
        body: JSON.stringify({ amount: 1999, currency: 'usd', payment_method: 'pm_card_visa' }),
      });
      const payment = (await response.json()) as { status?: string };
      if (response.status !== 201 || payment.status !== 'captured') {
        throw new Error(`create answered ${response.status} ${JSON.stringify(payment)}`);
      }
    };
    const runBaseline = async () => {
      await stack.client.workflow.execute(bareWorkflow, {
        taskQueue: baselineQueue,
        workflowId: `bench-baseline-${randomUUID()}`,
        args: [PAYMENT_ACTIVITY_COUNT],
      });
    };

    log(`warm-up, then ${durationMs / 1000}s each at concurrency ${concurrency}, in ${ROUND_MS / 1000}s rounds`);
    await runLoad(createPayment, { concurrency, durationMs: WARMUP_MS });
    await runLoad(runBaseline, { concurrency, durationMs: WARMUP_MS });
    const paymentRounds: LoadResult[] = [];
    const baselineRounds: LoadResult[] = [];
    const paymentCpu = new CpuTally();
    const baselineCpu = new CpuTally();
    for (let left = durationMs; left > 0; left -= ROUND_MS) {
      const round = { concurrency, durationMs: Math.min(ROUND_MS, left) };
      paymentRounds.push(await paymentCpu.measure(() => runLoad(createPayment, round)));
      baselineRounds.push(await baselineCpu.measure(() => runLoad(runBaseline, round)));
    }
    const paymentsMerged = mergeResults(paymentRounds);
    const baselineMerged = mergeResults(baselineRounds);
    const payments = summarize(paymentsMerged);
    const baseline = summarize(baselineMerged);
    log(`payments: ${JSON.stringify(payments)}`);
    log(`baseline: ${JSON.stringify(baseline)}`);
    log(`CPU ms per payment by process: ${JSON.stringify(paymentCpu.perOperation(paymentsMerged.completed))}`);
    log(`CPU ms per baseline run by process: ${JSON.stringify(baselineCpu.perOperation(baselineMerged.completed))}`);

    const result = {
      payments_per_s: payments.per_s,
      p50_ms: payments.p50_ms,
      p95_ms: payments.p95_ms,
      p99_ms: payments.p99_ms,
      baseline_per_s: baseline.per_s,
      baseline_p99_ms: baseline.p99_ms,
      rss_mb: rss.stop(),
      duration_s: durationMs / 1000,
      concurrency,
      payments: payments.completed,
      payment_errors: payments.errors,
      baseline_runs: baseline.completed,
      baseline_errors: baseline.errors,
    };
    console.log(JSON.stringify(result));
  } finally {
    await api.stop();
    await worker.stop();
    baselineWorker.shutdown();
    await baselineRunning;
    await database.close();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/** CPU used by each process name during the measured rounds of one kind of operation. */
class CpuTally {
  private readonly totals = new Map<string, number>();

  async measure<T>(run: () => Promise<T>): Promise<T> {
    const before = cpuMsByProcess();
    const result = await run();
    for (const [name, ms] of cpuDelta(before, cpuMsByProcess())) this.totals.set(name, (this.totals.get(name) ?? 0) + ms);
    return result;
  }

  perOperation(operations: number): Record<string, number> {
    const shares = [...this.totals].filter(([, ms]) => ms / operations >= 0.5).sort((a, b) => b[1] - a[1]);
    return Object.fromEntries(shares.map(([name, ms]) => [name, Math.round((ms / operations) * 10) / 10]));
  }
}
