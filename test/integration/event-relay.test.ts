// The outbox of merchant webhooks on the real stack: events inserted by plain SQL (as the
// payment's transition write inserts them), handed off by the workers' event relays, whatever
// happened in between: no relay running, several relays at once, no notification at all.
import type { Client } from '@temporalio/client';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { and, count, inArray, isNull, sql } from 'drizzle-orm';
import { queueDeliveries } from '../../contracts/webhook-delivery.client';
import { createDatabase, type Database } from '../../db/client';
import { claimRelayableEvents, createPendingDeliveries, markEventsWithNowhereToGoStatement } from '../../db/queries/event-outbox';
import { PgDialect } from 'drizzle-orm/pg-core';
import { events } from '../../db/schema';
import { findDelivery } from '../../db/queries/webhooks';
import { relayNextEvents, startEventRelay } from '../../workers/event-relay';
import { eventually } from '../support/eventually';
import type { ApiClient } from '../support/http';
import { startTestStack, type TestStack } from '../support/stack';
import { startReceiver, type Receiver } from '../support/webhook-receiver';

/** Inserts an event row the way any SQL writer may: no relay is told, only the table's trigger. */
async function insertEvent(
  db: Pick<Database, 'execute'>,
  merchantId: string,
  paymentId: string | null,
  type = 'payment.captured',
): Promise<string> {
  const id = `evt_${randomUUID().replaceAll('-', '')}`;
  const data = { object: 'payment', id: paymentId };
  await db.execute(sql`
    insert into events (id, merchant_id, type, payment_id, source_key, data)
    values (${id}, ${merchantId}, ${type}, ${paymentId}, ${`test:${id}`}, ${JSON.stringify(data)}::jsonb)`);
  return id;
}

/** Tables an EXPLAIN (FORMAT JSON) plan reads by sequential scan, from its node tree. */
function seqScannedTables(node: { 'Node Type': string; 'Relation Name'?: string; Plans?: unknown[] }): string[] {
  const own = node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : [];
  return [...own, ...(node.Plans ?? []).flatMap((child) => seqScannedTables(child as typeof node))];
}

const newPaymentId = () => `pay_${randomUUID().replaceAll('-', '')}`;

async function unrelayed(db: Database, ids: string[]): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(events)
    .where(and(isNull(events.relayedAt), inArray(events.id, ids)));
  return row!.n;
}

/** A Temporal client that only records the hand-offs (signal-with-start), as they complete. */
function recordingClient() {
  const handOffs: Array<{ workflowId: string; eventId: string }> = [];
  const client = {
    workflow: {
      async signalWithStart(_type: string, options: { workflowId: string; signalArgs: [{ eventId: string }] }) {
        // Takes a varying while, as a call to the server does, so concurrent hand-offs may
        // complete in any order: only the relay's claiming keeps a payment's in order.
        for (let turns = Math.floor(Math.random() * 8); turns >= 0; turns -= 1) await new Promise(setImmediate);
        handOffs.push({ workflowId: options.workflowId, eventId: options.signalArgs[0].eventId });
      },
    },
  } as unknown as Client;
  return { client, handOffs };
}

