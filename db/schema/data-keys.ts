import { sql } from 'drizzle-orm';
import { check, customType, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { DataKeyPurpose, DataKeyState } from '../../keyring/keyring';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * The data keys, each wrapped by the master key (keyring/master-key.ts); never in clear.
 * One active key per purpose encrypts; superseded ones stay to decrypt until retired, when
 * their wrapped copy is erased (retirement runs as the schema owner: the app role may add
 * keys and change their state, never erase one).
 */
export const dataKeys = pgTable(
  'data_keys',
  {
    id: text('id').primaryKey(),
    purpose: text('purpose').$type<DataKeyPurpose>().notNull(),
    state: text('state').$type<DataKeyState>().notNull(),
    wrappedKey: bytea('wrapped_key'),
    masterKeyId: text('master_key_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When it stopped encrypting: data and histories written after this never used it. */
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('data_keys_one_active_idx')
      .on(t.purpose)
      .where(sql`${t.state} = 'active'`),
    check('data_keys_retired_erased_check', sql`(${t.state} = 'retired') = (${t.wrappedKey} is null)`),
  ],
);
