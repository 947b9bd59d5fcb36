// The API and the worker connect as holdfast_app, which reads and writes rows and nothing
// more: it cannot rewrite the ledger's history or the audit log, alter a table, or switch a
// trigger off, so a bug or an injected statement in the app cannot either. The whole stack
// runs on that role here, as every integration suite does.
import assert from 'node:assert/strict';
import { Client, type DatabaseError } from 'pg';
import { createDatabase } from '../../db/client';
import { recordAudit } from '../../db/queries/audit';
import { excessPrivilege } from '../../db/queries/connection-role';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { eventually } from '../support/eventually';
import { stackForSuite } from '../support/stack';
import { answered, withId } from '../support/typed-answers';

const PERMISSION_DENIED = '42501';
const HISTORY = ['ledger_entries', 'ledger_transactions', 'ledger_accounts', 'audit_log'];

describe('least privilege: the app role', function () {
  this.timeout(120_000);
  const suite = stackForSuite();

  async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  }
  const asApp = <T>(run: (client: Client) => Promise<T>) => withClient(suite.stack.databaseUrl, run);
  const asOwner = <T>(run: (client: Client) => Promise<T>) => withClient(suite.stack.ownerDatabaseUrl, run);

  function refused(code: string, message?: RegExp) {
    return (error: DatabaseError) => {
      assert.equal(error.code, code, error.message);
      if (message) assert.match(error.message, message);
      return true;
    };
  }

  let paymentId: string;
  before(async () => {
    // History to protect: a payment captured and partly refunded through the API, an audit row.
    const created = answered(
      await suite.client.POST('/v1/payments', { body: { amount: 2_000, currency: 'usd', payment_method: 'pm_card_visa' } }),
      201,
    );
    paymentId = created.id;
    await recordAudit(suite.stack.db, { actor: 'test', action: 'probe', subjectType: 'payment', subjectId: paymentId, details: {} });
  });

  it('is what the API and the worker connect as: no superuser, no owner of anything', async () => {
    const row = await asApp(
      async (client) =>
        (
          await client.query(
            'select current_user as name, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls from pg_roles where rolname = current_user',
          )
        ).rows[0],
    );
    assert.deepEqual(row, { name: 'holdfast_app', rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
    const owned = await asApp(
      async (client) =>
        (
          await client.query(
            `select count(*)::int as n from pg_class where relowner = (select oid from pg_roles where rolname = current_user)`,
          )
        ).rows[0].n,
    );
    assert.equal(owned, 0);
  });

  it('is what `holdfast api` and `worker` check for at start, and they warn of the owner', async () => {
    assert.equal(await excessPrivilege(suite.stack.db), undefined);
    const owner = createDatabase(suite.stack.ownerDatabaseUrl, { max: 1 });
    try {
      assert.match((await excessPrivilege(owner.db)) ?? '', /superuser|owns/);
    } finally {
      await owner.close();
    }
  });

  it('cannot UPDATE, DELETE or TRUNCATE the ledger or the audit log', async () => {
    await asApp(async (client) => {
      for (const table of HISTORY) {
        for (const statement of [`update ${table} set created_at = created_at`, `delete from ${table}`, `truncate ${table}`]) {
          await assert.rejects(client.query(statement), refused(PERMISSION_DENIED, /permission denied/), statement);
        }
      }
    });
    const entries = await asApp(async (client) => (await client.query('select count(*)::int as n from ledger_entries')).rows[0].n);
    assert.ok(entries > 0, 'the history is still there');
  });

  it('cannot alter a table, switch its triggers off, replicate past them, or create objects', async () => {
    await asApp(async (client) => {
      const statements = [
        'alter table ledger_entries disable trigger ledger_entries_append_only',
        'alter table ledger_entries disable trigger all',
        'alter table audit_log disable trigger audit_log_append_only',
        'alter table payments drop constraint payments_amounts_nonnegative_check',
        'drop trigger ledger_entries_checked on ledger_entries',
        'alter table ledger_entries disable trigger ledger_entries_checked',
        'drop trigger ledger_transactions_written_whole on ledger_transactions',
        'alter table ledger_transactions disable trigger ledger_transactions_written_whole',
        'alter table payments add column note text',
        'create table scratch (id int)',
        'create or replace function ledger_reject_change() returns trigger language plpgsql as $$ begin return new; end $$',
        'set session_replication_role = replica',
      ];
      for (const statement of statements) {
        await assert.rejects(client.query(statement), refused(PERMISSION_DENIED), statement);
      }
    });
  });

  it("cannot write around the ledger's checks with direct INSERTs, nor with temporary tables named as the ledger's", async () => {
    const [committed] = await asApp(
      async (client) =>
        (
          await client.query(
            `select t.id, min(e.account_id) as account, max(e.account_id) as other, min(e.currency) as currency
         from ledger_transactions t join ledger_entries e on e.transaction_id = t.id
        where t.payment_id = $1 group by t.id having count(distinct e.account_id) >= 2 limit 1`,
            [paymentId],
          )
        ).rows,
    );
    assert.ok(committed, 'a committed ledger transaction of the payment');
    const pair = (client: Client, transactionId: string, amount = 5) =>
      client.query(`insert into ledger_entries (transaction_id, account_id, amount, currency) values ($1, $2, $4, $5), ($1, $3, -5, $5)`, [
        transactionId,
        committed.account,
        committed.other,
        amount,
        committed.currency,
      ]);
    // A ledger transaction and its entries in one statement, as ledger_post writes them.
    const whole = (client: Client, transactionId: string, amount: number) =>
      client.query(
        `with t as (insert into public.ledger_transactions (id, posting_key, kind, merchant_id) values ($1, $1, 'capture', 'mer_app') returning id)
         insert into public.ledger_entries (transaction_id, account_id, amount, currency)
           select t.id, e.account, e.amount, $5 from t, (values ($2::bigint, $4::bigint), ($3::bigint, -5::bigint)) as e(account, amount)`,
        [transactionId, committed.account, committed.other, amount, committed.currency],
      );
    await asApp(async (client) => {
      // Unbalanced, in a ledger transaction of its own: refused at the end of its statement.
      await assert.rejects(whole(client, 'ltx_app_raw', 7), refused('23514', /ltx_app_raw does not balance/));
      // Its row alone, the entries to follow: refused at once.
      await client.query('begin');
      await assert.rejects(
        client.query(
          `insert into ledger_transactions (id, posting_key, kind, merchant_id) values ('ltx_app_raw', 'app:raw', 'capture', 'mer_app')`,
        ),
        refused('23514', /ltx_app_raw has 0 entries/),
      );
      await client.query('rollback');

      // A balanced pair added to a committed ledger transaction: refused at once.
      await assert.rejects(pair(client, committed.id), refused('23514', /must be written in the database transaction that created it/));

      // The same, with temporary tables (any role may make them, and they come first on the
      // search path) posing as the ledger's, one holding the committed id as if created now.
      await client.query('create temporary table ledger_transactions (id text, kind text)');
      await client.query('create temporary table ledger_entries (transaction_id text, account_id bigint, amount bigint, currency text)');
      await client.query('create temporary table ledger_accounts (id bigint, currency text, type text)');
      await client.query('begin');
      await client.query(`insert into ledger_transactions values ($1, 'capture')`, [committed.id]);
      await assert.rejects(
        client.query(
          `insert into public.ledger_entries (transaction_id, account_id, amount, currency) values ($1, $2, 5, $4), ($1, $3, -5, $4)`,
          [committed.id, committed.account, committed.other, committed.currency],
        ),
        refused('23514', /must be written in the database transaction that created it/),
      );
      await client.query('rollback');

      // A new ledger transaction whose real entries do not balance, with balanced stand-ins.
      await client.query(`insert into ledger_entries values ('ltx_app_shadow', 1, 5, 'usd'), ('ltx_app_shadow', 2, -5, 'usd')`);
      await client.query(`insert into ledger_accounts values (1, 'usd', 'asset'), (2, 'usd', 'asset')`);
      await assert.rejects(whole(client, 'ltx_app_shadow', 7), refused('23514', /ltx_app_shadow does not balance/));
      // A ledger transaction's row alone, its entries only in the stand-in table.
      await client.query(`insert into ledger_entries values ('ltx_app_alone', 1, 5, 'usd'), ('ltx_app_alone', 2, -5, 'usd')`);
      await assert.rejects(
        client.query(
          `insert into public.ledger_transactions (id, posting_key, kind, merchant_id) values ('ltx_app_alone', 'app:alone', 'capture', 'mer_app')`,
        ),
        refused('23514', /ltx_app_alone has 0 entries/),
      );
    });
    assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
  });

  it("cannot turn the ledger's checks with temporary types named as built-in ones", async () => {
    const [committed] = await asApp(
      async (client) =>
        (
          await client.query(
            `select t.id, t.xmin::text::int as xmin, min(e.account_id) as account, max(e.account_id) as other, min(e.currency) as currency
         from ledger_transactions t join ledger_entries e on e.transaction_id = t.id
        where t.payment_id = $1 group by t.id, t.xmin having count(distinct e.account_id) >= 2 limit 1`,
            [paymentId],
          )
        ).rows,
    );
    assert.ok(Number.isInteger(committed.xmin), 'the committed ledger transaction and its xmin');
    await asApp(async (client) => {
      // A `text` of two fields: a check that selects an id INTO a text variable would read a
      // null from it, and let a ledger transaction without entries commit.
      await client.query('create type pg_temp.text as (a pg_catalog.text, b int)');
      await assert.rejects(
        client.query(
          `insert into ledger_transactions (id, posting_key, kind, merchant_id) values ('ltx_app_typed', 'app:typed', 'capture', 'mer_app')`,
        ),
        refused('23514', /ltx_app_typed has 0 entries/),
      );
    });
    await asApp(async (client) => {
      // An `xid` whose casts make every ledger transaction look created by this database
      // transaction: entries added to a committed one would pass as written with it.
      await client.query('create type pg_temp.xid as (v int4)');
      await client.query(`create function pg_temp.to_fake(xid8) returns pg_temp.xid language sql as 'select row(0)::pg_temp.xid'`);
      await client.query(`create function pg_temp.from_fake(pg_temp.xid) returns int4 language sql as 'select ${committed.xmin}'`);
      await client.query('create cast (xid8 as pg_temp.xid) with function pg_temp.to_fake(xid8)');
      await client.query('create cast (pg_temp.xid as int4) with function pg_temp.from_fake(pg_temp.xid) as implicit');
      await assert.rejects(
        client.query(`insert into ledger_entries (transaction_id, account_id, amount, currency) values ($1, $2, 5, $4), ($1, $3, -5, $4)`, [
          committed.id,
          committed.account,
          committed.other,
          committed.currency,
        ]),
        refused('23514', /must be written in the database transaction that created it/),
      );
    });
    assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
  });

  it('the audit log is append-only even for the owner, as the ledger is', async () => {
    await asOwner(async (client) => {
      await assert.rejects(
        client.query(`update audit_log set actor = 'someone else'`),
        refused('23001', /audit_log is append-only: UPDATE/),
      );
      await assert.rejects(client.query('delete from audit_log'), refused('23001', /audit_log is append-only: DELETE/));
      await assert.rejects(client.query('truncate audit_log'), refused('23001', /audit_log is append-only: TRUNCATE/));
    });
  });

  it('still runs the service end to end: payments, refunds and the ledger on the app role alone', async () => {
    answered(await suite.client.POST('/v1/payments/{id}/refunds', { ...withId(paymentId), body: { amount: 500 } }), 201);
    await eventually('the refund succeeded', async () => {
      const payment = answered(await suite.client.GET('/v1/payments/{id}', withId(paymentId)), 200);
      return payment.amount_refunded === 500;
    });
    const ledger = answered(await suite.client.GET('/v1/ledger/transactions', { params: { query: { payment: paymentId } } }), 200);
    assert.ok(ledger.data.some((t) => t.kind === 'refund'));
    assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
  });
});