describe('event relay: the events outbox handed to the delivery workflows', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let receiver: Receiver;

  before(async function () {
    this.timeout(300_000);
    // No worker, so no relay, until a test starts one.
    [stack, receiver] = await Promise.all([startTestStack({ withWorker: false }), startReceiver()]);
  });
  afterEach(() => stack.stopWorkers());
  after(async () => {
    await receiver?.close();
    await stack?.stop();
  });

  async function merchantWithEndpoint(): Promise<{ merchantId: string; api: ApiClient; endpointId: string; path: string }> {
    const { id: merchantId, api } = await stack.merchant();
    const { url, path } = receiver.url();
    const created = await api.post('/v1/webhook_endpoints', { url, events: ['*'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { merchantId, api, endpointId: created.body.id as string, path };
  }

  it('delivers, in order, the events committed while no relay ran, once a worker starts', async () => {
    const { merchantId, endpointId, path } = await merchantWithEndpoint();
    const paymentId = newPaymentId();
    const ids: string[] = [];
    for (const type of ['payment.authorized', 'payment.captured', 'refund.succeeded'])
      ids.push(await insertEvent(stack.db, merchantId, paymentId, type));
    // As after a crash between the commit and the relay: stored, not handed off.
    assert.equal(await unrelayed(stack.db, ids), 3);
    assert.equal(await findDelivery(stack.db, ids[0]!, endpointId), undefined);

    await stack.startWorker();
    const accepted = await eventually('three events accepted', async () => receiver.accepted(path).length === 3 && receiver.accepted(path));
    assert.deepEqual(
      accepted.map((e) => e.id),
      ids,
    );
    assert.equal(await unrelayed(stack.db, ids), 0);
  });

  it('delivers each event once, in per-payment order, with two relays running at once', async () => {
    const { merchantId, path } = await merchantWithEndpoint();
    // The worker's relay, and a second one as another worker process runs it (own pool, own LISTEN).
    await stack.startWorker();
    const secondPool = createDatabase(stack.databaseUrl, { max: 2 });
    const second = await startEventRelay({
      db: secondPool.db,
      client: stack.client,
      taskQueue: stack.config.temporal.taskQueue,
      pollIntervalMs: stack.config.webhooks.relayPollMs,
    });
    const payments = Array.from({ length: 6 }, newPaymentId);
    const expected = new Map(payments.map((p) => [p, [] as string[]]));
    const ids: string[] = [];
    try {
      // Interleaved across payments, each insert its own commit and notification to both relays.
      for (let round = 0; round < 4; round += 1) {
        await Promise.all(
          payments.map(async (paymentId) => {
            const id = await insertEvent(stack.db, merchantId, paymentId);
            expected.get(paymentId)!.push(id);
            ids.push(id);
          }),
        );
      }
      await eventually('every event accepted', async () => receiver.accepted(path).length >= ids.length, 60_000);
    } finally {
      await second.stop();
      await secondPool.close();
    }

    const posts = receiver.deliveries(path);
    assert.equal(posts.length, ids.length, 'one POST per event');
    for (const [paymentId, inOrder] of expected) {
      assert.deepEqual(
        posts.filter((d) => d.event.data.object.id === paymentId).map((d) => d.event.id),
        inOrder,
        paymentId,
      );
    }
    assert.equal(await unrelayed(stack.db, ids), 0);
  });

  it('hands an event off again after a relay crashed between its hand-off and its mark, and the endpoint gets it once', async () => {
    const { merchantId, endpointId, path } = await merchantWithEndpoint();
    const paymentId = newPaymentId();
    const id = await insertEvent(stack.db, merchantId, paymentId);
    // What the crashed relay did: deliveries created, hand-off sent, event not marked relayed.
    const pending = await createPendingDeliveries(stack.db, [id]);
    assert.deepEqual(pending.get(id), [endpointId]);
    await queueDeliveries({ client: stack.client, taskQueue: stack.config.temporal.taskQueue }, { id, paymentId }, [endpointId]);

    await stack.startWorker();
    await eventually('the event relayed again', async () => (await unrelayed(stack.db, [id])) === 0);
    await eventually('the event accepted', async () => receiver.accepted(path).length === 1);
    await eventually('the delivery settled', async () => (await findDelivery(stack.db, id, endpointId))?.delivery.status === 'succeeded');
    assert.equal(receiver.deliveries(path).length, 1);
    assert.equal((await findDelivery(stack.db, id, endpointId))?.delivery.attempts, 1);
  });

  it('hands off each event exactly once and in per-payment order while four relays compete for one backlog', async () => {
    const { merchantId, endpointId } = await merchantWithEndpoint();
    const payments = Array.from({ length: 8 }, newPaymentId);
    const expected = new Map(payments.map((p) => [p, [] as string[]]));
    const ids: string[] = [];
    for (let round = 0; round < 6; round += 1) {
      for (const paymentId of payments) {
        const id = await insertEvent(stack.db, merchantId, paymentId);
        expected.get(paymentId)!.push(id);
        ids.push(id);
      }
      ids.push(await insertEvent(stack.db, merchantId, null));
    }

    const { client, handOffs } = recordingClient();
    // Each relay with its own pool, as in its own worker; small batches, so they interleave.
    const pools = Array.from({ length: 4 }, () => createDatabase(stack.databaseUrl, { max: 2 }));
    try {
      await Promise.all(
        pools.map(async ({ db }) => {
          while ((await unrelayed(db, ids)) > 0) await relayNextEvents({ db, client, taskQueue: 'recorded-only' }, 3);
        }),
      );
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }

    assert.deepEqual(handOffs.map((h) => h.eventId).sort(), [...ids].sort(), 'every event handed off exactly once');
    for (const [paymentId, inOrder] of expected) {
      const workflowId = `webhook-delivery-${endpointId}-${paymentId}`;
      assert.deepEqual(
        handOffs.filter((h) => h.workflowId === workflowId).map((h) => h.eventId),
        inOrder,
        paymentId,
      );
    }
  });

  it('marks an event no endpoint wants in one statement, and still hands off, in order, the ones an endpoint wants', async () => {
    const { id: merchantId, api } = await stack.merchant();
    const { url } = receiver.url();
    const created = await api.post('/v1/webhook_endpoints', { url, events: ['payment.captured'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const endpointId = created.body.id as string;
    const { id: silentMerchantId } = await stack.merchant();

    let queries = 0;
    const pool = createDatabase(stack.databaseUrl, { max: 2, onQuery: () => queries++ });
    const { client, handOffs } = recordingClient();
    const relay = (db: Database) => relayNextEvents({ db, client, taskQueue: 'recorded-only' });
    const paymentId = newPaymentId();
    const ids: string[] = [];
    try {
      // Nothing else waits in the outbox, so the pass below sees only this event.
      while ((await relay(pool.db)) > 0);
      const silent = await insertEvent(stack.db, silentMerchantId, newPaymentId(), 'payment.captured');
      queries = 0;
      assert.equal(await relay(pool.db), 1);
      assert.equal(queries, 1, 'one statement: no transaction, no hand-off');
      assert.equal(await unrelayed(stack.db, [silent]), 0);

      for (const type of ['payment.authorized', 'payment.captured', 'refund.succeeded'])
        ids.push(await insertEvent(stack.db, merchantId, paymentId, type));
      while ((await unrelayed(stack.db, ids)) > 0) await relay(pool.db);
    } finally {
      await pool.close();
    }
    assert.deepEqual(
      handOffs,
      [{ workflowId: `webhook-delivery-${endpointId}-${paymentId}`, eventId: ids[1] }],
      'only the captured event is handed off',
    );
  });

  it('hands an event off by polling when notifications are turned off', async () => {
    const { merchantId } = await merchantWithEndpoint();
    const { client, handOffs } = recordingClient();
    // Resolves once its first passes are done: from then on only a poll finds an unnotified event.
    const relay = await startEventRelay({ db: stack.db, client, taskQueue: 'recorded-only', pollIntervalMs: 100 });
    try {
      // The operator's switch (docs/decisions.md, "Known limits"), here for one transaction: no NOTIFY.
      const id = await stack.db.transaction(async (tx) => {
        await tx.execute(sql`set local holdfast.notify_event_relay = off`);
        return insertEvent(tx, merchantId, newPaymentId());
      });
      await eventually('the event handed off', async () => handOffs.some((h) => h.eventId === id));
      await eventually('the event marked relayed', async () => (await unrelayed(stack.db, [id])) === 0);
    } finally {
      await relay.stop();
    }
  });

  it('notifies the relays on insert unless holdfast.notify_event_relay is off', async () => {
    const { merchantId } = await merchantWithEndpoint();
    const listener = new PgClient({ connectionString: stack.databaseUrl });
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(n.channel));
    await listener.connect();
    try {
      await listener.query('LISTEN holdfast_events');
      await listener.query('LISTEN test_marker');
      const silent = await stack.db.transaction(async (tx) => {
        await tx.execute(sql`set local holdfast.notify_event_relay = off`);
        return insertEvent(tx, merchantId, newPaymentId());
      });
      const notified = await insertEvent(stack.db, merchantId, newPaymentId());
      // Notifications reach a session in commit order: once the marker is in, so is any before it.
      await stack.db.execute(sql`select pg_notify('test_marker', '')`);
      await eventually('the marker heard', async () => heard.includes('test_marker'));
      assert.deepEqual(heard, ['holdfast_events', 'test_marker'], 'only the second insert notified');
      // Relayed, so the file leaves nothing behind.
      const { client } = recordingClient();
      while ((await unrelayed(stack.db, [silent, notified])) > 0)
        await relayNextEvents({ db: stack.db, client, taskQueue: 'recorded-only' });
    } finally {
      await listener.end();
    }
  });

  it('survives its listening connection being dropped, hands events off meanwhile, and listens again', async () => {
    const { merchantId } = await merchantWithEndpoint();
    const { client, handOffs } = recordingClient();
    const listeners = async () => {
      const { rows } = await stack.db.execute<{ pid: number }>(
        sql`select pid from pg_stat_activity where datname = current_database() and query = ${'LISTEN holdfast_events'}`,
      );
      return rows.map((r) => r.pid);
    };
    const relay = await startEventRelay({ db: stack.db, client, taskQueue: 'recorded-only', pollIntervalMs: 100 });
    try {
      const [dropped] = await listeners();
      assert.ok(dropped, 'the relay listens');
      // The app role may end its own sessions: as a network failure or a server restart would.
      await stack.db.execute(sql`select pg_terminate_backend(${dropped}::int)`);
      const id = await insertEvent(stack.db, merchantId, newPaymentId());
      await eventually('the event handed off', async () => handOffs.some((h) => h.eventId === id));
      await eventually('a new listening connection', async () => (await listeners()).some((pid) => pid !== dropped));
    } finally {
      await relay.stop();
    }
    await eventually('stopped, the relay listens no more', async () => (await listeners()).length === 0);
  });

  it('finds the unrelayed events by an index scan among 100,000 relayed ones', async () => {
    const { merchantId } = await merchantWithEndpoint();
    await stack.db.execute(sql`
      insert into events (id, merchant_id, type, payment_id, source_key, data, relayed_at)
      select 'evt_bulk_' || g, ${merchantId}, 'payment.captured', 'pay_bulk_' || (g % 20000), 'bulk:' || g, '{}'::jsonb, now()
      from generate_series(1, 100000) g`);
    const waiting = [await insertEvent(stack.db, merchantId, newPaymentId()), await insertEvent(stack.db, merchantId, null)];
    const owner = new PgClient({ connectionString: stack.ownerDatabaseUrl });
    await owner.connect();
    try {
      await owner.query('analyze events');
      const query = claimRelayableEvents(stack.db, 100).toSQL();
      const { rows } = await owner.query(`explain (analyze, format json) ${query.sql}`, query.params);
      const plan = JSON.stringify(rows[0]['QUERY PLAN']);
      assert.match(plan, /"Index Name":"events_unrelayed_idx"/, plan);
      assert.doesNotMatch(plan, /"Node Type":"Seq Scan"/, plan);
      // The one-statement pass for events with nowhere to go claims the same way. Not run (it writes).
      const mark = new PgDialect().sqlToQuery(markEventsWithNowhereToGoStatement(100));
      const marked = await owner.query(`explain (format json) ${mark.sql}`, mark.params);
      const markPlan = JSON.stringify(marked.rows[0]['QUERY PLAN']);
      assert.match(markPlan, /"Index Name":"events_unrelayed_idx"/, markPlan);
      assert.deepEqual(
        seqScannedTables(marked.rows[0]['QUERY PLAN'][0].Plan).filter((table) => table === 'events'),
        [],
        markPlan,
      );
    } finally {
      await owner.end();
    }
    // The relay this file leaves behind nothing: hand these two off too.
    const { client } = recordingClient();
    while ((await unrelayed(stack.db, waiting)) > 0) await relayNextEvents({ db: stack.db, client, taskQueue: 'recorded-only' });
  });
});
