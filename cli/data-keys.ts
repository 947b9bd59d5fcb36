// `holdfast keys` for the data keys that seal personal data at rest (keyring/):
//   keys data-keys                  a table of the keys, with the rows each still seals
//   keys rotate-data-key [--wait]   a new active key, then the workflow that reseals every row
//                                   onto it (--wait follows it to the end, printing progress)
//   keys retire-data-key <id>       destroys a superseded key, as the schema owner, once
//                                   nothing can need it: no row and no Temporal history
// A refusal is one line on stderr and exit 1.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { Config } from '../config/config';
import { createDatabase, type Database } from '../db/client';
import { dataKeyRows } from '../db/queries/data-keys';
import { dataKeys } from '../db/schema';
import { rowsUsingKey } from '../db/sealed/reseal-rows';
import { SEALED_TABLE_NAMES } from '../domain/sealed-tables';
import { resealProgressQuery, type ResealProgress, type ResealResult } from '../contracts/reseal.contract';
import { UsageError } from './errors';
import { followWorkflow } from './follow-workflow';
import { databaseUrlOf, migrationDatabaseUrlOf } from './stack-endpoints';
import { cliKeyring, cliTemporal } from './temporal-client';
import { startReseal } from '../contracts/reseal.client';

export const DATA_KEY_ACTIONS = ['data-keys', 'rotate-data-key', 'retire-data-key'];

const USAGE = [
  'usage: holdfast keys data-keys',
  '       holdfast keys rotate-data-key [--wait]',
  '       holdfast keys retire-data-key <data key id>',
].join('\n');
/**
 * A history that began this long after the key was superseded may still carry payloads it
 * sealed: processes learn of a rotation on their keyring's next refresh (seconds), and a
 * workflow task in flight then completes with the key it began with.
 */
const SUPERSEDED_GRACE_MS = 60_000;

export async function run(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { wait: { type: 'boolean' } }, allowPositionals: true, strict: true });
  const [action, keyId, ...rest] = positionals;
  if (rest.length > 0 || (action === 'retire-data-key') !== (keyId !== undefined)) throw new UsageError(USAGE);
  if (values.wait && action !== 'rotate-data-key') throw new UsageError(`${USAGE}\n(--wait goes with rotate-data-key)`);
  if (action === 'data-keys') return list(config);
  if (action === 'rotate-data-key') return rotate(config, values.wait ?? false);
  if (action === 'retire-data-key') return retire(config, keyId!);
  throw new UsageError(USAGE);
}

async function list(config: Config): Promise<number> {
  return withDatabase(await databaseUrlOf(config), async (db) => {
    const rows = [['id', 'purpose', 'state', 'created', 'superseded', 'retired', 'rows']];
    for (const key of await dataKeyRows(db)) {
      // A blind-index key seals nothing: its tokens are kept for ever.
      const using = key.purpose === 'data' && key.state !== 'retired' ? String(total(await rowsUsingKey(db, key.id))) : '-';
      rows.push([key.id, key.purpose, key.state, time(key.createdAt), time(key.supersededAt), time(key.retiredAt), using]);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
    for (const row of rows)
      console.log(
        row
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      );
    return 0;
  });
}

async function rotate(config: Config, wait: boolean): Promise<number> {
  const keyId = await withDatabase(await databaseUrlOf(config), async (db) => {
    const keyring = await cliKeyring(config, db);
    try {
      return await keyring.rotate();
    } finally {
      keyring.close();
    }
  });
  // Printed before anything else can fail: the key encrypts from now on, whatever follows.
  console.log(`data key ${keyId} is active; the key it replaces now only decrypts`);
  const temporal = await cliTemporal(config);
  try {
    const handle = await startReseal(temporal.client, config.temporal.taskQueue, keyId);
    console.log(`resealing in workflow ${handle.workflowId}`);
    if (!wait) return 0;
    const result = await followWorkflow<ResealResult>(handle, async (last) => {
      const line = progressLine(await handle.query(resealProgressQuery));
      return line === last ? undefined : line;
    });
    console.log(`resealed ${progressLine(result.progress)}`);
    return 0;
  } finally {
    await temporal.close();
  }
}

/** `payments 12 done, 0 left  events 30 done, 4 left  …` (`?` left: not counted yet). */
function progressLine(progress: ResealProgress): string {
  return SEALED_TABLE_NAMES.map((table) => `${table} ${progress[table].done} done, ${progress[table].remaining ?? '?'} left`).join('  ');
}

async function retire(config: Config, keyId: string): Promise<number> {
  // As the owner: the app role may supersede a key but never erase one (migration 0019).
  return withDatabase(await migrationDatabaseUrlOf(config), async (db) => {
    const [key] = await db
      .select()
      .from(dataKeys)
      .where(sql`${dataKeys.id} = ${keyId}`);
    if (!key) return refuse(`no data key ${keyId}`);
    if (key.purpose !== 'data') return refuse(`${keyId} is the blind-index key: it never rotates, so it is never retired`);
    if (key.state === 'retired') return refuse(`data key ${keyId} was retired already (${time(key.retiredAt)})`);
    if (key.state === 'active') return refuse(`data key ${keyId} is the active one: rotate first (holdfast keys rotate-data-key)`);

    const using = await rowsUsingKey(db, keyId);
    if (total(using) > 0) {
      const where = Object.entries(using)
        .filter(([, n]) => n > 0)
        .map(([table, n]) => `${table} ${n}`)
        .join(', ');
      return refuse(`${total(using)} rows are still sealed with ${keyId} (${where}): let the reseal workflow finish, or rotate again`);
    }
    const histories = await historiesThatMaySeal(config, key.createdAt, key.supersededAt!);
    if (histories.count > 0) {
      return refuse(
        `${histories.count} workflow histories in namespace ${histories.namespace} may hold payloads sealed with ${keyId} ` +
          `(${histories.query}): retire it once they have closed and the namespace's retention has deleted them`,
      );
    }
    // The state checked again by the update itself: of two retirements at once, one refuses.
    const retired = await db.execute(
      sql`update data_keys set wrapped_key = null, state = 'retired', retired_at = now() where id = ${keyId} and state = 'decrypt_only'`,
    );
    if (retired.rowCount !== 1) return refuse(`data key ${keyId} changed while it was being retired; run the command again`);
    console.log(`data key ${keyId} is retired: its material is erased, and nothing sealed with it opens any more`);
    return 0;
  });
}

/**
 * Executions whose history may carry a payload sealed with the key: begun before it stopped
 * sealing (plus a grace), and still open or closed after it was created; a closed one counts
 * until the namespace's retention deletes it.
 */
async function historiesThatMaySeal(
  config: Config,
  createdAt: Date,
  supersededAt: Date,
): Promise<{ count: number; namespace: string; query: string }> {
  const temporal = await cliTemporal(config);
  try {
    const startedBefore = new Date(supersededAt.getTime() + SUPERSEDED_GRACE_MS).toISOString();
    const query = `StartTime < "${startedBefore}" AND (ExecutionStatus = "Running" OR CloseTime > "${createdAt.toISOString()}")`;
    const { count } = await temporal.client.workflow.count(query);
    return { count, namespace: temporal.namespace, query };
  } finally {
    await temporal.close();
  }
}

async function withDatabase<T>(url: string, work: (db: Database) => Promise<T>): Promise<T> {
  const database = createDatabase(url, { max: 1 });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

function time(at: Date | null): string {
  return at === null ? '-' : at.toISOString();
}

function refuse(message: string): number {
  process.stderr.write(`holdfast keys: ${message}\n`);
  return 1;
}
