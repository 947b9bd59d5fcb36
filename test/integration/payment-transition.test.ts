// A payment's state change is one call of payment_record_transition: the posting, the read
// model's row and the merchant events commit together or not at all, in one round trip, as
// the app role, with every piece of merchant text bound as a parameter.
import { openEventRow } from '../../db/sealed/event-data';
import { openPaymentFields } from '../../db/sealed/payment-fields';
import type { Keyring } from '../../keyring/keyring';
import { testKeyring } from '../support/keyring';
import { ApplicationFailure } from '@temporalio/common';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { Client, type DatabaseError } from 'pg';
import { createLedgerActivities } from '../../activities/ledger';
import { postingParameter } from '../../db/queries/ledger-post';
import { paymentRowParameters } from '../../activities/payment-records';
import { createPaymentTransitionActivities } from '../../activities/payment-transition';
import type { Database } from '../../db/client';
import { listLedgerTransactions, unbalancedTransactions } from '../../db/queries/ledger';
import { createMerchant } from '../../db/queries/merchants';
import { eventSourceKey, type MerchantEventType, type RaisedEvent } from '../../domain/events';
import { authorizationHold, type Posting } from '../../domain/ledger';
import type { PaymentState } from '../../domain/payment/types';
import { freshDatabase } from '../support/postgres';

