// `npm run bench:ledger -- --duration S --writers N`: postings per second through the
// one-round-trip posting path (`postLedgerTransaction` → `ledger_post`, migration 0010), with N
// concurrent writers for S seconds per case, on its own embedded Postgres with fsync ON:
//   - distinct: each writer posts captures for its own merchant and its own PSP, so no two
//     writers touch the same ledger account;
//   - shared: every writer posts for one merchant and one PSP, and every fourth posting is a
//     payout out of the merchant's available balance, which fires `ledger_payouts_never_overdraw`
//     (it locks the account row and sums its entries).
// Prints one JSON line last: per case postings/s, p50/p99 ms per posting, Postgres CPU ms and
// WAL bytes per posting; and the server's durability settings.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createLedgerActivities } from '../activities/ledger';
import { createDatabase, type Database } from '../db/client';
import { runMigrations } from '../db/migrate';
import { createMerchant } from '../db/queries/merchants';
import { ensureDatabase, startEmbeddedPostgres } from '../devtools/postgres';
import { freePort } from '../devtools/free-port';
import { accounts, capture, type Posting } from '../domain/ledger';
import { cpuDelta, cpuMsByProcess } from './cpu';
import { summarize, type LoadResult } from './load';

const WARMUP_MS = 2_000;
const DATABASE = 'holdfast_bench_ledger';
/** What the server is asked about: the settings that decide what a commit costs. */
const DURABILITY_SETTINGS = ['fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes', 'commit_delay', 'commit_siblings', 'wal_buffers', 'shared_buffers'];

async function main() {
  const { values } = parseArgs({
    options: { duration: { type: 'string', default: '10' }, writers: { type: 'string', default: '16' } },
  });
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
    const settings = await serverSettings(db);
    log(`settings ${JSON.stringify(settings)}`);
    const { postLedgerTransaction } = createLedgerActivities({ db });

    const distinctMerchants = await Promise.all(Array.from({ length: writers }, (_, i) => createMerchant(db, { name: `bench writer ${i}` })));
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
    const shared = (writer: number, n: number): Posting =>
      n % 4 === 3
        ? payout(sharedMerchant, `po_w${writer}_${n}`)
        : capture({ paymentId: `pay_s${writer}_${n}`, merchantId: sharedMerchant, psp: 'stripe', currency: 'usd', authorizedAmount: 1_000, amount: 1_000, feeBps: 290 });

    const cases: Record<string, unknown> = {};
    for (const [name, postingFor] of [['distinct', distinct], ['shared', shared]] as const) {
      log(`${name}: warm-up, then ${durationMs / 1000}s with ${writers} writers`);
      await runWriters(writers, WARMUP_MS, (w, n) => postLedgerTransaction(postingFor(w, 1_000_000_000 + n)));
      const walBefore = await walLsn(db);
      const cpuBefore = cpuMsByProcess();
      const result = await runWriters(writers, durationMs, (w, n) => postLedgerTransaction(postingFor(w, n)));
      const postgresCpuMs = cpuDelta(cpuBefore, cpuMsByProcess()).get('postgres') ?? 0;
      const walBytes = await walBytesSince(db, walBefore);
      const { per_s, p50_ms, p99_ms, completed, errors, ...rest } = summarize(result);
      cases[name] = {
        postings_per_s: per_s,
        p50_ms,
        p99_ms,
        postings: completed,
        errors,
        ...('first_error' in rest ? { first_error: rest.first_error } : {}),
        postgres_cpu_ms_per_posting: completed ? round(postgresCpuMs / completed, 3) : null,
        wal_bytes_per_posting: completed ? Math.round(walBytes / completed) : null,
      };
      log(`${name}: ${JSON.stringify(cases[name])}`);
      if (result.firstError) log(`${name}: first error in full: ${result.firstError}`);
    }
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

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
