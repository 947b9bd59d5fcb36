// Storage for Idempotency-Key records. Claiming is one atomic INSERT … ON CONFLICT: of many
// concurrent requests with the same key exactly one wins; an expired record is reclaimed.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { idempotencyKeys } from '../schema';

export type IdempotencyRecord = typeof idempotencyKeys.$inferSelect;

export interface ClaimRequest {
  merchantId: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  ttlSeconds: number;
}

/** Returns null when this request now owns the key, else the record that holds it. */
export async function claimIdempotencyKey(db: Database, claim: ClaimRequest): Promise<IdempotencyRecord | null> {
  const fresh = {
    merchantId: claim.merchantId,
    key: claim.key,
    method: claim.method,
    path: claim.path,
    requestHash: claim.requestHash,
    state: 'in_progress' as const,
    responseStatus: null,
    responseBody: null,
    lockedAt: sql`now()`,
    createdAt: sql`now()`,
    expiresAt: sql`now() + make_interval(secs => ${claim.ttlSeconds})`,
  };
  const won = await db
    .insert(idempotencyKeys)
    .values(fresh)
    .onConflictDoUpdate({
      target: [idempotencyKeys.merchantId, idempotencyKeys.key],
      set: fresh,
      setWhere: sql`${idempotencyKeys.expiresAt} < now()`,
    })
    .returning({ key: idempotencyKeys.key });
  if (won.length > 0) return null;
  const record = await findIdempotencyRecord(db, claim.merchantId, claim.key);
  if (!record) throw new Error('idempotency record vanished while claiming it');
  return record;
}

export async function findIdempotencyRecord(db: Database, merchantId: string, key: string) {
  const [record] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.merchantId, merchantId), eq(idempotencyKeys.key, key)));
  return record;
}

/**
 * Takes over a record whose owner stopped refreshing it (its process died). Safe because
 * everything a request does downstream is idempotent in its own right (derived ids).
 */
export async function takeOverStaleKey(db: Database, record: IdempotencyRecord): Promise<boolean> {
  const taken = await db
    .update(idempotencyKeys)
    .set({ lockedAt: sql`now()` })
    .where(
      and(
        eq(idempotencyKeys.merchantId, record.merchantId),
        eq(idempotencyKeys.key, record.key),
        eq(idempotencyKeys.state, 'in_progress'),
        eq(idempotencyKeys.lockedAt, record.lockedAt),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  return taken.length > 0;
}

export async function completeIdempotencyKey(
  db: Database,
  merchantId: string,
  key: string,
  response: { status: number; body: unknown },
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ state: 'completed', responseStatus: response.status, responseBody: response.body })
    .where(and(eq(idempotencyKeys.merchantId, merchantId), eq(idempotencyKeys.key, key)));
}

/** Forgets a claim whose request failed on our side, so a retry runs it again. */
export async function releaseIdempotencyKey(db: Database, merchantId: string, key: string): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(
      and(eq(idempotencyKeys.merchantId, merchantId), eq(idempotencyKeys.key, key), eq(idempotencyKeys.state, 'in_progress')),
    );
}

/** Drops records past their expiry; run periodically by the API. */
export async function purgeExpiredIdempotencyKeys(db: Database): Promise<number> {
  const deleted = await db
    .delete(idempotencyKeys)
    .where(sql`${idempotencyKeys.expiresAt} < now()`)
    .returning({ key: idempotencyKeys.key });
  return deleted.length;
}
