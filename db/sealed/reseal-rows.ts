// After a data-key rotation, the rows still sealed with an older key (or written before
// encryption at rest, in clear) are opened and sealed again with the current key, a batch at
// a time, by the reseal workflow; `rowsUsingKey` is what proves a key is no longer needed
// before `holdfast keys retire-data-key` destroys it. A row is written back only if it is
// unchanged since it was read: a concurrent write wins (it sealed with a current key anyway).
import { sql, type SQL } from 'drizzle-orm';
import type { Keyring } from '../../keyring/keyring';
import { openJson, openText, sealJson, sealText } from '../../keyring/sealed-text';
import { SEALED_TABLE_NAMES, type SealedTableName } from '../../domain/sealed-tables';
import type { Database } from '../client';
import { RAW_REPORT_CONTEXT } from './reconciliation-report';

/**
 * How a column holds its sealed value: `text` a sealed text column; `json` a jsonb column
 * holding one sealed JSON text (in clear: the JSON itself); `text-map` a jsonb object whose
 * values are each a sealed text (payment metadata: the keys name fields and stay in clear).
 */
type Shape = 'text' | 'json' | 'text-map';

interface SealedColumn {
  column: string;
  /** The AAD the value is sealed under (db/sealed/*.ts). */
  context: string;
  shape: Shape;
}

export interface SealedTable {
  table: SealedTableName;
  /** The primary key, each a text column. */
  keyColumns: readonly string[];
  /**
   * Whether the row names its key in `data_key_id` (every value of the row shares it). Tables
   * without one are found by the key id inside each value, so their columns must be `text`.
   */
  rowKey: boolean;
  columns: readonly SealedColumn[];
  /** Fewer rows a batch than the caller asks for, where rows are large. */
  maxBatchRows?: number;
}

/**
 * Every sealed value holdfast keeps. Blind indexes (payments.customer_email_index,
 * metadata_index) are not here: their key never rotates, and resealing leaves them as they are.
 */
export const SEALED_TABLES: Record<SealedTableName, SealedTable> = {
  payments: {
    table: 'payments',
    keyColumns: ['id'],
    rowKey: true,
    columns: [
      { column: 'description', context: 'payments.description', shape: 'text' },
      { column: 'metadata', context: 'payments.metadata', shape: 'text-map' },
      { column: 'customer', context: 'payments.customer', shape: 'json' },
    ],
  },
  events: { table: 'events', keyColumns: ['id'], rowKey: true, columns: [{ column: 'data', context: 'events.data', shape: 'json' }] },
  idempotency_keys: {
    table: 'idempotency_keys',
    keyColumns: ['merchant_id', 'key'],
    rowKey: true,
    columns: [{ column: 'response_body', context: 'idempotency_keys.response_body', shape: 'json' }],
  },
  webhook_endpoints: {
    table: 'webhook_endpoints',
    keyColumns: ['id'],
    rowKey: false,
    // One context for both: an endpoint's rotation moves the secret to previous_secret in SQL.
    columns: [
      { column: 'secret', context: 'webhook_endpoints.secret', shape: 'text' },
      { column: 'previous_secret', context: 'webhook_endpoints.secret', shape: 'text' },
    ],
  },
  disputes: {
    table: 'disputes',
    keyColumns: ['id'],
    rowKey: false,
    columns: [{ column: 'evidence_text', context: 'disputes.evidence_text', shape: 'text' }],
  },
  reconciliation_runs: {
    table: 'reconciliation_runs',
    keyColumns: ['id'],
    rowKey: false,
    columns: [{ column: 'raw_report', context: RAW_REPORT_CONTEXT, shape: 'text' }],
    // A day's PSP report can run to tens of MB: a batch is read, and written back, as one value.
    maxBatchRows: 2,
  },
};

export interface ResealOutcome {
  /** Rows read that used another key (or none). */
  selected: number;
  /** Rows written back under the current key. */
  resealed: number;
  /** Rows changed by someone else since they were read: left as the other write made them. */
  skipped: number;
  /** The primary key of the batch's last row, to start the next batch after; null: the pass reached the table's end. */
  last: string[] | null;
}

