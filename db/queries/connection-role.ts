// What the deployed roles check about their own database connection at start: DATABASE_URL
// should be the app role (db/migrations/0009_least_privilege.sql), which cannot rewrite the
// ledger's history or switch its triggers off. The owner's or a superuser's URL works too,
// which is exactly why it must not go unnoticed.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';

/** Why the connected role can do more than the app needs, or undefined when it cannot. */
export async function excessPrivilege(db: Database): Promise<string | undefined> {
  const { rows } = await db.execute<{ role: string; superuser: boolean; owns: boolean; rewrites: boolean }>(sql`
    select current_user as role,
           r.rolsuper as superuser,
           exists (select 1 from pg_class c where c.relowner = r.oid and c.relnamespace = 'public'::regnamespace) as owns,
           has_table_privilege('ledger_entries', 'UPDATE') or has_table_privilege('audit_log', 'DELETE') as rewrites
      from pg_roles r
     where r.rolname = current_user`);
  const row = rows[0];
  if (!row) return undefined;
  if (row.superuser) return `connects as ${row.role}, a superuser`;
  if (row.owns) return `connects as ${row.role}, which owns holdfast's tables`;
  if (row.rewrites) return `connects as ${row.role}, which may rewrite the ledger or the audit log`;
  return undefined;
}
