import { ApplicationFailure } from '@temporalio/common';
import assert from 'node:assert/strict';
import { Client, type DatabaseError } from 'pg';
import { createLedgerActivities } from '../../activities/ledger';
import { postingParameter } from '../../db/queries/ledger-post';
import type { Database } from '../../db/client';
import { listLedgerTransactions, merchantBalances, unbalancedTransactions } from '../../db/queries/ledger';
import { authorizationHold, capture, holdRelease, refund, type Posting } from '../../domain/ledger';
import { eventually } from '../support/eventually';
import { freshDatabase } from '../support/postgres';

describe('ledger (Postgres)', () => {
  /** The owner's: these tests are about the triggers, which hold even for the owner. */
  let url: string;
  /** The app role's, for what races as the worker would. */
  let appUrl: string;
  let db: Database;
  let close: () => Promise<void>;
  let ledger: ReturnType<typeof createLedgerActivities>;

  before(async () => {
    ({ ownerUrl: url, url: appUrl, db, close } = await freshDatabase());
    ledger = createLedgerActivities({ db });
  });
  after(() => close());

  // Every test gets its own merchant and payment, so tests share the database, not rows.
  let counter = 0;
  function newPayment(currency = 'usd') {
    counter += 1;
    return { paymentId: `pay_${counter}`, merchantId: `mer_${counter}`, psp: 'stripe', currency };
  }

  /** Runs raw SQL on a dedicated connection, the way a careless script would. */
  async function withClient<T>(run: (client: Client) => Promise<T>, as = url): Promise<T> {
    const client = new Client({ connectionString: as });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  }

  function pgError(code: string, message?: RegExp) {
    return (error: DatabaseError) => {
      assert.equal(error.code, code, error.message);
      if (message) assert.match(error.message, message);
      return true;
    };
  }

  /**
   * A ledger transaction and its entries written by one raw statement, as ledger_post writes
   * them (a ledger transaction gets its entries from the statement that creates it, 0015).
   */
  function rawPosting(
    client: Client,
    id: string,
    kind: string,
    merchantId: string,
    entries: Array<[account: string, amount: number, currency: string]>,
  ) {
    return client.query(
      `with t as (insert into ledger_transactions (id, posting_key, kind, merchant_id) values ($1, $1, $2, $3) returning id)
       insert into ledger_entries (transaction_id, account_id, amount, currency)
         select t.id, e.account_id, e.amount, e.currency
           from t, jsonb_to_recordset($4::jsonb) as e(account_id bigint, amount bigint, currency text)`,
      [id, kind, merchantId, JSON.stringify(entries.map(([account_id, amount, currency]) => ({ account_id, amount, currency })))],
    );
  }

  async function accountId(client: Client, code: string, currency: string): Promise<string> {
    const { rows } = await client.query('select id from ledger_accounts where code = $1 and currency = $2', [code, currency]);
    assert.equal(rows.length, 1, `account ${code} ${currency}`);
    return rows[0].id;
  }

  describe('posting', () => {
    it('writes one transaction whose entries balance', async () => {
      const p = newPayment();
      const posting = capture({ ...p, authorizedAmount: 10_000, amount: 10_000, feeBps: 290 });
      const result = await ledger.postLedgerTransaction(posting);
      assert.equal(result.created, true);
      assert.match(result.transactionId, /^ltx_[0-9a-f]{32}$/);
      const [stored, ...rest] = await listLedgerTransactions(db, { merchantId: p.merchantId });
      assert.equal(rest.length, 0);
      assert.equal(stored!.id, result.transactionId);
      assert.equal(stored!.posting_key, 'payment:pay_' + counter + ':capture');
      assert.equal(stored!.kind, 'capture');
      assert.deepEqual(stored!.entries, posting.entries);
      assert.deepEqual(await unbalancedTransactions(db), []);
    });

    it('a retried posting key writes nothing and leaves balances unchanged', async () => {
      const p = newPayment();
      const posting = capture({ ...p, authorizedAmount: 5_000, amount: 5_000, feeBps: 100 });
      const first = await ledger.postLedgerTransaction(posting);
      const balancesAfterFirst = await merchantBalances(db, p.merchantId);
      // Same posting, entries in another order: still the same posting.
      const retry = await ledger.postLedgerTransaction({ ...posting, entries: [...posting.entries].reverse() });
      assert.deepEqual(retry, { transactionId: first.transactionId, created: false });
      assert.equal((await listLedgerTransactions(db, { merchantId: p.merchantId })).length, 1);
      assert.deepEqual(await merchantBalances(db, p.merchantId), balancesAfterFirst);
    });

    it('reusing a posting key for different entries fails with a non-retryable PostingKeyConflict', async () => {
      const p = newPayment();
      await ledger.postLedgerTransaction(capture({ ...p, authorizedAmount: 1_000, amount: 1_000, feeBps: 0 }));
      await assert.rejects(
        ledger.postLedgerTransaction(capture({ ...p, authorizedAmount: 1_000, amount: 900, feeBps: 0 })),
        (error: unknown) => {
          assert.ok(error instanceof ApplicationFailure);
          assert.equal(error.type, 'PostingKeyConflict');
          assert.equal(error.nonRetryable, true);
          return true;
        },
      );
      assert.deepEqual(await merchantBalances(db, p.merchantId), [{ currency: 'usd', pending: 1_000, available: 0, reserved: 0 }]);
    });

    it('an unbalanced posting fails with a non-retryable InvalidPosting before reaching Postgres', async () => {
      const p = newPayment();
      const posting: Posting = refund({ ...p, refundId: `re_${counter}`, amount: 100 });
      posting.entries[0]!.amount = 101;
      await assert.rejects(ledger.postLedgerTransaction(posting), (error: unknown) => {
        assert.ok(error instanceof ApplicationFailure);
        assert.equal(error.type, 'InvalidPosting');
        assert.equal(error.nonRetryable, true);
        return true;
      });
      assert.deepEqual(await listLedgerTransactions(db, { merchantId: p.merchantId }), []);
    });

    it('20 concurrent identical postings write exactly one transaction', async () => {
      const p = newPayment();
      const posting = authorizationHold({ ...p, amount: 7_500 });
      const results = await Promise.all(Array.from({ length: 20 }, () => ledger.postLedgerTransaction(posting)));
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal(new Set(results.map((r) => r.transactionId)).size, 1);
      const stored = await listLedgerTransactions(db, { merchantId: p.merchantId });
      assert.equal(stored.length, 1);
      assert.equal(stored[0]!.entries.length, 2);
    });

    it('concurrent postings that create the same new accounts all succeed', async () => {
      const p = newPayment();
      const postings = Array.from({ length: 10 }, (_, i) =>
        capture({ ...p, paymentId: `${p.paymentId}_${i}`, authorizedAmount: 1_000, amount: 1_000, feeBps: 0 }),
      );
      const results = await Promise.all(postings.map((posting) => ledger.postLedgerTransaction(posting)));
      assert.ok(results.every((r) => r.created));
      assert.deepEqual(await merchantBalances(db, p.merchantId), [{ currency: 'usd', pending: 10_000, available: 0, reserved: 0 }]);
    });
  });

  describe('Postgres invariants', () => {
    it('rejects, at the end of its statement, a transaction whose entries do not sum to zero, written with raw SQL', async () => {
      const p = newPayment();
      await ledger.postLedgerTransaction(refund({ ...p, refundId: `re_${counter}`, amount: 100 }));
      await withClient(async (client) => {
        const pending = await accountId(client, `merchant:${p.merchantId}:pending`, 'usd');
        const receivable = await accountId(client, 'psp:stripe:receivable', 'usd');
        await assert.rejects(
          rawPosting(client, 'ltx_raw_unbalanced', 'refund', p.merchantId, [
            [pending, 100, 'usd'],
            [receivable, -90, 'usd'],
          ]),
          pgError('23514', /ltx_raw_unbalanced does not balance: usd balance-sheet entries sum to 10/),
        );
        const { rows } = await client.query(`select 1 from ledger_transactions where id = 'ltx_raw_unbalanced'`);
        assert.equal(rows.length, 0);
      });
    });

    it('rejects a transaction with fewer than two entries', async () => {
      const p = newPayment();
      await ledger.postLedgerTransaction(authorizationHold({ ...p, amount: 100 }));
      await withClient(async (client) => {
        const holds = await accountId(client, 'memo:holds:stripe', 'usd');
        await assert.rejects(
          rawPosting(client, 'ltx_raw_0_entries', 'authorization_hold', p.merchantId, []),
          pgError('23514', /ltx_raw_0_entries has 0 entries; at least 2 are required/),
        );
        await assert.rejects(
          rawPosting(client, 'ltx_raw_1_entries', 'authorization_hold', p.merchantId, [[holds, 100, 'usd']]),
          pgError('23514', /ltx_raw_1_entries has 1 entries; at least 2 are required/),
        );
      });
    });

    it('rejects a transaction inserted without its entries, however they would follow', async () => {
      const p = newPayment();
      await ledger.postLedgerTransaction(refund({ ...p, refundId: `re_${counter}`, amount: 100 }));
      for (const [role, as] of [
        ['app', appUrl],
        ['owner', url],
      ] as const) {
        await withClient(async (client) => {
          const id = `ltx_raw_alone_${role}`;
          // Nothing is deferred: no setting moves the check to a later point.
          await client.query('begin');
          await client.query('set constraints all deferred');
          await assert.rejects(
            client.query(`insert into ledger_transactions (id, posting_key, kind, merchant_id) values ($1, $1, 'refund', $2)`, [
              id,
              p.merchantId,
            ]),
            pgError('23514', new RegExp(`${id} has 0 entries; at least 2 are required, written by the statement that creates it`)),
          );
          await client.query('rollback');
        }, as);
      }
    });

    it('rejects a memo entry balancing a balance-sheet entry', async () => {
      const p = newPayment();
      await ledger.postLedgerTransaction(capture({ ...p, authorizedAmount: 100, amount: 100, feeBps: 0 }));
      await withClient(async (client) => {
        const holds = await accountId(client, 'memo:holds:stripe', 'usd');
        const pending = await accountId(client, `merchant:${p.merchantId}:pending`, 'usd');
        await assert.rejects(
          rawPosting(client, 'ltx_raw_memo', 'capture', p.merchantId, [
            [holds, 100, 'usd'],
            [pending, -100, 'usd'],
          ]),
          pgError('23514', /ltx_raw_memo does not balance/),
        );
      });
    });

    it("rejects an entry whose currency differs from its account's", async () => {
      const p = newPayment();
      await ledger.postLedgerTransaction(refund({ ...p, refundId: `re_${counter}`, amount: 100 }));
      await withClient(async (client) => {
        const pending = await accountId(client, `merchant:${p.merchantId}:pending`, 'usd');
        await assert.rejects(
          rawPosting(client, 'ltx_raw_fx', 'refund', p.merchantId, [
            [pending, 100, 'eur'],
            [pending, -100, 'eur'],
          ]),
          pgError('23503', /ledger_entries_account_currency_fkey/),
        );
      });
    });

    it('rejects entries added to an already committed transaction, even balanced ones', async () => {
      const p = newPayment();
      const { transactionId } = await ledger.postLedgerTransaction(refund({ ...p, refundId: `re_${counter}`, amount: 100 }));
      await withClient(async (client) => {
        const pending = await accountId(client, `merchant:${p.merchantId}:pending`, 'usd');
        const receivable = await accountId(client, 'psp:stripe:receivable', 'usd');
        await assert.rejects(
          client.query(
            `insert into ledger_entries (transaction_id, account_id, amount, currency) values ($1, $2, 5, 'usd'), ($1, $3, -5, 'usd')`,
            [transactionId, pending, receivable],
          ),
          pgError('23514', /must be written in the database transaction that created it/),
        );
      });
    });

    it('rejects a second statement of entries for a transaction written whole, even a balanced one', async () => {
      const p = newPayment();
      await ledger.postLedgerTransaction(refund({ ...p, refundId: `re_${counter}`, amount: 100 }));
      for (const [role, as] of [
        ['app', appUrl],
        ['owner', url],
      ] as const) {
        await withClient(async (client) => {
          const pending = await accountId(client, `merchant:${p.merchantId}:pending`, 'usd');
          const receivable = await accountId(client, 'psp:stripe:receivable', 'usd');
          const id = `ltx_raw_second_statement_${role}`;
          await client.query('begin');
          await rawPosting(client, id, 'refund', p.merchantId, [
            [pending, 5, 'usd'],
            [receivable, -5, 'usd'],
          ]);
          for (const amounts of [[2], [3, -3]]) {
            await client.query('savepoint attempt');
            await assert.rejects(
              client.query(
                `insert into ledger_entries (transaction_id, account_id, amount, currency)
                 select $1, $2, a, 'usd' from unnest($3::bigint[]) as a`,
                [id, pending, amounts],
              ),
              pgError('23514', new RegExp(`${id} already has entries: all of its entries must be written in one statement`)),
            );
            await client.query('rollback to savepoint attempt');
          }
          await client.query('rollback');
          const { rows } = await client.query(`select 1 from ledger_transactions where id = $1`, [id]);
          assert.equal(rows.length, 0, `${role}: nothing of it stored`);
        }, as);
      }
    });

    it('rejects entries for a ledger transaction that does not exist, or was created under a savepoint', async () => {
      const p = newPayment();
      await ledger.postLedgerTransaction(refund({ ...p, refundId: `re_${counter}`, amount: 100 }));
      await withClient(async (client) => {
        const pending = await accountId(client, `merchant:${p.merchantId}:pending`, 'usd');
        const receivable = await accountId(client, 'psp:stripe:receivable', 'usd');
        await client.query('begin');
        await assert.rejects(
          client.query(
            `insert into ledger_entries (transaction_id, account_id, amount, currency) values ($1, $2, 5, 'usd'), ($1, $3, -5, 'usd')`,
            ['ltx_raw_nowhere', pending, receivable],
          ),
          pgError('23514', /ltx_raw_nowhere must be written in the database transaction that created it/),
        );
        await client.query('rollback');

        await client.query('begin');
        await client.query('savepoint nested');
        await assert.rejects(
          rawPosting(client, 'ltx_raw_nested', 'refund', p.merchantId, [
            [pending, 5, 'usd'],
            [receivable, -5, 'usd'],
          ]),
          pgError('23514', /ltx_raw_nested must be written in the database transaction that created it/),
        );
        await client.query('rollback');
      });
    });

    it('two payouts racing for one balance: the second waits for the first, then is refused', async () => {
      const p = newPayment('eur');
      const available = `merchant:${p.merchantId}:available`;
      const money = (postingKey: string, kind: Posting['kind'], amount: number): Posting => ({
        postingKey,
        kind,
        merchantId: p.merchantId,
        paymentId: null,
        entries: [
          { account: available, amount, currency: 'eur' },
          { account: 'bank:stripe:settlement', amount: -amount, currency: 'eur' },
        ],
      });
      await ledger.postLedgerTransaction(money(`funding:${counter}`, 'settlement', -500));
      // As the worker would, but each in a transaction held open, so they overlap for sure.
      const first = new Client({ connectionString: appUrl });
      const second = new Client({ connectionString: appUrl });
      await first.connect();
      await second.connect();
      try {
        const post = (client: Client, posting: Posting) =>
          client.query('select * from ledger_post($1::jsonb)', [postingParameter(posting)]);
        await first.query('begin');
        await post(first, money(`payout:${counter}:a`, 'payout', 300));
        await second.query('begin');
        const secondPid = (await second.query('select pg_backend_pid() as pid')).rows[0].pid;
        const secondPayout = post(second, money(`payout:${counter}:b`, 'payout', 300));
        secondPayout.catch(() => undefined); // awaited below
        // Without the queue the second would sum the balance without the first's uncommitted
        // payout, find 500, and go through.
        await eventually('the second payout waits for the first', async () => {
          const { rows } = await withClient((client) =>
            client.query(`select wait_event from pg_stat_activity where pid = $1 and wait_event_type = 'Lock'`, [secondPid]),
          );
          return rows[0]?.wait_event === 'advisory';
        });
        await first.query('commit');
        await assert.rejects(secondPayout, (error: DatabaseError) => {
          assert.equal(error.code, '23514', error.message);
          assert.equal(error.constraint, 'ledger_payouts_never_overdraw');
          return true;
        });
        await second.query('rollback');
      } finally {
        await first.end();
        await second.end();
      }
      await withClient(async (client) => {
        const { rows } = await client.query(
          `select -sum(e.amount)::int as balance from ledger_entries e join ledger_accounts a on a.id = e.account_id where a.code = $1`,
          [available],
        );
        assert.equal(rows[0].balance, 200);
      });
    });

    it('refuses a payout under REPEATABLE READ or SERIALIZABLE, whose snapshot cannot see the payouts it raced', async () => {
      const p = newPayment('eur');
      const available = `merchant:${p.merchantId}:available`;
      const entries = (amount: number) => [
        { account: available, amount, currency: 'eur' },
        { account: 'bank:stripe:settlement', amount: -amount, currency: 'eur' },
      ];
      await ledger.postLedgerTransaction({
        postingKey: `funding:${counter}`,
        kind: 'settlement',
        merchantId: p.merchantId,
        paymentId: null,
        entries: entries(-500),
      });
      const payout: Posting = {
        postingKey: `payout:${counter}:rr`,
        kind: 'payout',
        merchantId: p.merchantId,
        paymentId: null,
        entries: entries(100),
      };
      await withClient(async (client) => {
        // SERIALIZABLE too: it detects races only among SERIALIZABLE writers, and a payout
        // committed at READ COMMITTED after this snapshot would be missed by its sum.
        for (const level of ['repeatable read', 'serializable']) {
          await client.query(`begin isolation level ${level}`);
          await assert.rejects(
            client.query('select * from ledger_post($1::jsonb)', [postingParameter(payout)]),
            pgError('23514', new RegExp(`must be written under READ COMMITTED: a transaction snapshot \\(${level.toUpperCase()}\\)`)),
          );
          await client.query('rollback');
        }
        await client.query('begin isolation level read committed');
        await client.query('select * from ledger_post($1::jsonb)', [postingParameter(payout)]);
        await client.query('commit');
      }, appUrl);
    });

    it('rejects UPDATE and DELETE of entries, transactions and accounts', async () => {
      const p = newPayment();
      const { transactionId } = await ledger.postLedgerTransaction(authorizationHold({ ...p, amount: 100 }));
      await withClient(async (client) => {
        const statements = [
          ['update ledger_entries set amount = amount * 2 where transaction_id = $1', /ledger_entries is append-only: UPDATE/],
          ['delete from ledger_entries where transaction_id = $1', /ledger_entries is append-only: DELETE/],
          [`update ledger_transactions set kind = 'capture' where id = $1`, /ledger_transactions is append-only: UPDATE/],
          ['delete from ledger_transactions where id = $1', /ledger_transactions is append-only: DELETE/],
          [
            `update ledger_accounts set type = 'asset' where id in (select account_id from ledger_entries where transaction_id = $1)`,
            /ledger_accounts is append-only: UPDATE/,
          ],
        ] as const;
        for (const [statement, message] of statements) {
          await assert.rejects(client.query(statement, [transactionId]), pgError('23001', message));
        }
        await assert.rejects(client.query('truncate ledger_entries'), pgError('23001', /TRUNCATE/));
      });
      const [stored] = await listLedgerTransactions(db, { merchantId: p.merchantId });
      assert.deepEqual(
        stored!.entries.map((e) => e.amount),
        [100, -100],
      );
    });

    it('unbalancedTransactions reports a transaction written with the triggers bypassed', async () => {
      // Its own database: the rows it leaves behind are exactly what the invariants forbid.
      const own = await freshDatabase();
      try {
        const p = newPayment();
        await createLedgerActivities({ db: own.db }).postLedgerTransaction(refund({ ...p, refundId: `re_${counter}`, amount: 100 }));
        const client = new Client({ connectionString: own.ownerUrl });
        await client.connect();
        try {
          const { rows } = await client.query(`select rolsuper from pg_roles where rolname = current_user`);
          assert.ok(rows[0].rolsuper, 'bypassing triggers needs a superuser, as the test cluster has');
          const pending = await accountId(client, `merchant:${p.merchantId}:pending`, 'usd');
          await client.query('begin');
          await client.query('set local session_replication_role = replica');
          await client.query(
            `insert into ledger_transactions (id, posting_key, kind, merchant_id) values ('ltx_raw_bypass', 'raw:bypass', 'refund', $1)`,
            [p.merchantId],
          );
          await client.query(
            `insert into ledger_entries (transaction_id, account_id, amount, currency) values ('ltx_raw_bypass', $1, 100, 'usd')`,
            [pending],
          );
          await client.query('commit');
        } finally {
          await client.end();
        }
        assert.deepEqual(await unbalancedTransactions(own.db), ['ltx_raw_bypass']);
      } finally {
        await own.close();
      }
    });
  });

  describe('balances', () => {
    it('an authorization hold does not change the merchant balances', async () => {
      const p = newPayment();
      await ledger.postLedgerTransaction(authorizationHold({ ...p, amount: 3_000 }));
      assert.deepEqual(await merchantBalances(db, p.merchantId), []);
      await ledger.postLedgerTransaction(capture({ ...p, authorizedAmount: 3_000, amount: 3_000, feeBps: 0 }));
      const second = { ...p, paymentId: `${p.paymentId}_b` };
      await ledger.postLedgerTransaction(authorizationHold({ ...second, amount: 9_999 }));
      await ledger.postLedgerTransaction(holdRelease({ ...second, amount: 9_999, reason: 'expired' }));
      assert.deepEqual(await merchantBalances(db, p.merchantId), [{ currency: 'usd', pending: 3_000, available: 0, reserved: 0 }]);
    });

    it('a capture credits pending with the amount less the platform fee', async () => {
      const p = newPayment();
      await ledger.postLedgerTransaction(authorizationHold({ ...p, amount: 10_000 }));
      await ledger.postLedgerTransaction(capture({ ...p, authorizedAmount: 10_000, amount: 8_000, feeBps: 290 }));
      // fee = floor(8000 × 290 / 10000) = 232
      assert.deepEqual(await merchantBalances(db, p.merchantId), [{ currency: 'usd', pending: 7_768, available: 0, reserved: 0 }]);
    });

    it('a refund reduces pending by the refunded amount', async () => {
      const p = newPayment();
      await ledger.postLedgerTransaction(capture({ ...p, authorizedAmount: 10_000, amount: 10_000, feeBps: 0 }));
      await ledger.postLedgerTransaction(refund({ ...p, refundId: `re_${counter}`, amount: 2_500 }));
      assert.deepEqual(await merchantBalances(db, p.merchantId), [{ currency: 'usd', pending: 7_500, available: 0, reserved: 0 }]);
    });

    it('are kept per currency', async () => {
      const p = newPayment();
      await ledger.postLedgerTransaction(capture({ ...p, authorizedAmount: 500, amount: 500, feeBps: 0 }));
      const inYen = { ...p, paymentId: `${p.paymentId}_jpy`, currency: 'jpy' };
      await ledger.postLedgerTransaction(capture({ ...inYen, authorizedAmount: 1_200, amount: 1_200, feeBps: 0 }));
      assert.deepEqual(await merchantBalances(db, p.merchantId), [
        { currency: 'jpy', pending: 1_200, available: 0, reserved: 0 },
        { currency: 'usd', pending: 500, available: 0, reserved: 0 },
      ]);
    });

    it("a payment's transactions list in the order they were posted, filtered by payment", async () => {
      const p = newPayment();
      const other = { ...p, paymentId: `${p.paymentId}_other` };
      await ledger.postLedgerTransaction(authorizationHold({ ...p, amount: 1_000 }));
      await ledger.postLedgerTransaction(authorizationHold({ ...other, amount: 50 }));
      await ledger.postLedgerTransaction(capture({ ...p, authorizedAmount: 1_000, amount: 1_000, feeBps: 0 }));
      await ledger.postLedgerTransaction(refund({ ...p, refundId: `re_${counter}`, amount: 400 }));
      const listed = await listLedgerTransactions(db, { merchantId: p.merchantId, paymentId: p.paymentId });
      assert.deepEqual(
        listed.map((t) => t.kind),
        ['authorization_hold', 'capture', 'refund'],
      );
      assert.ok(listed.every((t) => Number.isSafeInteger(t.created) && t.created > 1_600_000_000));
      assert.equal((await listLedgerTransactions(db, { merchantId: p.merchantId })).length, 4);
    });
  });
});