type Row = Record<string, unknown>;

/**
 * Reseals up to `limit` rows of `table` with the keyring's current key: those sealed with
 * `fromKeyId`, or with any key but the current one (and values kept in clear) when it is
 * undefined. Throws TamperedCiphertext or UnknownDataKey for a value that does not open.
 */
export async function resealBatch(
  db: Database,
  keyring: Keyring,
  table: SealedTableName,
  fromKeyId: string | undefined,
  limit: number,
  after?: readonly string[],
): Promise<ResealOutcome> {
  const spec = SEALED_TABLES[table];
  const rows = Math.min(limit, spec.maxBatchRows ?? limit);
  const toKeyId = keyring.currentKeyId;
  if (fromKeyId === toKeyId) return { selected: 0, resealed: 0, skipped: 0, last: null };
  // In primary-key order from where the last batch stopped, so a pass reads each row once
  // however large the table: without it every batch would scan past the rows already done.
  const selected = await db.execute<Row>(
    sql`select ${columnList([...spec.keyColumns, ...spec.columns.map((c) => c.column), ...(spec.rowKey ? ['data_key_id'] : [])])}
        from ${sql.identifier(spec.table)} where ${needsReseal(spec, toKeyId, fromKeyId)} ${after ? sql`and ${pastKey(spec, after)}` : sql``}
        order by ${columnList([...spec.keyColumns])} limit ${rows}`,
  );
  const lastRow = selected.rows.length < rows ? undefined : selected.rows.at(-1);
  const last = lastRow ? spec.keyColumns.map((key) => String(lastRow[key])) : null;
  if (selected.rows.length === 0) return { selected: 0, resealed: 0, skipped: 0, last };

  const changes: Row[] = [];
  for (const row of selected.rows) {
    const change: Row = {};
    for (const key of spec.keyColumns) change[key] = row[key];
    for (const { column, context, shape } of spec.columns) {
      change[`old_${column}`] = row[column];
      try {
        // A row that names its key was written sealed: a value in clear there is refused, never sealed as if genuine.
        const sealedWith = spec.rowKey ? (row.data_key_id as string | null) : null;
        change[`new_${column}`] = row[column] === null ? null : await resealed(keyring, row[column], context, shape, toKeyId, sealedWith);
      } catch (error) {
        // Which row, so a person can find it; a key names no person.
        if (error instanceof Error)
          error.message = `${spec.table}.${column} of ${spec.keyColumns.map((key) => String(row[key])).join('/')}: ${error.message}`;
        throw error;
      }
    }
    if (spec.rowKey) {
      change.old_data_key_id = row.data_key_id;
      change.new_data_key_id = toKeyId;
    }
    changes.push(change);
  }
  const result = await db.execute(compareAndSet(spec, changes));
  const resealedRows = result.rowCount ?? 0;
  return { selected: selected.rows.length, resealed: resealedRows, skipped: selected.rows.length - resealedRows, last };
}

/** Rows of `table` that still need resealing to the current key: counted before and after each pass, not per batch. */
export async function rowsToReseal(db: Database, table: SealedTableName, currentKeyId: string, fromKeyId?: string): Promise<number> {
  const spec = SEALED_TABLES[table];
  if (fromKeyId === currentKeyId) return 0;
  const result = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from ${sql.identifier(spec.table)} where ${needsReseal(spec, currentKeyId, fromKeyId)}`,
  );
  return result.rows[0]!.n;
}

/** Per table, the rows still sealed with `keyId`: all zero before the key may be retired. */
export async function rowsUsingKey(db: Database, keyId: string): Promise<Record<SealedTableName, number>> {
  const counts = {} as Record<SealedTableName, number>;
  for (const spec of SEALED_TABLE_NAMES.map((name) => SEALED_TABLES[name])) {
    const result = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(spec.table)} where ${sealedWith(spec, keyId)}`,
    );
    counts[spec.table] = result.rows[0]!.n;
  }
  return counts;
}

function sealedWith(spec: SealedTable, keyId: string): SQL {
  if (spec.rowKey) return sql`data_key_id = ${keyId}`;
  return anyOf(spec.columns.map(({ column }) => sql`starts_with(${sql.identifier(column)}, ${prefixOf(keyId)})`));
}

