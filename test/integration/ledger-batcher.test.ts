// Group commit (db/queries/ledger-batcher.ts, ledger_post_batch of migration 0014): postings
// that wait together are written in one database transaction, and each caller still gets
// exactly what ledger_post would have answered for its own posting.
import { ApplicationFailure } from '@temporalio/common';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { Client } from 'pg';
import { createLedgerActivities } from '../../activities/ledger';
import { postAlone, postingParameter } from '../../db/queries/ledger-post';
import { PostingBatcher, type Written } from '../../db/queries/ledger-batcher';
import type { Database } from '../../db/client';
import { listLedgerTransactions, merchantBalances, unbalancedTransactions } from '../../db/queries/ledger';
import { accounts, capture, type Posting } from '../../domain/ledger';
import { eventually } from '../support/eventually';
import { freshDatabase } from '../support/postgres';

describe('ledger: postings written in batches', () => {
  let db: Database;
  let appUrl: string;
  let close: () => Promise<void>;

  before(async () => {
    ({ db, url: appUrl, close } = await freshDatabase());
  });
  after(() => close());

  let counter = 0;
  function newMerchant() {
    counter += 1;
    return `mer_batch_${counter}`;
  }
  const captureOf = (merchantId: string, n: number, amount = 1_000): Posting =>
    capture({
      paymentId: `pay_${merchantId}_${n}`,
      merchantId,
      psp: 'stripe',
      currency: 'usd',
      authorizedAmount: amount,
      amount,
      feeBps: 0,
    });
  const payoutOf = (merchantId: string, id: string, amount: number): Posting => ({
    postingKey: `payout:${id}`,
    kind: 'payout',
    merchantId,
    paymentId: null,
    entries: [
      { account: accounts.merchantAvailable(merchantId), amount, currency: 'usd' },
      { account: accounts.settlementBank('stripe'), amount: -amount, currency: 'usd' },
    ],
  });

  /** A batcher of its own, so its counts are the test's; one batch at a time keeps postings sent together in one. */
  function ownBatcher(concurrentBatches = 1) {
    const batcher = new PostingBatcher(db, (parameter) => postAlone(db, parameter), { concurrentBatches, maxBatch: 100 });
    const write = (posting: Posting) => batcher.write(postingParameter(posting));
    return { batcher, write };
  }

  /** The Postgres constraint named somewhere in what was thrown, as activities/ledger.ts finds it. */
  function constraintOf(error: unknown): string | undefined {
    for (let e = error; e instanceof Error; e = e.cause) {
      const { constraint } = e as { constraint?: unknown };
      if (typeof constraint === 'string') return constraint;
    }
    return undefined;
  }

  it('postings sent together share commits, and each is written once with its own answer', async () => {
    const merchantId = newMerchant();
    const { batcher, write } = ownBatcher(2);
    const postings = Array.from({ length: 20 }, (_, n) => captureOf(merchantId, n));
    const written = await Promise.all(postings.map(write));

    assert.ok(written.every((w) => w.created));
    assert.equal(new Set(written.map((w) => w.transactionId)).size, 20);
    assert.equal(batcher.counts.rewritten, 0, 'no posting fell back to a write of its own');
    assert.equal(batcher.counts.batches, 2, 'shared evenly by the two batches it may write at once');
    const stored = await listLedgerTransactions(db, { merchantId });
    assert.deepEqual(
      new Map(stored.map((t) => [t.posting_key, t.id])),
      new Map(postings.map((p, i) => [p.postingKey, written[i]!.transactionId])),
      'each caller got the id of its own posting',
    );
    assert.deepEqual(await merchantBalances(db, merchantId), [{ currency: 'usd', pending: 20_000, available: 0, reserved: 0 }]);
  });

  it('a key already stored, or twice in one batch, answers the stored transaction and writes nothing more', async () => {
    const merchantId = newMerchant();
    const { batcher, write } = ownBatcher();
    const [first] = await Promise.all([write(captureOf(merchantId, 0)), write(captureOf(merchantId, 99))]);
    const again = await Promise.all([write(captureOf(merchantId, 0)), write(captureOf(merchantId, 1)), write(captureOf(merchantId, 1))]);

    assert.deepEqual(again[0], { transactionId: first!.transactionId, created: false });
    assert.equal(again[1]!.created !== again[2]!.created, true, 'one of the twins wrote it, the other found it');
    assert.equal(again[1]!.transactionId, again[2]!.transactionId);
    assert.deepEqual(batcher.counts, { batches: 2, postings: 5, rewritten: 0 }, 'answered inside the batch');
    assert.equal((await listLedgerTransactions(db, { merchantId })).length, 3);
    assert.deepEqual(await merchantBalances(db, merchantId), [{ currency: 'usd', pending: 3_000, available: 0, reserved: 0 }]);
  });

  it('one posting the ledger refuses fails alone: the rest of its batch is written, each error is its own', async () => {
    const merchantId = newMerchant();
    const ledger = createLedgerActivities({ db });
    await ledger.postLedgerTransaction(captureOf(merchantId, 0, 1_000));
    const { batcher, write } = ownBatcher();

    const reused = captureOf(merchantId, 0, 900); // the key of the capture above, other entries
    const overdraft = payoutOf(merchantId, `${merchantId}_po`, 1); // nothing is available yet
    const good = [captureOf(merchantId, 1), captureOf(merchantId, 2), captureOf(merchantId, 3)];
    const results = await Promise.allSettled([write(good[0]!), write(reused), write(good[1]!), write(overdraft), write(good[2]!)]);

    const fulfilled = results.filter((r): r is PromiseFulfilledResult<Written> => r.status === 'fulfilled');
    assert.equal(fulfilled.length, 3);
    assert.ok(fulfilled.every((r) => r.value.created));
    const [, reusedResult, , overdraftResult] = results;
    assert.equal(reusedResult!.status, 'rejected');
    assert.equal(constraintOf((reusedResult as PromiseRejectedResult).reason), 'ledger_posting_key_reused');
    assert.equal(overdraftResult!.status, 'rejected');
    assert.equal(constraintOf((overdraftResult as PromiseRejectedResult).reason), 'ledger_payouts_never_overdraw');
    assert.deepEqual(batcher.counts, { batches: 1, postings: 5, rewritten: 5 }, 'the failed batch was written again posting by posting');
    const keys = (await listLedgerTransactions(db, { merchantId })).map((t) => t.posting_key).sort();
    assert.deepEqual(keys, [captureOf(merchantId, 0).postingKey, ...good.map((p) => p.postingKey)].sort());
    assert.deepEqual(await unbalancedTransactions(db), []);
  });

  it('postLedgerTransaction maps a batched posting refused by the ledger to the same non-retryable failures', async () => {
    const merchantId = newMerchant();
    const ledger = createLedgerActivities({ db });
    await ledger.postLedgerTransaction(captureOf(merchantId, 0, 1_000));
    const [reused, overdraft, good] = await Promise.allSettled([
      ledger.postLedgerTransaction(captureOf(merchantId, 0, 900)),
      ledger.postLedgerTransaction(payoutOf(merchantId, `${merchantId}_po`, 1)),
      ledger.postLedgerTransaction(captureOf(merchantId, 1)),
    ]);
    const failureType = (result: PromiseSettledResult<unknown>) => {
      assert.equal(result.status, 'rejected');
      const reason = (result as PromiseRejectedResult).reason as unknown;
      assert.ok(reason instanceof ApplicationFailure && reason.nonRetryable, String(reason));
      return reason.type;
    };
    assert.equal(failureType(reused!), 'PostingKeyConflict');
    assert.equal(failureType(overdraft!), 'InsufficientFunds');
    assert.equal(good!.status, 'fulfilled');
  });

  it('a batch is one database transaction: killed before its commit, it leaves nothing, and a retry writes each posting once', async () => {
    const merchantId = newMerchant();
    const postings = Array.from({ length: 5 }, (_, n) => captureOf(merchantId, n));
    const batch = `[${postings.map(postingParameter).join(',')}]`;
    // The batch waits, uncommitted, on a lock the test holds; its backend is then terminated.
    const holder = new Client({ connectionString: appUrl });
    const writer = new Client({ connectionString: appUrl });
    await holder.connect();
    await writer.connect();
    writer.on('error', () => undefined);
    try {
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock(4242)');
      const { rows } = await writer.query('select pg_backend_pid() as pid');
      // The lock's argument is computed first: the batch is written, then the lock waited for.
      const killed = writer.query(`select pg_advisory_xact_lock(4242 + 0 * (select count(*) from ledger_post_batch($1::jsonb)))`, [batch]);
      const settled = killed.then(
        () => 'committed',
        (error: Error) => error.message,
      );
      await eventually('the batch written and waiting for its commit', async () => {
        // Not on the holder's connection: inside its transaction it would see one snapshot of the statistics.
        const { rows: activity } = await db.$client.query(
          `select wait_event_type = 'Lock' and backend_xid is not null as ready from pg_stat_activity where pid = $1`,
          [rows[0].pid],
        );
        return activity[0]?.ready === true;
      });
      await holder.query('select pg_terminate_backend($1)', [rows[0].pid]);
      assert.notEqual(await settled, 'committed');
      await holder.query('rollback');
    } finally {
      await holder.end();
      await writer.end().catch(() => undefined);
    }
    assert.deepEqual(await listLedgerTransactions(db, { merchantId }), [], 'nothing of the killed batch');

    const { write } = ownBatcher();
    const written = await Promise.all(postings.map(write));
    assert.ok(written.every((w) => w.created));
    assert.equal((await listLedgerTransactions(db, { merchantId })).length, 5);
  });

  it('the same posting sent twice at once is written once: the batch refuses two postings of one id', async () => {
    const merchantId = newMerchant();
    const { batcher, write } = ownBatcher();
    const parameter = postingParameter(captureOf(merchantId, 0));
    const twice = await Promise.all([batcher.write(parameter), batcher.write(parameter)]);
    assert.deepEqual(twice.map((w) => w.created).sort(), [false, true]);
    assert.equal(twice[0]!.transactionId, twice[1]!.transactionId);
    assert.equal(batcher.counts.rewritten, 2, 'refused as a batch, written one by one');

    // One posting borrowing the id of another in its batch, its own key already stored.
    await write(captureOf(merchantId, 1));
    const borrowed = {
      ...JSON.parse(postingParameter(captureOf(merchantId, 1, 900))),
      id: JSON.parse(postingParameter(captureOf(merchantId, 2))).id,
    };
    const lender = { ...JSON.parse(postingParameter(captureOf(merchantId, 2))), id: borrowed.id };
    const [lent, reused] = await Promise.allSettled([batcher.write(JSON.stringify(lender)), batcher.write(JSON.stringify(borrowed))]);
    assert.equal(lent.status, 'fulfilled');
    assert.equal(reused.status, 'rejected');
    assert.equal(constraintOf((reused as PromiseRejectedResult).reason), 'ledger_posting_key_reused');

    const stored = await listLedgerTransactions(db, { merchantId });
    assert.deepEqual(
      stored.map((t) => t.entries.length),
      [4, 4, 4],
      'each capture its own four entries',
    );
    assert.deepEqual(await merchantBalances(db, merchantId), [{ currency: 'usd', pending: 3_000, available: 0, reserved: 0 }]);
    await assert.rejects(
      db.$client.query(`select * from ledger_post_batch($1::jsonb)`, [`[${parameter},${parameter}]`]),
      /distinct, non-null ids/,
    );
  });

  it('a process SIGKILLed while its batch waits: its postings, retried, are each written once, none lost', async function () {
    this.timeout(60_000);
    const merchantId = newMerchant();
    // Arrival order makes the batches: [held, early] and [late1, late2]. `early` sorts before
    // `held`, so it is inserted, uncommitted, before its batch waits on the held key.
    const ids = ['z_held', 'a_early', 'm_late1', 'm_late2'].map((name) => `pay_${merchantId}_${name}`);
    const postingOf = (paymentId: string) =>
      capture({ paymentId, merchantId, psp: 'stripe', currency: 'usd', authorizedAmount: 1_000, amount: 1_000, feeBps: 0 });
    const stored = async () => new Set((await listLedgerTransactions(db, { merchantId })).map((t) => t.posting_key));
    const waitingBackends = async (except: number) =>
      (
        await db.$client.query(
          `select count(*)::int as n from pg_stat_activity
            where datname = current_database() and usename = current_user
              and wait_event_type = 'Lock' and backend_xid is not null and pid <> $1`,
          [except],
        )
      ).rows[0].n as number;
    // Accounts first, so every batch is its first attempt.
    await createLedgerActivities({ db }).postLedgerTransaction(captureOf(merchantId, 0));
    const holder = new Client({ connectionString: appUrl });
    await holder.connect();
    const holderPid = (await holder.query('select pg_backend_pid() as pid')).rows[0].pid as number;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/post-in-batch.ts'), merchantId, ...ids], {
      env: { ...process.env, DATABASE_URL: appUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    try {
      // The held key: written by another transaction, not yet committed.
      await holder.query('begin');
      await holder.query('select * from ledger_post($1::jsonb)', [postingParameter(postingOf(ids[0]!))]);
      await eventually('the child handed its postings to the batcher', async () => child.stdout.read()?.toString().includes('sent'));
      await eventually('the other batch committed and this one waits on the held key', async () => {
        const keys = await stored();
        return (
          keys.has(postingOf(ids[2]!).postingKey) && keys.has(postingOf(ids[3]!).postingKey) && (await waitingBackends(holderPid)) === 1
        );
      });
      child.kill('SIGKILL');
      await exited;
      // Postgres notices a dead client only when it next talks to it: the waiting batch runs on
      // once the key is free, and commits or not as one transaction.
      await holder.query('rollback');
    } finally {
      child.kill('SIGKILL');
      await holder.end();
    }
    // Ended means committed or rolled back, not merely no longer waiting: once the held key is
    // free the batch runs on and may commit a moment later, and reading before that would
    // count its postings as lost (CI caught it).
    await eventually('the killed process’s batch has ended', async () => {
      const { rows } = await db.$client.query(
        `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and usename = current_user and backend_xid is not null and pid <> pg_backend_pid()`,
      );
      return rows[0].n === 0;
    });
    const afterKill = await stored();
    assert.equal(
      afterKill.has(postingOf(ids[1]!).postingKey),
      afterKill.has(postingOf(ids[0]!).postingKey),
      'its batch, whole or not at all',
    );

    const { write } = ownBatcher();
    const retried = await Promise.all(ids.map((id) => write(postingOf(id))));
    assert.deepEqual(
      retried.map((w) => w.created),
      ids.map((id) => !afterKill.has(postingOf(id).postingKey)),
      'the retry writes exactly what was not stored',
    );
    assert.equal((await stored()).size, 5);
    assert.deepEqual(await merchantBalances(db, merchantId), [{ currency: 'usd', pending: 5_000, available: 0, reserved: 0 }]);
    assert.deepEqual(await unbalancedTransactions(db), []);
  });

  it('ledger_post_batch refuses anything but an array of postings', async () => {
    await assert.rejects(
      db.$client.query(`select * from ledger_post_batch($1::jsonb)`, ['{"posting_key":"x"}']),
      /takes a JSON array of postings/,
    );
    const { rows } = await db.$client.query(`select * from ledger_post_batch('[]'::jsonb)`);
    assert.deepEqual(rows, []);
  });
});
