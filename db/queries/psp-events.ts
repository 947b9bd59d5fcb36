import { and, eq } from 'drizzle-orm';
import type { DisputeEvent, PayoutEvent, PspEvent } from '../../activities/psp/gateway';
import type { Database } from '../client';
import { pspEvents } from '../schema';

export async function isPspEventRecorded(db: Database, psp: string, eventId: string): Promise<boolean> {
  const [row] = await db
    .select({ eventId: pspEvents.eventId })
    .from(pspEvents)
    .where(and(eq(pspEvents.psp, psp), eq(pspEvents.eventId, eventId)));
  return row !== undefined;
}

/** Idempotent: a concurrent redelivery of the same event leaves one row. */
export async function recordPspEvent(
  db: Database,
  event: PspEvent | PayoutEvent | DisputeEvent,
  paymentId: string | undefined,
): Promise<void> {
  await db
    .insert(pspEvents)
    .values({ psp: event.psp, eventId: event.eventId, kind: event.kind, paymentId: paymentId ?? null, event })
    .onConflictDoNothing();
}