/**
 * `fromKeyId` given: the rows sealed with it. Otherwise every row not on the current key,
 * including values kept in clear (written before encryption at rest), which are sealed now.
 */
function needsReseal(spec: SealedTable, currentKeyId: string, fromKeyId: string | undefined): SQL {
  if (fromKeyId !== undefined) return sealedWith(spec, fromKeyId);
  if (spec.rowKey) {
    // A row with no key and nothing in it (an Idempotency-Key still in progress) has nothing to seal.
    const holdsSomething = anyOf([
      sql`data_key_id is not null`,
      ...spec.columns.map(({ column }) => sql`${sql.identifier(column)} is not null`),
    ]);
    return sql`data_key_id is distinct from ${currentKeyId} and ${holdsSomething}`;
  }
  return anyOf(
    spec.columns.map(
      ({ column }) =>
        sql`(${sql.identifier(column)} is not null and not starts_with(${sql.identifier(column)}, ${prefixOf(currentKeyId)}))`,
    ),
  );
}

/**
 * One UPDATE for the batch; a row is written only where every sealed column (and its key id)
 * still holds what was read, so a write that landed in between is never overwritten.
 */
function compareAndSet(spec: SealedTable, changes: Row[]): SQL {
  const typed = [
    ...spec.keyColumns.map((key) => `${quote(key)} text`),
    ...spec.columns.flatMap(({ column, shape }) => [
      `${quote(`old_${column}`)} ${sqlType(shape)}`,
      `${quote(`new_${column}`)} ${sqlType(shape)}`,
    ]),
    ...(spec.rowKey ? ['old_data_key_id text', 'new_data_key_id text'] : []),
  ];
  const assignments = [
    ...spec.columns.map(({ column }) => `${quote(column)} = r.${quote(`new_${column}`)}`),
    ...(spec.rowKey ? ['data_key_id = r.new_data_key_id'] : []),
  ];
  const matches = [
    ...spec.keyColumns.map((key) => `t.${quote(key)} = r.${quote(key)}`),
    ...spec.columns.map(({ column }) => `t.${quote(column)} is not distinct from r.${quote(`old_${column}`)}`),
    ...(spec.rowKey ? ['t.data_key_id is not distinct from r.old_data_key_id'] : []),
  ];
  // Names come from SEALED_TABLES, never from input; the values travel as one parameter.
  return sql`update ${sql.identifier(spec.table)} t set ${sql.raw(assignments.join(', '))}
    from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as r(${sql.raw(typed.join(', '))})
    where ${sql.raw(matches.join(' and '))}`;
}

async function resealed(
  keyring: Keyring,
  stored: unknown,
  context: string,
  shape: Shape,
  keyId: string,
  sealedWith: string | null,
): Promise<unknown> {
  if (shape === 'json') return sealJson(keyring, await openJson(keyring, stored, context, sealedWith), context, keyId);
  if (shape === 'text') return sealText(keyring, await openText(keyring, stored as string, context, sealedWith), context, keyId);
  const entries = Object.entries(stored as Record<string, string>);
  return Object.fromEntries(
    await Promise.all(
      entries.map(async ([k, v]) => [k, sealText(keyring, await openText(keyring, v, context, sealedWith), context, keyId)]),
    ),
  );
}

function sqlType(shape: Shape): string {
  return shape === 'text' ? 'text' : 'jsonb';
}

function prefixOf(keyId: string): string {
  return `hf1:${keyId}:`;
}

/** Rows after `after` in primary-key order (a row comparison, which the primary key's index serves). */
function pastKey(spec: SealedTable, after: readonly string[]): SQL {
  return sql`(${columnList([...spec.keyColumns])}) > (${sql.join(
    after.map((value) => sql`${value}`),
    sql`, `,
  )})`;
}

function anyOf(conditions: SQL[]): SQL {
  return sql`(${sql.join(conditions, sql` or `)})`;
}

function columnList(columns: string[]): SQL {
  return sql.raw(columns.map(quote).join(', '));
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
