// The event relay: hands the events stored in the outbox (the events table) to their webhook
// delivery workflows, off the path of the payment that raised them. Every worker runs one.
//
// LISTEN wakes it when an insert commits (the table's trigger notifies); it also polls, so an
// event whose notification was lost (a dropped connection, or committed while no relay ran)
// only waits until the next poll. A crash between an event's commit and its hand-off loses
// nothing: the row stays unrelayed and the next pass, here or in another worker, takes it. A
// crash between the hand-off and the "relayed" mark hands it off again, and the delivery
// workflow and deliverEvent drop a delivery that is no longer pending.
//
// Several relays share one table: a pass locks the events it hands off (SKIP LOCKED, so relays
// never wait for each other) and takes only each payment's oldest unrelayed event, so a
// payment's events are handed off in order whichever relay takes each.
import { Runtime } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { queueDeliveries, type DeliveryQueue } from '../contracts/webhook-delivery.client';
import type { Database } from '../db/client';
import { claimRelayableEvents, createPendingDeliveries, markEventsRelayed, markEventsWithNowhereToGo } from '../db/queries/event-outbox';

/** The channel the events table's insert trigger notifies (migration 0011). */
const EVENTS_CHANNEL = 'holdfast_events';

/** Events handed off per transaction: bounds how long one pass holds its row locks. */
const BATCH_SIZE = 100;

export interface EventRelayDeps extends DeliveryQueue {
  db: Database;
  /** config.webhooks.relayPollMs */
  pollIntervalMs: number;
}

export interface EventRelay {
  stop(): Promise<void>;
}

/**
 * Relays the next events (at most one per payment); answers how many. Those no endpoint wants
 * are only marked, in one statement (most events: a merchant subscribes to few types, or to
 * none); the rest are handed off by the full pass.
 */
export async function relayNextEvents(deps: Omit<EventRelayDeps, 'pollIntervalMs'>, limit = BATCH_SIZE): Promise<number> {
  const { marked, toHandOff } = await markEventsWithNowhereToGo(deps.db, limit);
  return toHandOff === 0 ? marked : marked + (await handOffNextEvents(deps, limit));
}

/**
 * Hands off the next events (at most one per payment) and marks them relayed, in one
 * transaction that holds their row locks throughout; answers how many it handed off.
 */
async function handOffNextEvents({ db, client, taskQueue }: Omit<EventRelayDeps, 'pollIntervalMs'>, limit: number): Promise<number> {
  return db.transaction(async (tx) => {
    const claimed = await claimRelayableEvents(tx, limit);
    if (claimed.length === 0) return 0;
    const ids = claimed.map((event) => event.id);
    // Committed on another connection before the hand-off: the delivery workflow reads the row at once.
    const pending = await createPendingDeliveries(db, ids);
    // One event per payment at most, so no two of these signal the same delivery workflow.
    await Promise.all(claimed.map((event) => queueDeliveries({ client, taskQueue }, event, pending.get(event.id) ?? [])));
    await markEventsRelayed(tx, ids);
    return claimed.length;
  });
}

/**
 * Starts relaying; resolves once it listens and has handed off what was already waiting (the
 * worker already runs by then, so a backlog left by an outage delays only the caller).
 */
export async function startEventRelay(deps: EventRelayDeps): Promise<EventRelay> {
  const logger = Runtime.instance().logger;
  let stopped = false;
  let draining: Promise<void> | undefined;
  let wokenWhileDraining = false;
  let listener: PgClient | undefined;
  let connecting: Promise<void> | undefined;

  /** Relays until nothing is left: each pass takes one event per payment, the next its successor. */
  async function drain(): Promise<void> {
    try {
      let handedOff: number;
      do {
        wokenWhileDraining = false;
        handedOff = await relayNextEvents(deps);
      } while (!stopped && (handedOff > 0 || wokenWhileDraining));
    } catch (error) {
      logger.warn('event relay: pass failed; the next poll tries again', { error });
    }
  }

  function wake(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (draining) {
      wokenWhileDraining = true;
      return draining;
    }
    draining = drain().finally(() => (draining = undefined));
    return draining;
  }

  function dropListener(connection: PgClient): void {
    if (listener === connection) listener = undefined;
    connection.end().catch(() => undefined);
  }

  /** A connection of its own: LISTEN lasts as long as the session, which a pooled one is not. */
  async function listen(): Promise<void> {
    const connection = new PgClient(deps.db.$client.options);
    connection.on('notification', () => void wake());
    connection.on('error', (error) => {
      logger.warn('event relay: listening connection failed; polling until it is back', { error });
      dropListener(connection);
    });
    connection.on('end', () => dropListener(connection));
    try {
      await connection.connect();
      await connection.query(`LISTEN ${EVENTS_CHANNEL}`);
      if (stopped) return void connection.end();
      listener = connection;
    } catch (error) {
      logger.warn('event relay: could not listen; polling until it can', { error });
      dropListener(connection);
    }
  }

  function ensureListening(): Promise<void> {
    if (listener || stopped) return Promise.resolve();
    connecting ??= listen().finally(() => (connecting = undefined));
    return connecting;
  }

  const poll = setInterval(() => {
    // Reconnected or not, the pass catches up on whatever was missed meanwhile.
    void ensureListening();
    void wake();
  }, deps.pollIntervalMs);

  // Listening before the first pass: an event committed in between is in the pass or notified.
  await ensureListening();
  await wake();

  return {
    async stop() {
      stopped = true;
      clearInterval(poll);
      await connecting;
      await draining;
      if (listener) await listener.end().catch(() => undefined);
    },
  };
}
