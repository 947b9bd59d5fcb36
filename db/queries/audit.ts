// The audit log: append-only, one row per automatic fix or person's action. A row with an
// idempotency key is written once; writing it again answers the row already there.
import { and, eq, inArray } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Database } from '../client';
import { auditLog } from '../schema';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditEntry {
  /** `system:reconciliation`, or the finance key's id. */
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
  ledgerTransactionId?: string;
  idempotencyKey?: string;
}

/** Appends the entry; `created: false` when its idempotency key was already recorded. */
export async function recordAudit(db: Database | Transaction, entry: AuditEntry): Promise<{ id: string; created: boolean }> {
  const [inserted] = await db
    .insert(auditLog)
    .values({
      id: `aud_${randomBytes(12).toString('hex')}`,
      ...entry,
      ledgerTransactionId: entry.ledgerTransactionId ?? null,
      idempotencyKey: entry.idempotencyKey ?? null,
    })
    .onConflictDoNothing({ target: auditLog.idempotencyKey })
    .returning({ id: auditLog.id });
  if (inserted) return { id: inserted.id, created: true };
  const existing = await findAuditByKey(db, entry.idempotencyKey!);
  return { id: existing!.id, created: false };
}

export async function findAuditByKey(db: Database | Transaction, idempotencyKey: string): Promise<AuditRow | undefined> {
  const [row] = await db.select().from(auditLog).where(eq(auditLog.idempotencyKey, idempotencyKey));
  return row;
}

/** Which of `subjectIds` have an entry of this action: e.g. which charges were already refunded. */
export async function subjectsWithAction(
  db: Database,
  query: { action: string; subjectType: string; subjectIds: string[] },
): Promise<string[]> {
  if (query.subjectIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ subjectId: auditLog.subjectId })
    .from(auditLog)
    .where(
      and(eq(auditLog.action, query.action), eq(auditLog.subjectType, query.subjectType), inArray(auditLog.subjectId, query.subjectIds)),
    );
  return rows.map((r) => r.subjectId);
}
