// `npm run bench -- --duration S --concurrency C --open-loop-duration O`: brings up its own
// stack (fresh Postgres and Temporal on free ports, the PSP simulator), then measures
//   - payments: POST /v1/payments with automatic capture through the HTTP API, and
//   - the floor: a workflow with no activities, started with the update-with-start call the
//     API uses and awaited until the update answers, on the same server,
//   - the shape floor: the same, with a payment's tasks, local activities and timers, all no-ops,
// closed-loop for S seconds each, in alternating rounds after a warm-up, so drift (a growing
// server database, a warmer JIT) falls on both alike. Then payments open-loop for O seconds at
// 70 % of the closed-loop throughput, and what each payment cost, counted: CPU by process,
// Temporal tasks and history from a sample of the payments' histories, SQL round trips.
// Prints one JSON line last; docs/benchmarks.md explains each field.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { startApi } from '../api/server';
import { startDevStack } from '../cli/stack';
import { installTemporalRuntime } from '../cli/temporal-runtime';
import { loadConfig } from '../config/config';
import { withDevMasterKey } from '../devtools/dev-master-key';
import { sql } from 'drizzle-orm';
import { createDatabase, type Database } from '../db/client';
import { createMerchant } from '../db/queries/merchants';
import { startWorker } from '../workers/start';
import { paymentWorkflowId } from '../contracts/payment.contract';
import { cpuDelta, cpuMsByProcess } from './cpu';
import { checkEndState } from './end-state';
import { createShapeFloorActivities } from './floor/activities';
import { runFloorOnce, type FloorKind } from './floor/start';
import { countEvents, countUntilAnswered, meanCounts, type HistoryCounts } from './history-counts';
import { mergeResults, runLoad, runOpenLoop, summarize, trackPeakRss, type LoadResult } from './load';
import { pspWiringFromConfig } from '../psp/wiring';
import { simulatorWiring } from '../sim/wiring';

