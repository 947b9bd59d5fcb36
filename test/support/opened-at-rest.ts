// What holdfast keeps, with its sealed values opened: a test that searches stored data for
// something that must never be stored (a card number) searches the plaintext, since a value
// sealed at rest is still kept.
import type { Payload } from '@temporalio/common';
import type { Client as PgClient } from 'pg';
import type { Keyring } from '../../keyring/keyring';
import { isEncrypted, keyringPayloadCodec } from '../../keyring/payload-codec';
import { isSealed, openText } from '../../keyring/sealed-text';

/** Every row of every table as JSON text, one per line; a sealed value opens under `<table>.<column>`, its context. */
export async function openedTableDump(client: PgClient, keyring: Keyring): Promise<string> {
  const tables = await client.query<{ schema: string; table: string }>(
    `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const lines: string[] = [];
  for (const { schema, table } of tables.rows) {
    const rows = await client.query<{ row: Record<string, unknown> }>(`SELECT row_to_json(t) AS row FROM "${schema}"."${table}" t`);
    for (const { row } of rows.rows) {
      const opened: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) opened[column] = await openedValue(value, keyring, `${table}.${column}`);
      lines.push(JSON.stringify(opened));
    }
  }
  return lines.join('\n');
}

async function openedValue(value: unknown, keyring: Keyring, context: string): Promise<unknown> {
  if (typeof value === 'string') return isSealed(value) ? openText(keyring, value, context) : value;
  if (Array.isArray(value)) return Promise.all(value.map((item) => openedValue(item, keyring, context)));
  if (value !== null && typeof value === 'object') {
    const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await openedValue(item, keyring, context)]));
    return Object.fromEntries(entries);
  }
  return value;
}

/** A fetched history with every payload the keyring sealed replaced by the payload it seals, in place. */
export async function openHistoryPayloads<T extends object>(history: T, keyring: Keyring): Promise<T> {
  const codec = keyringPayloadCodec(keyring);
  const visit = async (node: unknown): Promise<void> => {
    if (node === null || typeof node !== 'object' || ArrayBuffer.isView(node)) return;
    for (const [key, child] of Object.entries(node)) {
      if (isPayload(child) && isEncrypted(child)) {
        const [opened] = await codec.decode([child]);
        (node as Record<string, unknown>)[key] = opened;
      } else {
        await visit(child);
      }
    }
  };
  await visit(history);
  return history;
}

function isPayload(node: unknown): node is Payload {
  return node !== null && typeof node === 'object' && 'metadata' in node && 'data' in node;
}
