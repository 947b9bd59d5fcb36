// Storage for events to merchants: their webhook endpoints, the events, and one delivery row
// per event and endpoint. A delivery row's status is the gate deliverEvent checks: only a
// `pending` delivery is sent, so a duplicate hand-off to the delivery workflow sends nothing.
import { and, desc, eq, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../client';
import { eventDeliveries, events, webhookEndpoints } from '../schema';

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type EventDeliveryRow = typeof eventDeliveries.$inferSelect;

type Executor = Pick<Database, 'select' | 'insert' | 'update'>;

/** Inserts the endpoint unless its id exists; answers the stored row either way, deleted or not. */
export async function insertWebhookEndpoint(
  db: Database,
  endpoint: Pick<WebhookEndpointRow, 'id' | 'merchantId' | 'url' | 'events' | 'secret'>,
): Promise<WebhookEndpointRow> {
  await db.insert(webhookEndpoints).values(endpoint).onConflictDoNothing({ target: webhookEndpoints.id });
  const [stored] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.merchantId, endpoint.merchantId)));
  if (!stored) throw new Error(`webhook endpoint ${endpoint.id} belongs to another merchant`);
  return stored;
}

/** The merchant's endpoint, unless it was deleted. */
const merchantsEndpoint = (merchantId: string, id: string) =>
  and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.merchantId, merchantId), isNull(webhookEndpoints.deletedAt));

export async function findWebhookEndpoint(db: Database, merchantId: string, id: string): Promise<WebhookEndpointRow | undefined> {
  const [row] = await db.select().from(webhookEndpoints).where(merchantsEndpoint(merchantId, id));
  return row;
}

export function listWebhookEndpoints(db: Database, merchantId: string): Promise<WebhookEndpointRow[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.merchantId, merchantId), isNull(webhookEndpoints.deletedAt)))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
}

/** Changes what is given; answers the endpoint as it is now, or undefined if the merchant has no such endpoint. */
export async function updateWebhookEndpoint(
  db: Database,
  merchantId: string,
  id: string,
  changes: Partial<Pick<WebhookEndpointRow, 'url' | 'events' | 'enabled'>>,
): Promise<WebhookEndpointRow | undefined> {
  if (Object.values(changes).every((value) => value === undefined)) return findWebhookEndpoint(db, merchantId, id);
  const [row] = await db.update(webhookEndpoints).set(changes).where(merchantsEndpoint(merchantId, id)).returning();
  return row;
}

/**
 * A new signing secret; the one it replaces keeps signing too until `overlapSeconds` from now,
 * so deliveries verify with either while the merchant switches its receiver over. A secret
 * still in an earlier overlap is dropped: only the last two are ever valid.
 */
export async function rotateWebhookEndpointSecret(
  db: Database,
  merchantId: string,
  id: string,
  { secret, overlapSeconds }: { secret: string; overlapSeconds: number },
): Promise<WebhookEndpointRow | undefined> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({
      // In an UPDATE every right-hand side reads the row as it was: the old secret moves over.
      previousSecret: sql`${webhookEndpoints.secret}`,
      previousSecretExpiresAt: sql`now() + make_interval(secs => ${overlapSeconds})`,
      secret,
    })
    .where(merchantsEndpoint(merchantId, id))
    .returning();
  return row;
}

/** Marks the endpoint deleted; no event is recorded for it from now on. Answers whether there was one. */
export async function deleteWebhookEndpoint(db: Database, merchantId: string, id: string): Promise<boolean> {
  const deleted = await db
    .update(webhookEndpoints)
    .set({ deletedAt: sql`now()`, previousSecret: null, previousSecretExpiresAt: null })
    .where(merchantsEndpoint(merchantId, id))
    .returning({ id: webhookEndpoints.id });
  return deleted.length > 0;
}

/**
 * An endpoint of the merchant subscribed to this event type, or to every type (`*`), enabled
 * and not deleted. Takes values, or the columns of an event the query joins.
 */
export function endpointSubscribed(merchantId: string | AnyPgColumn, type: string | AnyPgColumn): SQL {
  return and(
    eq(webhookEndpoints.merchantId, merchantId),
    eq(webhookEndpoints.enabled, true),
    isNull(webhookEndpoints.deletedAt),
    or(sql`${webhookEndpoints.events} @> jsonb_build_array(${type}::text)`, sql`${webhookEndpoints.events} @> '["*"]'::jsonb`),
  )!;
}

async function subscribedEndpointIds(executor: Executor, merchantId: string, type: string): Promise<string[]> {
  const rows = await executor
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(endpointSubscribed(merchantId, type))
    .orderBy(webhookEndpoints.id);
  return rows.map((r) => r.id);
}

/** What a writer gives; the database numbers it (seq) and the relay marks it relayed. */
export type NewEvent = Omit<EventRow, 'createdAt' | 'seq' | 'relayedAt'>;

/**
 * Records the event once per source key, and nothing more: the event relay hands it to the
 * subscribed endpoints once it commits. A second call with the same key (a retried activity)
 * records nothing new and answers the stored event.
 */
