// The events table read as the outbox of merchant webhooks: which stored events the relay
// hands off next, their delivery rows, and the mark that says they were handed off. The relay
// itself is workers/event-relay.ts.
import { and, asc, eq, inArray, isNull, lt, notExists, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../client';
import { eventDeliveries, events, webhookEndpoints } from '../schema';
import { endpointSubscribed } from './webhooks';

type Executor = Pick<Database, 'select' | 'update'>;

/**
 * Locks up to `limit` unrelayed events that may be handed off now, oldest first: each is an
 * event without a payment, or its payment's oldest unrelayed event. Rows another relay has
 * locked are skipped, and the later events of their payments are not "oldest" until that
 * relay commits their mark, after its hand-off: so one payment's events are handed off in
 * order, whichever relay takes each. NO KEY UPDATE rather than UPDATE: the delivery rows the
 * relay inserts from another connection meanwhile reference the event, and their foreign-key
 * check (KEY SHARE) must not wait for this transaction.
 */
export function claimRelayableEvents(tx: Executor, limit: number) {
  const earlier = alias(events, 'earlier');
  const earlierUnrelayed = tx
    .select({ seq: earlier.seq })
    .from(earlier)
    .where(and(eq(earlier.paymentId, events.paymentId), isNull(earlier.relayedAt), lt(earlier.seq, events.seq)));
  return tx
    .select({ id: events.id, paymentId: events.paymentId })
    .from(events)
    .where(and(isNull(events.relayedAt), or(isNull(events.paymentId), notExists(earlierUnrelayed))))
    .orderBy(asc(events.seq))
    .limit(limit)
    .for('no key update', { of: events, skipLocked: true });
}

/**
 * The relay's pass for events that have nowhere to go, in one statement: claims as
 * claimRelayableEvents does, and marks relayed at once each claimed event that no endpoint
 * subscribes to and that has no pending delivery (a relay that crashed mid-hand-off leaves
 * one). Handing such an event off would do nothing, so it needs neither the hand-off nor a
 * transaction held across it. Answers how many it marked and how many it claimed that do need
 * a hand-off (left unrelayed, and unlocked once the statement ends, for the full pass).
 */
export async function markEventsWithNowhereToGo(
  db: Pick<Database, 'execute'>,
  limit: number,
): Promise<{ marked: number; toHandOff: number }> {
  const { rows } = await db.execute<{ marked: number; to_hand_off: number }>(markEventsWithNowhereToGoStatement(limit));
  const [row] = rows;
  return { marked: row!.marked, toHandOff: row!.to_hand_off };
}

/** The statement markEventsWithNowhereToGo runs; exported so a test can read its plan. */
export function markEventsWithNowhereToGoStatement(limit: number): SQL {
  return sql`
    with claimed as (
      select ${events.id} as id,
             not exists (select 1 from ${webhookEndpoints} where ${endpointSubscribed(events.merchantId, events.type)})
             and not exists (select 1 from ${eventDeliveries}
                             where ${eventDeliveries.eventId} = ${events.id} and ${eventDeliveries.status} = 'pending') as nowhere
      from ${events}
      where ${events.relayedAt} is null
        and (${events.paymentId} is null or not exists (
              select 1 from ${events} earlier
              where earlier.payment_id = ${events.paymentId} and earlier.relayed_at is null and earlier.seq < ${events.seq}))
      order by ${events.seq}
      limit ${limit}
      for no key update of ${events} skip locked
    ), marked as (
      update ${events} set relayed_at = now() from claimed where ${events.id} = claimed.id and claimed.nowhere
      returning 1
    )
    select (select count(*) from marked)::int as marked,
           (select count(*) from claimed where not claimed.nowhere)::int as to_hand_off`;
}

/**
 * Creates a pending delivery of each event for every endpoint subscribed to it now, and
 * answers, per event, the endpoints whose delivery is pending: those just created and those a
 * relay that crashed before its mark created (they may have been handed off once already,
 * which deliverEvent tolerates). A delivery already sent or given up on is left alone.
 */
export async function createPendingDeliveries(db: Database, eventIds: string[]): Promise<Map<string, string[]>> {
  const { rows } = await db.execute<{ event_id: string; endpoint_id: string }>(sql`
    with created as (
      insert into ${eventDeliveries} (event_id, endpoint_id, status)
      select ${events.id}, ${webhookEndpoints.id}, 'pending'
      from ${events} join ${webhookEndpoints} on ${endpointSubscribed(events.merchantId, events.type)}
      where ${inArray(events.id, eventIds)}
      on conflict (event_id, endpoint_id) do nothing
      returning event_id, endpoint_id
    )
    select event_id, endpoint_id from created
    union
    select event_id, endpoint_id from ${eventDeliveries}
    where ${inArray(eventDeliveries.eventId, eventIds)} and ${eventDeliveries.status} = 'pending'
    order by endpoint_id`);
  const pending = new Map<string, string[]>();
  for (const row of rows) pending.set(row.event_id, [...(pending.get(row.event_id) ?? []), row.endpoint_id]);
  return pending;
}

export async function markEventsRelayed(tx: Executor, eventIds: string[]): Promise<void> {
  await tx
    .update(events)
    .set({ relayedAt: sql`now()` })
    .where(inArray(events.id, eventIds));
}
