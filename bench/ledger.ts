// `npm run bench:ledger -- --duration S --writers N [--commit-delay µs]`: postings per second through the
// one-round-trip posting path (`postLedgerTransaction`: postings that wait together share one
// call of `ledger_post_batch`, migration 0014, a lone one is `ledger_post`, 0010), with N
// concurrent writers for S seconds per case, on its own embedded Postgres with fsync ON:
//   - distinct: each writer posts captures for its own merchant and its own PSP, so no two
//     writers touch the same ledger account;
//   - distinct_alone: the same, each posting in a database transaction of its own
//     (`ledger_post`), as a payment's state change writes its posting;
//   - shared: every writer posts for one merchant and one PSP, and every fourth posting is a
//     payout out of the merchant's available balance, which fires `ledger_payouts_never_overdraw`
//     (it locks the account row and sums its entries); and the same captures without payouts;
//   - and, to say what limits those, the same writers' ceilings on the same server: a round
//     trip that writes nothing (`select 1`) and the cheapest durable commit (a one-row insert).
// Prints one JSON line last: per case operations (postings) per second, p50/p99 ms, CPU ms of
// Postgres and of this Node process and WAL bytes per operation, postings per commit; and the
// server's durability settings.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createLedgerActivities } from '../activities/ledger';
import { batcherFor, postAlone, postingParameter } from '../db/queries/ledger-post';
import { createDatabase, type Database } from '../db/client';
import { runMigrations } from '../db/migrate';
import { createMerchant } from '../db/queries/merchants';
import { ensureDatabase, startEmbeddedPostgres } from '../devtools/postgres';
import { freePort } from '../devtools/free-port';
import { accounts, capture, type Posting } from '../domain/ledger';
import { summarize, type LoadResult } from './load';

const WARMUP_MS = 2_000;
const DATABASE = 'holdfast_bench_ledger';
/** What the server is asked about: the settings that decide what a commit costs. */
const DURABILITY_SETTINGS = [
  'fsync',
  'synchronous_commit',
  'wal_sync_method',
  'full_page_writes',
  'commit_delay',
  'commit_siblings',
  'wal_buffers',
  'shared_buffers',
];

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      writers: { type: 'string', default: '16' },
      /** Microseconds a committing backend waits for others to share its WAL flush (group commit). */
      'commit-delay': { type: 'string', default: '0' },
    },
  });
  const commitDelayUs = Number(values['commit-delay']);
  if (!Number.isInteger(commitDelayUs) || commitDelayUs < 0 || commitDelayUs > 100_000)
    throw new Error('--commit-delay must be 0..100000 µs');
  const durationMs = Number(values.duration) * 1000;
  const writers = Number(values.writers);
  if (!(durationMs > 0) || !(writers > 0)) throw new Error('--duration and --writers must be positive numbers');
  const log = (message: string) => console.error(`[bench:ledger] ${message}`);

  // `persistent: true` is what keeps fsync on (a throwaway cluster runs with fsync off, see
  // devtools/postgres.ts); the data dir is removed here instead.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'holdfast-bench-ledger-'));
  log(`starting Postgres in ${dataDir}`);
  const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: true });
  let database: ReturnType<typeof createDatabase> | undefined;
  try {
    await ensureDatabase(postgres.adminUrl, DATABASE);
    await runMigrations(postgres.ownerUrlFor(DATABASE));
    database = createDatabase(postgres.appUrlFor(DATABASE), { max: writers });
    const { db } = database;
    const { postLedgerTransaction } = createLedgerActivities({ db });

    const distinctMerchants = await Promise.all(
      Array.from({ length: writers }, (_, i) => createMerchant(db, { name: `bench writer ${i}` })),
    );
    const distinct = (writer: number, n: number): Posting =>
      capture({
        paymentId: `pay_w${writer}_${n}`,
        merchantId: distinctMerchants[writer]!.id,
        psp: `psp${writer}`,
        currency: 'usd',
        authorizedAmount: 1_000,
        amount: 1_000,
        feeBps: 0,
      });

    const { id: sharedMerchant } = await createMerchant(db, { name: 'bench shared merchant' });
    // Enough available money that no payout is refused: the trigger still locks and sums.
    await postLedgerTransaction(funding(sharedMerchant));
    const sharedCapture = (paymentId: string): Posting =>
      capture({
        paymentId,
        merchantId: sharedMerchant,
        psp: 'stripe',
        currency: 'usd',
        authorizedAmount: 1_000,
        amount: 1_000,
        feeBps: 290,
      });
    const shared = (writer: number, n: number): Posting =>
      n % 4 === 3 ? payout(sharedMerchant, `po_w${writer}_${n}`) : sharedCapture(`pay_s${writer}_${n}`);

    // What limits a posting, measured by the same writers on the same server: a round trip
    // that writes nothing, and the cheapest durable commit (one row, one index).
    // The owner makes the table (the app's default privileges of 0009 cover it) and sets what
    // only a superuser may; the writers are the app's pool, as for the postings.
    const owner = createDatabase(postgres.ownerUrlFor(DATABASE), { max: 1 });
    try {
      await owner.db.execute(sql`create table bench_commit (id bigserial primary key)`);
      if (commitDelayUs > 0) {
        // ALTER SYSTEM takes no parameters; the value is an integer checked above.
        await owner.db.execute(sql.raw(`alter system set commit_delay = ${commitDelayUs}`));
        await owner.db.execute(sql`select pg_reload_conf()`);
      }
    } finally {
      await owner.close();
    }
    const workloads: Array<[string, (writer: number, n: number) => Promise<unknown>]> = [
      ['distinct', (w, n) => postLedgerTransaction(distinct(w, n))],
      ['distinct_alone', (w, n) => postAlone(db, postingParameter(distinct(w, 500_000_000 + n)))],
      ['shared', (w, n) => postLedgerTransaction(shared(w, n))],
      // The same captures without the payouts: what the payouts' queue costs the shared case.
      ['shared_captures_only', (w, n) => postLedgerTransaction(sharedCapture(`pay_c${w}_${n}`))],
      ['round_trip_ceiling', () => db.execute(sql`select 1`)],
      ['durable_commit_ceiling', () => db.execute(sql`insert into bench_commit default values`)],
    ];

    const cases: Record<string, unknown> = {};
    for (const [name, write] of workloads) {
      log(`${name}: warm-up, then ${durationMs / 1000}s with ${writers} writers`);
      await runWriters(writers, WARMUP_MS, (w, n) => write(w, 1_000_000_000 + n));
      const walBefore = await walLsn(db);
      const cpuBefore = serverCpuMs(dataDir);
      const nodeBefore = process.cpuUsage();
      const batchesBefore = { ...batcherFor(db).counts };
      const result = await runWriters(writers, durationMs, write);
      const postgresCpuMs = serverCpuMs(dataDir) - cpuBefore;
      const { user, system } = process.cpuUsage(nodeBefore);
      const walBytes = await walBytesSince(db, walBefore);
      const batches = batcherFor(db).counts.batches - batchesBefore.batches;
      const batched = batcherFor(db).counts.postings - batchesBefore.postings;
      const { per_s, p50_ms, p99_ms, completed, errors, ...rest } = summarize(result);
      cases[name] = {
        per_s,
        p50_ms,
        p99_ms,
        completed,
        errors,
        ...('first_error' in rest ? { first_error: rest.first_error } : {}),
        postgres_cpu_ms_per_op: completed ? round(postgresCpuMs / completed, 3) : null,
        node_cpu_ms_per_op: completed ? round((user + system) / 1000 / completed, 3) : null,
        wal_bytes_per_op: completed ? Math.round(walBytes / completed) : null,
        // Cases through postLedgerTransaction: postings per call of the batcher (1 = alone).
        ...(batches ? { postings_per_commit: round(batched / batches, 2) } : {}),
      };
      log(`${name}: ${JSON.stringify(cases[name])}`);
      if (result.firstError) log(`${name}: first error in full: ${result.firstError}`);
    }
    // Read last, so they are what every case ran under (a reload reaches each session a little later).
    const settings = await serverSettings(db);
    log(`settings ${JSON.stringify(settings)}`);
    console.log(JSON.stringify({ writers, duration_s: durationMs / 1000, ...cases, settings }));
  } finally {
    await database?.close();
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** N writers, each posting one after another until the window closes; `n` counts per writer. */
async function runWriters(writers: number, durationMs: number, post: (writer: number, n: number) => Promise<unknown>): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let n = 0; performance.now() < deadline; n += 1) {
        const begin = performance.now();
        try {
          await post(writer, n);
          latenciesMs.push(performance.now() - begin);
        } catch (error) {
          errors += 1;
          firstError ??= `${String(error)}; cause: ${String((error as Error).cause)}`;
        }
      }
    }),
  );
  return { completed: latenciesMs.length, errors, windowMs: durationMs, latenciesMs, ...(firstError ? { firstError } : {}) };
}

