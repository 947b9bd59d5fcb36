// What `holdfast purge` deletes, table by table. Each purge deletes in slices, so a backlog of
// months neither holds one long transaction nor one huge lock. Never purged: the ledger (the
// books), derived ids (a key must name the same payment for ever), payments and the rest of
// the read model.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';

export interface RetentionDays {
  events: number;
  pspEvents: number;
  audit: number;
}

export interface Purged {
  idempotency_keys: number;
  events: number;
  event_deliveries: number;
  psp_events: number;
  audit_log: number;
}

/** Rows per statement: small enough that each delete holds its locks briefly. */
const SLICE = 5_000;

export async function purgeExpired(db: Database, keep: RetentionDays): Promise<Purged> {
  const idempotencyKeys = await untilShort(() =>
    deleted(
      db,
      sql`delete from idempotency_keys where ctid in (
      select ctid from idempotency_keys where expires_at < now() limit ${SLICE})`,
    ),
  );
  let deliveries = 0;
  const events = await untilShort(() => purgeEventSlice(db, keep.events, (n) => (deliveries += n)));
  const pspEvents = await untilShort(() =>
    deleted(
      db,
      sql`delete from psp_events where ctid in (
      select ctid from psp_events where received_at < now() - make_interval(days => ${keep.pspEvents}) limit ${SLICE})`,
    ),
  );
  const audit = await untilShort(() => purgeAuditSlice(db, keep.audit));
  return { idempotency_keys: idempotencyKeys, events, event_deliveries: deliveries, psp_events: pspEvents, audit_log: audit };
}

/**
 * Events past their retention, with their deliveries. An event goes only once it was relayed
 * and every delivery of it has finished: a webhook still being retried keeps it, however old.
 */
function purgeEventSlice(db: Database, days: number, countDeliveries: (n: number) => void): Promise<number> {
  return db.transaction(async (tx) => {
    const old = await tx.execute<{ id: string }>(sql`
      select e.id from events e
      where e.created_at < now() - make_interval(days => ${days}) and e.relayed_at is not null
        and not exists (select 1 from event_deliveries d where d.event_id = e.id and d.status = 'pending')
      limit ${SLICE}
      for update skip locked`);
    const ids = old.rows.map((row) => row.id);
    if (ids.length === 0) return 0;
    const idList = sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );
    // Checked again as they are deleted: a redelivery may have made one pending since the
    // select (it updates the delivery, which locks nothing of the event), and its event stays.
    const gone = await tx.execute(sql`delete from event_deliveries where event_id in (${idList}) and status <> 'pending'`);
    countDeliveries(gone.rowCount ?? 0);
    const result = await tx.execute(
      sql`delete from events e where e.id in (${idList}) and not exists (select 1 from event_deliveries d where d.event_id = e.id)`,
    );
    return result.rowCount ?? 0;
  });
}

/** The audit log's trigger lets a delete through only when its transaction names the horizon (0017). */
function purgeAuditSlice(db: Database, days: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('holdfast.audit_purge_before', (now() - make_interval(days => ${days}))::text, true)`);
    return deleted(
      tx,
      sql`delete from audit_log where ctid in (
      select ctid from audit_log where created_at < now() - make_interval(days => ${days}) limit ${SLICE})`,
    );
  });
}

async function deleted(db: Pick<Database, 'execute'>, statement: SQL): Promise<number> {
  return (await db.execute(statement)).rowCount ?? 0;
}

/** Repeats a slice until one comes back short; the total. */
async function untilShort(slice: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await slice();
    total += count;
    if (count < SLICE) return total;
  }
}
