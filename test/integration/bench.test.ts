// `npm run bench`, briefly: the benchmark starts its own stack, so this runs it as a user
// would and checks its JSON line has every figure, counted from real work, and a clean run.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../..');

describe('npm run bench', function () {
  this.timeout(180_000);

  it('measures payments against the floor and prints the counted costs of a clean run', async () => {
    // Its own stack, whatever a developer's shell points at.
    const env = { ...process.env };
    for (const name of ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'TEMPORAL_ADDRESS', 'STRIPE_SECRET_KEY', 'ADYEN_API_KEY']) {
      delete env[name];
    }
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--duration', '2', '--open-loop-duration', '2', '--concurrency', '4'],
      { cwd: ROOT, env, maxBuffer: 16 * 2 ** 20 },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    const number = (name: string) => {
      assert.equal(typeof result[name], 'number', `${name} in ${stdout}`);
      return result[name] as number;
    };

    assert.equal(result.all_captured, true);
    assert.equal(result.ledger_balanced, true);
    for (const errors of ['payment_errors', 'floor_errors', 'shape_floor_errors', 'open_loop_errors'])
      assert.equal(number(errors), 0, errors);
    assert.ok(number('payments') > 0 && number('floor_runs') > 0 && number('shape_floor_runs') > 0 && number('open_loop_payments') > 0);
    assert.equal(number('ratio_to_floor'), Math.round((number('payments_per_s') / number('floor_per_s')) * 100) / 100);
    assert.equal(number('ratio_to_shape_floor'), Math.round((number('payments_per_s') / number('shape_floor_per_s')) * 100) / 100);
    assert.equal(number('shape_floor_ratio_to_floor'), Math.round((number('shape_floor_per_s') / number('floor_per_s')) * 100) / 100);
    // The shape floor stands for a payment's Temporal shape only while it takes the same tasks:
    // a payment workflow that gains or loses one must change bench/floor/workflow.ts too.
    assert.deepEqual(result.shape_floor_tasks_per_run, {
      workflow: number('workflow_tasks_per_payment'),
      activity: number('activity_tasks_per_payment'),
      local: number('local_activities_per_payment'),
    });
    assert.equal(number('open_loop_rate_per_s'), Math.round(0.7 * number('payments_per_s') * 10) / 10);
    for (const latency of ['p50_ms', 'p99_ms', 'floor_p99_ms', 'shape_floor_p99_ms', 'open_loop_p50_ms', 'open_loop_p99_ms']) {
      assert.ok(number(latency) > 0, latency);
    }
    // Counted from histories and the pool: a payment is at least one workflow task and more
    // history than the floor's, and reaches the database; some of its steps are activities,
    // regular or local.
    assert.ok(number('workflow_tasks_per_payment') >= 1);
    assert.ok(number('activity_tasks_per_payment') + number('local_activities_per_payment') > 0);
    assert.ok(number('history_events_per_payment') > number('floor_history_events_per_run'));
    assert.ok(number('history_bytes_per_payment') > 0);
    assert.ok(number('sql_round_trips_per_payment') >= 1);
    assert.ok(number('wal_bytes_per_payment') > 0, 'a payment writes to the WAL');
    const cpu = result.cpu_ms_per_payment as Record<string, number>;
    assert.ok(cpu.node! > 0 && cpu.temporal! > 0, JSON.stringify(cpu));
  });
});