function funding(merchantId: string): Posting {
  return {
    postingKey: `bench:${merchantId}:funding`,
    kind: 'settlement',
    merchantId,
    paymentId: null,
    entries: [
      { account: accounts.settlementBank('stripe'), amount: 1_000_000_000_000, currency: 'usd' },
      { account: accounts.merchantAvailable(merchantId), amount: -1_000_000_000_000, currency: 'usd' },
    ],
  };
}

/** Money leaves the merchant's available balance for its bank: a debit the overdraft trigger checks. */
function payout(merchantId: string, payoutId: string): Posting {
  return {
    postingKey: `bench:payout:${payoutId}`,
    kind: 'payout',
    merchantId,
    paymentId: null,
    entries: [
      { account: accounts.merchantAvailable(merchantId), amount: 100, currency: 'usd' },
      { account: accounts.settlementBank('stripe'), amount: -100, currency: 'usd' },
    ],
  };
}

async function serverSettings(db: Database): Promise<Record<string, string>> {
  const { rows } = await db.execute<{ name: string; setting: string; unit: string | null }>(
    sql`select name, setting, unit from pg_settings where name in ${DURABILITY_SETTINGS}`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting]));
}

async function walLsn(db: Database): Promise<string> {
  const { rows } = await db.execute<{ lsn: string }>(sql`select pg_current_wal_lsn()::text as lsn`);
  return rows[0]!.lsn;
}

async function walBytesSince(db: Database, lsn: string): Promise<number> {
  const { rows } = await db.execute<{ bytes: string }>(sql`select pg_wal_lsn_diff(pg_current_wal_lsn(), ${lsn}::pg_lsn)::text as bytes`);
  return Number(rows[0]!.bytes);
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * CPU ms used so far by this cluster: its postmaster and its children, live or exited (an idle
 * pooled connection closes after 10 s). Not bench/cpu.ts's sum by process name: other Postgres
 * servers on the machine (tests running next to the bench) are called `postgres` too.
 */
function serverCpuMs(dataDir: string): number {
  const postmaster = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!.trim();
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (pid === postmaster) {
      // utime, stime, and cutime, cstime: what its exited backends used (it waits for them).
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } else if (fields[1] === postmaster) {
      ticks += Number(fields[11]) + Number(fields[12]); // fields[1] is the parent's pid
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
