// The settlement benchmark's path at 2,000 payments (`npm run bench:settlement` runs it at
// 100,000, outside CI): a seeded day of captures settles and reconciles through the real
// stack, every capture is settled exactly once, a clean report raises no exception, and no
// workflow history comes near Temporal's 2 MB payload limit, because lists stay in the
// database and the histories carry counts.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../config/config';
import { withDevMasterKey } from '../../devtools/dev-master-key';
import { trackPeakRss } from '../../bench/load';
import { runSettlementDay } from '../../bench/settlement-day';
import { MAX_BATCH_ITEMS } from '../../db/queries/settlements';
import { freshDatabase } from '../support/postgres';
import { sharedTemporal, uniqueTaskQueue } from '../support/temporal';

const PAYMENTS = 2_000;
/** Far below 2 MB: the largest history at 2,000 payments measured about 40 kB. */
const HISTORY_BYTES_BOUND = 200_000;

describe('bench:settlement at 2,000 payments', function () {
  this.timeout(600_000);

  it('settles every seeded capture exactly once, reconciles without an exception, and keeps every history small', async () => {
    const [temporal, database] = await Promise.all([sharedTemporal(), freshDatabase()]);
    // This process runs the worker, the API and the simulator (and mocha).
    const rss = trackPeakRss();
    try {
      // A throwaway master key, as `npm run bench:settlement` has: the worker and API open the keyring.
      const config = withDevMasterKey(
        loadConfig({
          ...process.env,
          TEMPORAL_TASK_QUEUE: uniqueTaskQueue('bench-settlement'),
          TEMPORAL_NAMESPACE: temporal.namespace,
          LOG_LEVEL: 'silent',
        }),
        { persistent: false },
      );
      const result = await runSettlementDay(
        { config, db: database.db, client: temporal.client, connection: temporal.connection },
        // One merchant: its 2,000 items are two batch files of MAX_BATCH_ITEMS.
        { payments: PAYMENTS, merchants: 1, timeoutMs: 480_000 },
      );
      const peakRssMb = rss.stop();
      console.log(
        `      ${JSON.stringify({ seconds: result.seconds, histories: result.histories, reconciliation: result.reconciliation, peakRssMb })}`,
      );
      assert.equal(result.settledExactlyOnce, PAYMENTS);
      assert.deepEqual(result.settlement.items, { total: PAYMENTS, accepted: PAYMENTS, rejected: 0, retrying: 0 });
      assert.deepEqual(result.settlement.batches, { total: PAYMENTS / MAX_BATCH_ITEMS, submitted: PAYMENTS / MAX_BATCH_ITEMS });
      assert.equal(result.settlement.settledNoticesSkipped, PAYMENTS, 'no payment workflow exists for a seeded payment');
      assert.deepEqual(result.reconciliation, { reportLines: PAYMENTS, matched: PAYMENTS, autoFixed: 0, exceptions: 0, cleared: 0 });
      assert.ok(result.largestHistory.bytes < HISTORY_BYTES_BOUND, JSON.stringify(result.largestHistory));
      // The run's working copy of the report goes once it finished; its raw report stays in the run's row.
      const { rows } = await database.db.execute<{ lines: number; raw: number }>(
        sql`select (select count(*) from reconciliation_report_lines)::int as lines, (select count(*) from reconciliation_runs where raw_report is not null)::int as raw`,
      );
      assert.deepEqual(rows[0], { lines: 0, raw: 1 });
    } finally {
      rss.stop();
      await database.close();
    }
  });
});