export async function recordEvent(db: Executor, event: NewEvent): Promise<EventRow> {
  // A concurrent writer of the same key makes this wait for its commit, then do nothing.
  await db.insert(events).values(event).onConflictDoNothing({ target: events.sourceKey });
  const [stored] = await db.select().from(events).where(eq(events.sourceKey, event.sourceKey));
  if (!stored) throw new Error(`event ${event.sourceKey} conflicted but is not stored`);
  return stored;
}

export async function findEvent(db: Database, merchantId: string, id: string): Promise<EventRow | undefined> {
  const [row] = await db
    .select()
    .from(events)
    .where(and(eq(events.id, id), eq(events.merchantId, merchantId)));
  return row;
}

/** Newest first; `startingAfter` is the last id of the previous page (Stripe's cursor). */
export async function listEvents(
  db: Database,
  query: { merchantId: string; limit: number; startingAfter?: string; type?: string; paymentId?: string },
): Promise<{ rows: EventRow[]; hasMore: boolean }> {
  const conditions: SQL[] = [eq(events.merchantId, query.merchantId)];
  if (query.type) conditions.push(eq(events.type, query.type));
  if (query.paymentId) conditions.push(eq(events.paymentId, query.paymentId));
  if (query.startingAfter) {
    const cursor = await findEvent(db, query.merchantId, query.startingAfter);
    if (!cursor) return { rows: [], hasMore: false };
    conditions.push(or(lt(events.createdAt, cursor.createdAt), and(eq(events.createdAt, cursor.createdAt), lt(events.id, cursor.id)))!);
  }
  const rows = await db
    .select()
    .from(events)
    .where(and(...conditions))
    .orderBy(desc(events.createdAt), desc(events.id))
    .limit(query.limit + 1);
  return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
}

/**
 * Makes the event pending again for every endpoint subscribed to it now, and answers those
 * deliveries. A delivery still pending is left as it is: it is already on its way.
 */
export async function requeueEvent(db: Database, event: EventRow): Promise<Array<EventDeliveryRow & { url: string }>> {
  return db.transaction(async (tx) => {
    const endpointIds = await subscribedEndpointIds(tx, event.merchantId, event.type);
    if (endpointIds.length === 0) return [];
    await tx
      .insert(eventDeliveries)
      .values(endpointIds.map((endpointId) => ({ eventId: event.id, endpointId, status: 'pending' as const })))
      .onConflictDoUpdate({
        target: [eventDeliveries.eventId, eventDeliveries.endpointId],
        set: { status: 'pending', deliveredAt: null },
        setWhere: ne(eventDeliveries.status, 'pending'),
      });
    const rows = await tx
      .select({ delivery: eventDeliveries, url: webhookEndpoints.url })
      .from(eventDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, eventDeliveries.endpointId))
      .where(and(eq(eventDeliveries.eventId, event.id), inArray(eventDeliveries.endpointId, endpointIds)))
      .orderBy(eventDeliveries.endpointId);
    return rows.map((r) => ({ ...r.delivery, url: r.url }));
  });
}

/** A delivery with what sending it needs: the event and the endpoint (URL and secret). */
export async function findDelivery(
  db: Database,
  eventId: string,
  endpointId: string,
): Promise<{ delivery: EventDeliveryRow; event: EventRow; endpoint: WebhookEndpointRow } | undefined> {
  const [row] = await db
    .select({ delivery: eventDeliveries, event: events, endpoint: webhookEndpoints })
    .from(eventDeliveries)
    .innerJoin(events, eq(events.id, eventDeliveries.eventId))
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, eventDeliveries.endpointId))
    .where(and(eq(eventDeliveries.eventId, eventId), eq(eventDeliveries.endpointId, endpointId)));
  return row;
}

/** One POST to the endpoint: its answer (or why there was none), and success if 2xx. */
export async function recordDeliveryAttempt(
  db: Database,
  attempt: { eventId: string; endpointId: string; statusCode: number | null; error: string | null; succeeded: boolean },
): Promise<void> {
  await db
    .update(eventDeliveries)
    .set({
      attempts: sql`${eventDeliveries.attempts} + 1`,
      lastStatusCode: attempt.statusCode,
      lastError: attempt.error,
      lastAttemptAt: sql`now()`,
      ...(attempt.succeeded ? { status: 'succeeded' as const, deliveredAt: sql`now()` } : {}),
    })
    .where(and(eq(eventDeliveries.eventId, attempt.eventId), eq(eventDeliveries.endpointId, attempt.endpointId)));
}

/** Gives up a pending delivery without sending it (its endpoint was deleted or disabled), saying why. */
export async function giveUpDelivery(db: Database, { eventId, endpointId, error }: { eventId: string; endpointId: string; error: string }) {
  await db
    .update(eventDeliveries)
    .set({ status: 'failed', lastError: error })
    .where(and(eq(eventDeliveries.eventId, eventId), eq(eventDeliveries.endpointId, endpointId), eq(eventDeliveries.status, 'pending')));
}

/**
 * The delivery workflow gave up. Only a pending delivery turns failed: one whose last POST was
 * accepted but whose activity timed out before reporting it stays succeeded.
 */
export async function markDeliveryFailed(db: Database, eventId: string, endpointId: string): Promise<void> {
  await db
    .update(eventDeliveries)
    .set({ status: 'failed' })
    .where(and(eq(eventDeliveries.eventId, eventId), eq(eventDeliveries.endpointId, endpointId), eq(eventDeliveries.status, 'pending')));
}
