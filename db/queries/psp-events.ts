import { and, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { pspEvents } from '../schema';
import type { PspEventStatus } from '../schema/psp-events';

export async function isPspEventRecorded(db: Database, psp: string, eventId: string): Promise<boolean> {
  const [row] = await db
    .select({ eventId: pspEvents.eventId })
    .from(pspEvents)
    .where(and(eq(pspEvents.psp, psp), eq(pspEvents.eventId, eventId)));
  return row !== undefined;
}

export interface PspEventRecord {
  psp: string;
  eventId: string;
  /** holdfast's kind for a mapped event, else the PSP's own type (Stripe `type`, Adyen `eventCode`). */
  kind: string;
  paymentId?: string;
  event: unknown;
  status: PspEventStatus;
  reason?: string;
}

/** Idempotent: a concurrent redelivery of the same event leaves one row, the first. */
export async function recordPspEvent(db: Database, record: PspEventRecord): Promise<void> {
  await db
    .insert(pspEvents)
    .values({ ...record, paymentId: record.paymentId ?? null, reason: record.reason ?? null })
    .onConflictDoNothing();
}
