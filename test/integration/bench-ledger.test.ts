// `npm run bench:ledger`, briefly: it starts its own fsync-on Postgres, so this runs it as a
// user would and checks its JSON line: every case ran without errors, the batched cases shared
// commits, and the one-per-transaction case did not.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../..');

describe('npm run bench:ledger', function () {
  this.timeout(120_000);

  it('posts through the group commit and alone, and prints what each case cost', async () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bench/ledger.ts', '--duration', '1', '--writers', '6'],
      {
        cwd: ROOT,
        env,
        maxBuffer: 16 * 2 ** 20,
      },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, Record<string, number> | number>;
    const cases = ['distinct', 'distinct_alone', 'shared', 'shared_captures_only', 'round_trip_ceiling', 'durable_commit_ceiling'];
    for (const name of cases) {
      const figures = result[name] as Record<string, number>;
      assert.equal(figures.errors, 0, `${name}: ${JSON.stringify(figures)}`);
      assert.ok(figures.per_s! > 0 && figures.completed! > 0, name);
      assert.ok(figures.postgres_cpu_ms_per_op! > 0, `${name}: Postgres CPU counted`);
    }
    for (const batched of ['distinct', 'shared', 'shared_captures_only']) {
      assert.ok((result[batched] as Record<string, number>).postings_per_commit! > 1, `${batched} shares commits`);
    }
    assert.equal((result.distinct_alone as Record<string, number>).postings_per_commit, undefined, 'alone: one posting per call');
    assert.equal((result.settings as unknown as Record<string, string>).fsync, 'on');
  });
});
