// The keyring's store (keyring/keyring.ts DataKeyStore) over the data_keys table.
import { sql } from 'drizzle-orm';
import type { DataKeyStore, StoredDataKey } from '../../keyring/keyring';
import type { Database } from '../client';
import { dataKeys } from '../schema';

export function dataKeyStore(db: Database): DataKeyStore {
  return {
    async list() {
      const rows = await db.select().from(dataKeys).orderBy(dataKeys.createdAt);
      return rows.map((row): StoredDataKey => ({
        id: row.id,
        purpose: row.purpose,
        state: row.state,
        wrapped: row.wrappedKey,
        masterKeyId: row.masterKeyId,
      }));
    },
    async createIfNoneActive(key) {
      // The partial unique index keeps one active key per purpose; losing the race is fine.
      await db
        .insert(dataKeys)
        .values({ id: key.id, purpose: key.purpose, state: key.state, wrappedKey: key.wrapped, masterKeyId: key.masterKeyId })
        .onConflictDoNothing();
    },
    async replaceActive(key) {
      await db.transaction(async (tx) => {
        await tx
          .update(dataKeys)
          .set({ state: 'decrypt_only', supersededAt: sql`now()` })
          .where(sql`${dataKeys.purpose} = ${key.purpose} and ${dataKeys.state} = 'active'`);
        await tx
          .insert(dataKeys)
          .values({ id: key.id, purpose: key.purpose, state: 'active', wrappedKey: key.wrapped, masterKeyId: key.masterKeyId });
      });
    },
  };
}

export async function dataKeyRows(db: Database) {
  return db
    .select({
      id: dataKeys.id,
      purpose: dataKeys.purpose,
      state: dataKeys.state,
      createdAt: dataKeys.createdAt,
      supersededAt: dataKeys.supersededAt,
      retiredAt: dataKeys.retiredAt,
    })
    .from(dataKeys)
    .orderBy(dataKeys.createdAt);
}