describe('payment transition (Postgres, one round trip)', () => {
  let db: Database;
  let close: () => Promise<void>;
  let merchantId: string;
  let keyring: Keyring;
  let recordPaymentTransition: ReturnType<typeof createPaymentTransitionActivities>['recordPaymentTransition'];

  before(async () => {
    // As the app role: what the worker connects as must be able to call the function.
    ({ db, close } = await freshDatabase());
    ({ id: merchantId } = await createMerchant(db, { name: 'transitions' }));
    keyring = await testKeyring(db);
    ({ recordPaymentTransition } = createPaymentTransitionActivities({ db, keyring }));
  });
  after(() => close());

  let counter = 0;
  function newPayment(overrides: Partial<PaymentState> = {}): PaymentState {
    counter += 1;
    return {
      id: `pay_tr${counter}`,
      merchantId,
      status: 'authorized',
      amount: 1_000,
      amountCapturable: 1_000,
      amountCaptured: 0,
      amountRefunded: 0,
      currency: 'usd',
      captureMethod: 'manual',
      psp: 'stripe',
      pspReference: `pi_${counter}`,
      metadata: {},
      createdAt: '2026-12-05T10:00:00.000Z',
      history: [
        { type: 'created', at: '2026-12-05T10:00:00.000Z' },
        { type: 'authorized', at: '2026-12-05T10:00:01.000Z', amount: 1_000 },
      ],
      refunds: [],
      version: 2,
      ...overrides,
    };
  }
  const raised = (payment: PaymentState, type: MerchantEventType, refundId?: string): RaisedEvent => ({
    type,
    ...(refundId ? { refundId } : {}),
    sourceKey: eventSourceKey({ type, paymentId: payment.id, refundId }),
  });
  const hold = (payment: PaymentState, amount = payment.amount): Posting =>
    authorizationHold({ paymentId: payment.id, merchantId, psp: 'stripe', currency: 'usd', amount });

  /** Counts the statements every pg client sends while `run` runs (a transaction would add BEGIN and COMMIT). */
  async function countingQueries(run: () => Promise<unknown>): Promise<number> {
    const original = Client.prototype.query;
    let sent = 0;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      sent += 1;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      await run();
    } finally {
      Client.prototype.query = original;
    }
    return sent;
  }

  async function stored(paymentId: string) {
    const rows = async (query: ReturnType<typeof sql>) => (await db.execute(query)).rows as Array<Record<string, unknown>>;
    return {
      payment: (await rows(sql`select * from payments where id = ${paymentId}`))[0],
      refunds: await rows(sql`select id, status from refunds where payment_id = ${paymentId} order by id`),
      events: await rows(sql`select type, source_key, data from events where payment_id = ${paymentId} order by source_key`),
      ledger: await listLedgerTransactions(db, { merchantId, paymentId }),
    };
  }

  it('writes the posting, the payment row and its events in one round trip', async () => {
    const payment = newPayment();
    const sent = await countingQueries(() =>
      recordPaymentTransition({ state: payment, posting: hold(payment), events: [raised(payment, 'payment.authorized')] }),
    );
    assert.equal(sent, 1);
    const after = await stored(payment.id);
    assert.equal(after.payment?.status, 'authorized');
    assert.equal(after.payment?.version, 2);
    assert.equal(after.payment?.workflow_id, `payment-${payment.id}`);
    // Absent optional fields are SQL NULLs, as drizzle wrote them, not JSON nulls.
    const [nulls] = (
      await db.execute(sql`select next_action is null and customer is null and splits is null as ok from payments where id = ${payment.id}`)
    ).rows;
    assert.equal(nulls?.ok, true);
    assert.deepEqual(
      after.events.map((e) => e.type),
      ['payment.authorized'],
    );
    assert.equal(((await openEventRow(keyring, after.events[0] as { data: unknown })).data as { id: string }).id, payment.id);
    assert.equal(after.ledger.length, 1);
    assert.deepEqual(after.ledger[0]?.entries, hold(payment).entries);
  });

  it('the standalone posting activity is one round trip too', async () => {
    const payment = newPayment();
    const { postLedgerTransaction } = createLedgerActivities({ db });
    let result: { created: boolean } | undefined;
    const sent = await countingQueries(async () => {
      result = await postLedgerTransaction(hold(payment));
    });
    assert.equal(sent, 1);
    assert.equal(result?.created, true);
  });

  it('replaying a transition writes nothing twice', async () => {
    const payment = newPayment();
    const transition = { state: payment, posting: hold(payment), events: [raised(payment, 'payment.authorized')] };
    await recordPaymentTransition(transition);
    const first = await stored(payment.id);
    // Entries in another order are still the same posting.
    await recordPaymentTransition({
      ...transition,
      posting: { ...transition.posting, entries: [...transition.posting.entries].reverse() },
    });
    const second = await stored(payment.id);
    assert.equal(second.ledger.length, 1);
    assert.equal(second.ledger[0]?.id, first.ledger[0]?.id);
    assert.equal(second.events.length, 1);
    assert.deepEqual(second.events, first.events);
    assert.equal(second.payment?.version, 2);
    assert.deepEqual(await unbalancedTransactions(db), []);
  });

  it('concurrent runs of one transition (a local activity run again) write it once', async () => {
    const payment = newPayment();
    const transition = { state: payment, posting: hold(payment), events: [raised(payment, 'payment.authorized')] };
    await Promise.all(Array.from({ length: 10 }, () => recordPaymentTransition(transition)));
    const after = await stored(payment.id);
    assert.equal(after.ledger.length, 1);
    assert.equal(after.events.length, 1);
    assert.equal(after.payment?.version, 2);
  });

  it('a posting key reused for other entries fails with PostingKeyConflict and writes none of the transition', async () => {
    const payment = newPayment();
    await recordPaymentTransition({ state: payment, posting: hold(payment), events: [raised(payment, 'payment.authorized')] });
    const before = await stored(payment.id);
    const next = newPaymentAfter(payment, { status: 'canceled', amountCapturable: 0 });
    await assert.rejects(
      recordPaymentTransition({ state: next, posting: hold(payment, 900), events: [raised(next, 'payment.canceled')] }),
      (error: unknown) => {
        assert.ok(error instanceof ApplicationFailure);
        assert.equal(error.type, 'PostingKeyConflict');
        assert.equal(error.nonRetryable, true);
        assert.match(error.message, new RegExp(`ledger transaction ${before.ledger[0]?.id}`));
        return true;
      },
    );
    assert.deepEqual(await stored(payment.id), before);
  });

  it('an older version never overwrites a newer one, nor its refunds', async () => {
    const payment = newPayment({ status: 'captured', amountCapturable: 0, amountCaptured: 1_000, version: 3 });
    const refundId = `re_tr${counter}`;
    const refunded = newPaymentAfter(payment, {
      amountRefunded: 400,
      refunds: [{ id: refundId, amount: 400, status: 'succeeded', createdAt: '2026-12-05T10:01:00.000Z' }],
      version: 5,
    });
    await recordPaymentTransition({ state: refunded, events: [raised(refunded, 'refund.succeeded', refundId)] });
    const stale = newPaymentAfter(payment, {
      refunds: [{ id: refundId, amount: 400, status: 'pending', createdAt: '2026-12-05T10:01:00.000Z' }],
      version: 4,
    });
    await recordPaymentTransition({ state: stale, events: [] });
    const after = await stored(payment.id);
    assert.equal(after.payment?.version, 5);
    assert.equal(after.payment?.amount_refunded, '400');
    assert.deepEqual(after.refunds, [{ id: refundId, status: 'succeeded' }]);
  });

  it('an unbalanced posting forced past the TS check leaves nothing written', async () => {
    const payment = newPayment();
    const posting = hold(payment);
    posting.entries[0]!.amount += 1;
    const { payment: row, refunds } = paymentRowParameters(payment, keyring);
    const events = JSON.stringify([eventRowFor(payment, 'payment.authorized')]);
    await assert.rejects(
      db.execute(
        sql`select payment_record_transition(${postingParameter(posting)}::jsonb, ${row}::jsonb, ${refunds}::jsonb, ${events}::jsonb)`,
      ),
      (error: Error) => {
        const cause = error.cause as DatabaseError;
        assert.equal(cause.code, '23514', cause.message);
        assert.match(cause.message, /does not balance/);
        return true;
      },
    );
    assert.deepEqual(await stored(payment.id), { payment: undefined, refunds: [], events: [], ledger: [] });
  });

  it('a check violation in the payment row leaves the posting and the events unwritten', async () => {
    const payment = newPayment({ amountCaptured: 2_000, status: 'captured' }); // more than the amount
    await assert.rejects(
      recordPaymentTransition({ state: payment, posting: hold(payment), events: [raised(payment, 'payment.authorized')] }),
      (error: Error) => {
        const cause = error.cause as DatabaseError;
        assert.equal(cause.code, '23514', cause.message);
        assert.equal(cause.constraint, 'payments_captured_within_amount_check');
        return true;
      },
    );
    assert.deepEqual(await stored(payment.id), { payment: undefined, refunds: [], events: [], ledger: [] });
  });

  it('an overdrawing payout in the one-round-trip path is InsufficientFunds', async () => {
    const { postLedgerTransaction } = createLedgerActivities({ db });
    const sellerId = `sel_tr${++counter}`;
    const payout: Posting = {
      postingKey: `payout:po_tr${counter}:reserve`,
      kind: 'payout',
      merchantId: null,
      paymentId: null,
      entries: [
        { account: `seller:${sellerId}:available`, amount: 500, currency: 'usd' },
        { account: `seller:${sellerId}:payout_reserve`, amount: -500, currency: 'usd' },
      ],
    };
    await assert.rejects(postLedgerTransaction(payout), (error: unknown) => {
      assert.ok(error instanceof ApplicationFailure);
      assert.equal(error.type, 'InsufficientFunds');
      return true;
    });
    const [left] = (await db.execute(sql`select count(*)::int as n from ledger_transactions where posting_key = ${payout.postingKey}`))
      .rows;
    assert.equal(left?.n, 0);
  });

  it('concurrent payouts out of one account queue instead of deadlocking', async () => {
    // Each would take the foreign key's share lock on the account row, then wait for the
    // others' to upgrade it in the overdraft trigger, unless ledger_post queues them first.
    const { postLedgerTransaction } = createLedgerActivities({ db });
    const available = `merchant:${merchantId}:available`;
    const tag = ++counter;
    const money = (postingKey: string, kind: Posting['kind'], amount: number): Posting => ({
      postingKey,
      kind,
      merchantId,
      paymentId: null,
      entries: [
        { account: available, amount, currency: 'eur' },
        { account: 'bank:stripe:settlement', amount: -amount, currency: 'eur' },
      ],
    });
    await postLedgerTransaction(money(`funding:${tag}`, 'settlement', -2_000));
    const payouts = Array.from({ length: 20 }, (_, i) => postLedgerTransaction(money(`payout:${tag}:${i}`, 'payout', 100)));
    const settled = await Promise.allSettled(payouts);
    assert.deepEqual(
      settled.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason.cause ?? s)),
      [],
    );
    await assert.rejects(postLedgerTransaction(money(`payout:${tag}:over`, 'payout', 1)), (error: unknown) => {
      assert.ok(error instanceof ApplicationFailure);
      assert.equal(error.type, 'InsufficientFunds');
      return true;
    });
  });

  it('stores merchant text verbatim, whatever SQL it looks like', async () => {
    const nasty = `it's "quoted" $1 $$ \\ '); drop table payments; -- ü 💳`;
    const payment = newPayment({
      description: nasty,
      metadata: { [`key'); drop table events; --`]: nasty, $1: '$2::jsonb' },
      customer: { name: `O'Brien "$1"`, email: `x'--@example.com` },
    });
    const sent = await countingQueries(() =>
      recordPaymentTransition({ state: payment, posting: hold(payment), events: [raised(payment, 'payment.authorized')] }),
    );
    assert.equal(sent, 1);
    const after = await stored(payment.id);
    const row = after.payment as { description: string; metadata: Record<string, string>; customer: unknown; data_key_id: string };
    const opened = await openPaymentFields(keyring, { ...row, dataKeyId: row.data_key_id });
    assert.equal(opened.description, nasty);
    assert.deepEqual(opened.metadata, payment.metadata);
    assert.deepEqual(opened.customer, payment.customer);
    const data = (await openEventRow(keyring, after.events[0] as { data: unknown })).data as {
      description: string;
      metadata: Record<string, string>;
    };
    assert.equal(data.description, nasty);
    assert.deepEqual(data.metadata, payment.metadata);
    const [tables] = (await db.execute(sql`select count(*)::int as n from pg_tables where tablename in ('payments', 'events')`)).rows;
    assert.equal(tables?.n, 2);
  });

  function newPaymentAfter(payment: PaymentState, changes: Partial<PaymentState>): PaymentState {
    return { ...payment, version: payment.version + 1, ...changes };
  }

  function eventRowFor(payment: PaymentState, type: MerchantEventType) {
    return {
      id: `evt_tr${counter}`,
      merchant_id: merchantId,
      type,
      payment_id: payment.id,
      source_key: eventSourceKey({ type, paymentId: payment.id }),
      data: {},
    };
  }
});
