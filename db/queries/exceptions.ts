// The exceptions list: one open row per subject and kind, so a workflow that raises the same
// exception again (a retried activity, a replay) finds the row instead of adding one.
import { and, desc, eq, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Database } from '../client';
import { exceptions } from '../schema';

export type ExceptionRow = typeof exceptions.$inferSelect;

export async function raiseException(
  db: Database,
  exception: { kind: string; merchantId: string; paymentId: string; context: Record<string, unknown> },
): Promise<string> {
  const [row] = await db
    .insert(exceptions)
    .values({ id: `exc_${randomBytes(12).toString('hex')}`, status: 'open', ...exception })
    .onConflictDoUpdate({
      target: [exceptions.kind, exceptions.paymentId],
      // Raised again after being resolved: it is open again, with the new context.
      set: { status: 'open', context: sql`excluded.context`, resolvedAt: null, resolution: null },
    })
    .returning({ id: exceptions.id });
  return row!.id;
}

export async function resolveException(
  db: Database,
  subject: { kind: string; paymentId: string; resolution: Record<string, unknown> },
): Promise<void> {
  await db
    .update(exceptions)
    .set({ status: 'resolved', resolution: subject.resolution, resolvedAt: new Date() })
    .where(and(eq(exceptions.kind, subject.kind), eq(exceptions.paymentId, subject.paymentId), eq(exceptions.status, 'open')));
}

export async function listExceptions(
  db: Database,
  filter: { merchantId?: string; status?: 'open' | 'resolved'; kind?: string; limit: number },
): Promise<ExceptionRow[]> {
  const conditions = [
    filter.merchantId ? eq(exceptions.merchantId, filter.merchantId) : undefined,
    filter.status ? eq(exceptions.status, filter.status) : undefined,
    filter.kind ? eq(exceptions.kind, filter.kind) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select()
    .from(exceptions)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(exceptions.createdAt), desc(exceptions.id))
    .limit(filter.limit);
}
