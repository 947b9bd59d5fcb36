// The exceptions list: one open row per subject and kind, so a workflow that raises the same
// exception again (a retried activity, a replay) finds the row instead of adding one.
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Database } from '../client';
import { exceptions } from '../schema';

export type ExceptionRow = typeof exceptions.$inferSelect;

export interface RaisedException {
  kind: string;
  /** 2 = understood, needs a person; 3 = not understood. Default 2. */
  category?: 2 | 3;
  /** What it is about; defaults to the payment id. */
  subject?: string;
  merchantId?: string;
  paymentId?: string;
  psp?: string;
  businessDate?: string;
  context: Record<string, unknown>;
}

export async function raiseException(db: Database, exception: RaisedException): Promise<string> {
  const subject = exception.subject ?? exception.paymentId;
  if (subject === undefined) throw new Error(`exception ${exception.kind} needs a subject or a payment id`);
  const [row] = await db
    .insert(exceptions)
    .values({
      id: `exc_${randomBytes(12).toString('hex')}`,
      status: 'open',
      ...exception,
      category: exception.category ?? 2,
      subject,
    })
    .onConflictDoUpdate({
      target: [exceptions.kind, exceptions.subject],
      // Raised again after being resolved: it is open again, with the new context.
      set: { status: 'open', context: sql`excluded.context`, resolvedAt: null, resolution: null },
    })
    .returning({ id: exceptions.id });
  return row!.id;
}

/** Resolves the open exception of this kind about this subject (the payment id by default). */
export async function resolveException(
  db: Database,
  target: { kind: string; subject?: string; paymentId?: string; resolution: Record<string, unknown> },
): Promise<void> {
  const subject = target.subject ?? target.paymentId;
  if (subject === undefined) throw new Error(`resolving ${target.kind} needs a subject or a payment id`);
  await db
    .update(exceptions)
    .set({ status: 'resolved', resolution: target.resolution, resolvedAt: new Date() })
    .where(and(eq(exceptions.kind, target.kind), eq(exceptions.subject, subject), eq(exceptions.status, 'open')));
}

export interface ExceptionFilter {
  /** Only this merchant's exceptions about its own payments (not, say, a balance check's). */
  merchantId?: string;
  status?: 'open' | 'resolved';
  kind?: string;
  category?: 2 | 3;
  psp?: string;
  businessDate?: string;
  /** An exception's id: only those listed after it (older, or as old with a smaller id). */
  startingAfter?: string;
  limit: number;
}

export async function listExceptions(db: Database, filter: ExceptionFilter): Promise<ExceptionRow[]> {
  const after = filter.startingAfter;
  const conditions = [
    filter.merchantId ? and(eq(exceptions.merchantId, filter.merchantId), isNotNull(exceptions.paymentId)) : undefined,
    filter.status ? eq(exceptions.status, filter.status) : undefined,
    filter.kind ? eq(exceptions.kind, filter.kind) : undefined,
    filter.category ? eq(exceptions.category, filter.category) : undefined,
    filter.psp ? eq(exceptions.psp, filter.psp) : undefined,
    filter.businessDate ? eq(exceptions.businessDate, filter.businessDate) : undefined,
    // Compared in Postgres: created_at has microseconds, a JS Date only milliseconds.
    after
      ? sql`(${exceptions.createdAt}, ${exceptions.id}) < (select c.created_at, c.id from ${exceptions} c where c.id = ${after})`
      : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select()
    .from(exceptions)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(exceptions.createdAt), desc(exceptions.id))
    .limit(filter.limit);
}