const WARMUP_MS = 3_000;
const ROUND_MS = 10_000;
/** The open-loop phase offers this share of the closed-loop (saturation) throughput. */
const OPEN_LOOP_SHARE = 0.7;
/** Payments whose histories are counted, spread over the measured rounds. */
const HISTORY_SAMPLE = 30;
/** The update the API starts each payment with and whose answer is the create's response. */
const CREATE_UPDATE_ID = 'await-outcome';

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '8' },
      'open-loop-duration': { type: 'string', default: '20' },
    },
  });
  const durationMs = Number(values.duration) * 1000;
  const concurrency = Number(values.concurrency);
  const openLoopMs = Number(values['open-loop-duration']) * 1000;
  if (!(durationMs > 0) || !(concurrency > 0) || !(openLoopMs > 0)) {
    throw new Error('--duration, --concurrency and --open-loop-duration must be positive numbers');
  }

  const config = withDevMasterKey(loadConfig({ ...process.env, LOG_LEVEL: 'error', TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}` }), {
    persistent: false,
  });
  installTemporalRuntime('error');
  const rss = trackPeakRss();
  const log = (message: string) => console.error(`[bench] ${message}`);

  log('starting Postgres, Temporal and the PSP simulator');
  const stack = await startDevStack(config, { persistent: false, withUi: false });
  // The API and the worker share this pool, so it sees every SQL round trip a payment makes.
  let sqlQueries = 0;
  const database = createDatabase(stack.databaseUrl, { max: 20, onQuery: () => sqlQueries++ });
  const wiring = stack.simulator ? simulatorWiring(config, stack.simulator) : pspWiringFromConfig(config);
  const worker = await startWorker({ config, db: database.db, connection: stack.connection, wiring });
  const api = await startApi({ config, db: database.db, temporal: stack.client, port: 0, wiring });
  // The floor is bare Temporal, no data converter: beside it, the payment's figures include
  // what sealing its payloads costs.
  const floorQueue = `bench-floor-${randomUUID()}`;
  const floorWorker = await Worker.create({
    connection: stack.connection,
    namespace: stack.namespace,
    taskQueue: floorQueue,
    workflowsPath: require.resolve('./floor/workflow'),
    activities: createShapeFloorActivities(),
  });
  const floorRunning = floorWorker.run();

  try {
    const merchant = await createMerchant(database.db, { name: 'Benchmark merchant' });
    const headers = { authorization: `Bearer ${merchant.apiKey}`, 'content-type': 'application/json' };
    let paymentIds: string[] = [];
    const createPayment = async () => {
      const response = await fetch(`${api.url}/v1/payments`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': randomUUID() },
        body: JSON.stringify({ amount: 1999, currency: 'usd', payment_method: 'pm_card_visa' }),
      });
      const payment = (await response.json()) as { id?: string; status?: string };
      if (response.status !== 201 || payment.status !== 'captured' || !payment.id) {
        throw new Error(`create answered ${response.status} ${JSON.stringify(payment)}`);
      }
      paymentIds.push(payment.id);
    };
    const runFloor = async () => {
      await runFloorOnce(stack.client, floorQueue);
    };
    const runShapeFloor = async () => {
      await runFloorOnce(stack.client, floorQueue, 'shapeFloorWorkflow');
    };

    log(`warm-up, then ${durationMs / 1000}s each at concurrency ${concurrency}, in ${ROUND_MS / 1000}s rounds`);
    await runLoad(createPayment, { concurrency, durationMs: WARMUP_MS });
    await runLoad(runFloor, { concurrency, durationMs: WARMUP_MS });
    await runLoad(runShapeFloor, { concurrency, durationMs: WARMUP_MS });
    paymentIds = []; // only measured payments are sampled
    const paymentRounds: LoadResult[] = [];
    const floorRounds: LoadResult[] = [];
    const shapeRounds: LoadResult[] = [];
    const paymentCpu = new CpuTally();
    const floorCpu = new CpuTally();
    const shapeCpu = new CpuTally();
    let paymentQueries = 0;
    let floorQueries = 0;
    let paymentWalBytes = 0;
    for (let left = durationMs; left > 0; left -= ROUND_MS) {
      const round = { concurrency, durationMs: Math.min(ROUND_MS, left) };
      const walBefore = await walPosition(database.db);
      let before = sqlQueries;
      paymentRounds.push(await paymentCpu.measure(() => runLoad(createPayment, round)));
      paymentQueries += sqlQueries - before;
      paymentWalBytes += (await walPosition(database.db)) - walBefore;
      before = sqlQueries;
      floorRounds.push(await floorCpu.measure(() => runLoad(runFloor, round)));
      floorQueries += sqlQueries - before;
      shapeRounds.push(await shapeCpu.measure(() => runLoad(runShapeFloor, round)));
    }
    const paymentsMerged = mergeResults(paymentRounds);
    const floorMerged = mergeResults(floorRounds);
    const payments = summarize(paymentsMerged);
    const floor = summarize(floorMerged);
    const shapeMerged = mergeResults(shapeRounds);
    const shape = summarize(shapeMerged);
    log(`payments: ${JSON.stringify(payments)}`);
    log(`floor: ${JSON.stringify(floor)}`);
    log(`shape floor: ${JSON.stringify(shape)}`);
    // Anything on this pool while only the floor ran is background work, counted here too.
    log(`SQL queries during the floor rounds (background work): ${floorQueries}`);

    const measuredIds = paymentIds;
    const openLoopRate = Math.round(OPEN_LOOP_SHARE * payments.per_s * 10) / 10;
    log(`open loop: ${openLoopRate} payments/s for ${openLoopMs / 1000}s`);
    const openLoop = await runOpenLoop(createPayment, { ratePerS: openLoopRate, durationMs: openLoopMs });
    const open = summarize(openLoop);
    log(`open loop: ${JSON.stringify(open)}, at most ${openLoop.maxInFlight} in flight`);

    const sample = evenSample(measuredIds, HISTORY_SAMPLE);
    const histories = await Promise.all(
      sample.map(async (id) => (await stack.client.workflow.getHandle(paymentWorkflowId(id)).fetchHistory()).events ?? []),
    );
    const toAnswer = meanCounts(histories.map((events) => countUntilAnswered(events, CREATE_UPDATE_ID)));
    const toDate = meanCounts(histories.map((events) => countEvents(events)));
    log(`history per payment, to the answer: ${JSON.stringify(toAnswer)}; at the end of the run: ${JSON.stringify(toDate)}`);
    const floorHistory = await floorRunCounts(stack.client, floorQueue, 'floorWorkflow');
    log(`history per floor run: ${JSON.stringify(floorHistory)}`);
    const shapeHistory = await floorRunCounts(stack.client, floorQueue, 'shapeFloorWorkflow');
    log(`history per shape-floor run: ${JSON.stringify(shapeHistory)}`);

    const endState = await checkEndState(database.db, merchant.id);
    log(`end state: ${JSON.stringify(endState)}`);
    const allCaptured = Object.keys(endState.paymentsByStatus).every((status) => status === 'captured');

    const result = {
      payments_per_s: payments.per_s,
      p50_ms: payments.p50_ms,
      p95_ms: payments.p95_ms,
      p99_ms: payments.p99_ms,
      floor_per_s: floor.per_s,
      floor_p99_ms: floor.p99_ms,
      ratio_to_floor: Math.round((payments.per_s / floor.per_s) * 100) / 100,
      shape_floor_per_s: shape.per_s,
      shape_floor_p99_ms: shape.p99_ms,
      shape_floor_ratio_to_floor: Math.round((shape.per_s / floor.per_s) * 100) / 100,
      ratio_to_shape_floor: Math.round((payments.per_s / shape.per_s) * 100) / 100,
      open_loop_rate_per_s: openLoopRate,
      open_loop_p50_ms: open.p50_ms,
      open_loop_p99_ms: open.p99_ms,
      open_loop_payments: open.completed,
      open_loop_errors: open.errors,
      open_loop_max_in_flight: openLoop.maxInFlight,
      cpu_ms_per_payment: paymentCpu.perOperation(paymentsMerged.completed),
      floor_cpu_ms_per_run: floorCpu.perOperation(floorMerged.completed),
      shape_floor_cpu_ms_per_run: shapeCpu.perOperation(shapeMerged.completed),
      workflow_tasks_per_payment: toAnswer.workflowTasks,
      activity_tasks_per_payment: toAnswer.activityTasks,
      local_activities_per_payment: toAnswer.localActivities,
      history_events_per_payment: toAnswer.events,
      history_bytes_per_payment: toAnswer.bytes,
      history_events_at_end_per_payment: toDate.events,
      history_bytes_at_end_per_payment: toDate.bytes,
      history_sample: sample.length,
      floor_history_events_per_run: floorHistory.events,
      shape_floor_tasks_per_run: {
        workflow: shapeHistory.workflowTasks,
        activity: shapeHistory.activityTasks,
        local: shapeHistory.localActivities,
      },
      shape_floor_history_events_per_run: shapeHistory.events,
      sql_round_trips_per_payment: Math.round((paymentQueries / paymentsMerged.completed) * 10) / 10,
      wal_bytes_per_payment: Math.round(paymentWalBytes / paymentsMerged.completed),
      all_captured: allCaptured,
      ledger_balanced: endState.ledgerBalanced,
      rss_mb: rss.stop(),
      duration_s: durationMs / 1000,
      open_loop_duration_s: openLoopMs / 1000,
      concurrency,
      payments: payments.completed,
      payment_errors: payments.errors,
      floor_runs: floor.completed,
      floor_errors: floor.errors,
      shape_floor_runs: shape.completed,
      shape_floor_errors: shape.errors,
    };
    console.log(JSON.stringify(result));
    // A run that lost money or left a payment uncaptured is a failed run, whatever its speed.
    if (!allCaptured || !endState.ledgerBalanced) process.exitCode = 1;
  } finally {
    await api.stop();
    await worker.stop();
    floorWorker.shutdown();
    await floorRunning;
    await database.close();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/** Up to `count` items spread evenly over `items`, so every round is represented. */
function evenSample<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

/** What one run of a floor cost Temporal, from the history of one more run started the same way. */
async function floorRunCounts(client: Client, taskQueue: string, kind: FloorKind): Promise<HistoryCounts> {
  const workflowId = await runFloorOnce(client, taskQueue, kind);
  return countUntilAnswered((await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [], CREATE_UPDATE_ID);
}

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

/** Where Postgres's write-ahead log stands, in bytes: what a round of payments wrote to it. */
async function walPosition(db: Database): Promise<number> {
  const { rows } = await db.execute<{ bytes: string }>(sql`select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text as bytes`);
  return Number(rows[0]!.bytes);
}
