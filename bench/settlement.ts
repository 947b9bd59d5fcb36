// `npm run bench:settlement -- [--payments N] [--merchants M]`: one business day of N captured
// payments (default 100,000) of M merchants settled and reconciled on its own stack (fresh
// Postgres and Temporal on free ports), outside CI; bench/settlement-day.ts says how the day
// is seeded and settled. Prints one JSON line last: wall times (seeding apart), the settlement
// and reconciliation outcome, every history's events and bytes and the largest, and the peak
// RSS of this process, which runs the worker, the API and the simulator.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startDevStack } from '../cli/stack';
import { installTemporalRuntime } from '../cli/temporal-runtime';
import { loadConfig } from '../config/config';
import { withDevMasterKey } from '../devtools/dev-master-key';
import { createDatabase } from '../db/client';
import { trackPeakRss } from './load';
import { runSettlementDay } from './settlement-day';

async function main() {
  const { values } = parseArgs({
    options: { payments: { type: 'string', default: '100000' }, merchants: { type: 'string', default: '50' } },
  });
  const payments = Number(values.payments);
  const merchants = Number(values.merchants);
  if (!Number.isInteger(payments) || payments < 1 || !Number.isInteger(merchants) || merchants < 1) {
    throw new Error('--payments and --merchants must be positive integers');
  }
  const log = (message: string) => console.error(`[bench:settlement] ${message}`);
  const config = withDevMasterKey(
    loadConfig({ ...process.env, LOG_LEVEL: 'error', TEMPORAL_TASK_QUEUE: `bench-settlement-${randomUUID()}` }),
    { persistent: false },
  );
  installTemporalRuntime('error');
  const rss = trackPeakRss();
  const started = Date.now();
  log('starting Postgres and Temporal');
  const stack = await startDevStack(config, { persistent: false, withUi: false });
  const database = createDatabase(stack.databaseUrl, { max: 40 });
  try {
    const result = await runSettlementDay(
      { config, db: database.db, client: stack.client, connection: stack.connection },
      { payments, merchants, timeoutMs: 60 * 60_000, log },
    );
    console.log(
      JSON.stringify({
        ...result,
        wallSeconds: (Date.now() - started) / 1000,
        peakRssMb: rss.stop(),
      }),
    );
  } finally {
    await database.close();
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
