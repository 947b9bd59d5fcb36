import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, type DatabaseError } from 'pg';
import { createDatabase } from '../../db/client';
import { createMerchant } from '../../db/queries/merchants';
import { purgeExpired } from '../../db/queries/retention';
import { freshDatabase, type FreshDatabase } from '../support/postgres';

const HOLDFAST = path.resolve(__dirname, '../../bin/holdfast.js');
const KEEP = { events: 30, pspEvents: 90, audit: 400 };

/**
 * Each kind of row past its retention goes, and nothing else: not an event whose webhook is
 * still being retried, not an audit row inside its retention or its legal year, never the
 * ledger. And only the owner's purge can delete audit rows.
 */
describe('retention: holdfast purge', function () {
  this.timeout(120_000);
  let database: FreshDatabase;
  let owner: Client;
  let merchantId: string;

  before(async () => {
    database = await freshDatabase();
    owner = new Client({ connectionString: database.ownerUrl });
    await owner.connect();
    merchantId = (await createMerchant(database.db, { name: 'Retention' })).id;
    await owner.query(
      `insert into webhook_endpoints (id, merchant_id, url, events, secret) values ('we_ret', $1, 'https://example.test/h', '["*"]', 'whsec_x')`,
      [merchantId],
    );
  });

  after(async () => {
    await owner.end();
    await database.close();
  });

  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

  async function seed(): Promise<void> {
    await owner.query(`truncate events, event_deliveries, psp_events, idempotency_keys`);
    const event = (id: string, age: number, relayed: boolean) =>
      owner.query(
        `insert into events (id, merchant_id, type, source_key, data, created_at, relayed_at) values ($1, $2, 'payment.captured', $1, '{}', $3, $4)`,
        [id, merchantId, daysAgo(age), relayed ? daysAgo(age) : null],
      );
    const delivery = (eventId: string, status: string) =>
      owner.query(`insert into event_deliveries (event_id, endpoint_id, status) values ($1, 'we_ret', $2)`, [eventId, status]);
    await event('evt_old_done', 31, true);
    await delivery('evt_old_done', 'succeeded');
    await event('evt_old_failed', 40, true);
    await delivery('evt_old_failed', 'failed');
    await event('evt_old_retrying', 45, true);
    await delivery('evt_old_retrying', 'pending');
    await event('evt_old_unrelayed', 50, false);
    await event('evt_recent', 29, true);
    await delivery('evt_recent', 'succeeded');
    for (const [id, age] of [
      ['psp_old', 91],
      ['psp_recent', 89],
    ] as const) {
      await owner.query(`insert into psp_events (psp, event_id, kind, event, received_at) values ('stripe', $1, 'payment', '{}', $2)`, [
        id,
        daysAgo(age),
      ]);
    }
    for (const [key, expiresInDays] of [
      ['expired', -1],
      ['live', 1],
    ] as const) {
      await owner.query(
        `insert into idempotency_keys (merchant_id, key, method, path, request_hash, state, locked_at, expires_at)
         values ($1, $2, 'POST', '/v1/payments', 'h', 'completed', now(), $3)`,
        [merchantId, key, daysAgo(-expiresInDays)],
      );
    }
    for (const [id, age] of [
      ['aud_old', 401],
      ['aud_recent', 399],
      ['aud_young', 100],
    ] as const) {
      await owner.query(
        `insert into audit_log (id, actor, action, subject_type, subject_id, details, created_at) values ($1, 'test', 'probe', 'payment', 'pay_x', '{}', $2)
         on conflict (id) do nothing`,
        [id, daysAgo(age)],
      );
    }
  }

  const ids = async (table: string, column: string) =>
    (await owner.query(`select ${column} as id from ${table} order by 1`)).rows.map((row: { id: string }) => row.id);

  it('deletes what is past its retention, and keeps what is not or is still in use', async () => {
    await seed();
    const ownerDb = createDatabase(database.ownerUrl, { max: 1 });
    try {
      const purged = await purgeExpired(ownerDb.db, KEEP);
      assert.deepEqual(purged, { idempotency_keys: 1, events: 2, event_deliveries: 2, psp_events: 1, audit_log: 1 });
    } finally {
      await ownerDb.close();
    }
    assert.deepEqual(await ids('events', 'id'), ['evt_old_retrying', 'evt_old_unrelayed', 'evt_recent']);
    assert.deepEqual(await ids('event_deliveries', 'event_id'), ['evt_old_retrying', 'evt_recent']);
    assert.deepEqual(await ids('psp_events', 'event_id'), ['psp_recent']);
    assert.deepEqual(await ids('idempotency_keys', 'key'), ['live']);
    assert.deepEqual(await ids(`audit_log where id like 'aud_%'`, 'id'), ['aud_recent', 'aud_young']);
  });

  it('the app role cannot delete audit rows at all; the owner only through the purge, and never within a year', async () => {
    await seed();
    const app = createDatabase(database.url, { max: 1 });
    try {
      await assert.rejects(
        app.db.$client.query(`delete from audit_log where id = 'aud_recent'`),
        (error: DatabaseError) => error.code === '42501',
      );
      await assert.rejects(purgeExpired(app.db, KEEP), (error: Error & { cause?: DatabaseError }) => error.cause?.code === '42501');
    } finally {
      await app.close();
    }
    await assert.rejects(owner.query(`delete from audit_log where id = 'aud_recent'`), /audit_log is append-only: DELETE/);
    await assert.rejects(owner.query(`update audit_log set actor = 'x' where id = 'aud_recent'`), /audit_log is append-only: UPDATE/);
    // A purge horizon that reaches into the last year deletes nothing there.
    await owner.query('begin');
    try {
      await owner.query(`select set_config('holdfast.audit_purge_before', now()::text, true)`);
      await assert.rejects(owner.query(`delete from audit_log where id = 'aud_young'`), /append-only/);
    } finally {
      await owner.query('rollback');
    }
    assert.deepEqual(await ids(`audit_log where id like 'aud_%'`, 'id'), ['aud_old', 'aud_recent', 'aud_young']);
  });

  it('`holdfast purge` runs as the owner and prints the counts', async () => {
    await seed();
    const { stdout } = await promisify(execFile)(process.execPath, [HOLDFAST, 'purge'], {
      env: { ...process.env, MIGRATION_DATABASE_URL: database.ownerUrl, DATABASE_URL: database.url, AUDIT_RETENTION_DAYS: '400' },
    });
    assert.deepEqual(JSON.parse(stdout), { idempotency_keys: 1, events: 2, event_deliveries: 2, psp_events: 1, audit_log: 1 });
  });
});
