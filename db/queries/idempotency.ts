// Storage for Idempotency-Key records. Claiming is one atomic INSERT … ON CONFLICT: of many
// concurrent requests with the same key exactly one wins; an expired record is reclaimed.
import { keyringOf } from '../../keyring/bound-keyring';
import { sealAnswerBody } from '../sealed/idempotent-answer';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { derivedIds, idempotencyKeys } from '../schema';

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
 * Takes over a claim whose owner stopped refreshing it for `staleSeconds` (its process died).
 * The age is judged by the database's own clock in one statement: of several waiting retries
 * exactly one wins, and no timestamp travels through JavaScript (whose Date would cut
 * Postgres' microseconds off). Safe because everything a request does downstream is
 * idempotent in its own right (derived ids).
 */
export async function takeOverStaleKey(db: Database, merchantId: string, key: string, staleSeconds: number): Promise<boolean> {
  const taken = await db
    .update(idempotencyKeys)
    .set({ lockedAt: sql`now()` })
    .where(
      and(
        eq(idempotencyKeys.merchantId, merchantId),
        eq(idempotencyKeys.key, key),
        eq(idempotencyKeys.state, 'in_progress'),
        sql`${idempotencyKeys.lockedAt} < now() - make_interval(secs => ${staleSeconds})`,
      ),
    )
    .returning({ key: idempotencyKeys.key });
  return taken.length > 0;
}

/** The owner of a claim says it is still alive, so a request that runs long is not taken over. */
export async function refreshIdempotencyClaim(db: Database, merchantId: string, key: string): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ lockedAt: sql`now()` })
    .where(and(eq(idempotencyKeys.merchantId, merchantId), eq(idempotencyKeys.key, key), eq(idempotencyKeys.state, 'in_progress')));
}

/**
 * Ties an id derived from a key to the request it was derived for: records this request's
 * fingerprint unless one is recorded, and returns the one recorded (this request's, or the
 * first request's when that was another).
 */
export async function bindDerivedId(
  db: Database,
  binding: { merchantId: string; objectId: string; requestHash: string },
): Promise<string | undefined> {
  // One round trip: on a conflict the no-op update locks the row already there, waiting for a
  // concurrent binder's commit if need be, and returns its fingerprint, which a separate read
  // would see too but one more trip later (DO NOTHING would return nothing at all).
  const [bound] = await db
    .insert(derivedIds)
    .values(binding)
    .onConflictDoUpdate({ target: [derivedIds.merchantId, derivedIds.objectId], set: { requestHash: sql`${derivedIds.requestHash}` } })
    .returning({ requestHash: derivedIds.requestHash });
  return bound?.requestHash;
}

/** Moves a binding to another request, if it is still the one read (an id whose request made nothing). */
export async function rebindDerivedId(
  db: Database,
  binding: { merchantId: string; objectId: string; requestHash: string; previousHash: string },
): Promise<boolean> {
  const moved = await db
    .update(derivedIds)
    .set({ requestHash: binding.requestHash, createdAt: sql`now()` })
    .where(
      and(
        eq(derivedIds.merchantId, binding.merchantId),
        eq(derivedIds.objectId, binding.objectId),
        eq(derivedIds.requestHash, binding.previousHash),
      ),
    )
    .returning({ objectId: derivedIds.objectId });
  return moved.length > 0;
}

export async function completeIdempotencyKey(
  db: Database,
  merchantId: string,
  key: string,
  response: { status: number; body: unknown },
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ state: 'completed', responseStatus: response.status, ...sealAnswerBody(keyringOf(db), response.body) })
    .where(and(eq(idempotencyKeys.merchantId, merchantId), eq(idempotencyKeys.key, key)));
}

/** Forgets a claim whose request failed on our side, so a retry runs it again. */
export async function releaseIdempotencyKey(db: Database, merchantId: string, key: string): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.merchantId, merchantId), eq(idempotencyKeys.key, key), eq(idempotencyKeys.state, 'in_progress')));
}

/** Drops records past their expiry; run periodically by the API. */
export async function purgeExpiredIdempotencyKeys(db: Database): Promise<number> {
  const deleted = await db
    .delete(idempotencyKeys)
    .where(sql`${idempotencyKeys.expiresAt} < now()`)
    .returning({ key: idempotencyKeys.key });
  return deleted.length;
}
