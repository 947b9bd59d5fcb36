// Managing API keys: list, create, roll, revoke. A secret exists only in the answer that made
// it; the table keeps its hash (db/queries/merchants.ts looks keys up by it). Every change is
// in the audit log, with the key or the CLI that made it as the actor.
import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { apiKeys, type ApiKeyRole } from '../schema';
import { recordAudit } from './audit';
import { keyRow, newKeyId, newSecretKey } from './merchants';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** Whose keys: one merchant's, or (the CLI only) finance's, which belong to no merchant. */
export type KeyOwner = { merchantId: string } | { role: 'finance' };

const ownedBy = (owner: KeyOwner): SQL =>
  'merchantId' in owner ? eq(apiKeys.merchantId, owner.merchantId) : and(isNull(apiKeys.merchantId), eq(apiKeys.role, 'finance'))!;

export async function findApiKey(db: Database, owner: KeyOwner, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(ownedBy(owner), eq(apiKeys.id, id)));
  return row;
}

/** Newest first, revoked and expired keys included (they say when they stopped). */
export async function listApiKeys(db: Database, owner: KeyOwner, limit: number, startingAfter?: string): Promise<ApiKeyRow[]> {
  const conditions: SQL[] = [ownedBy(owner)];
  if (startingAfter) {
    const cursor = await findApiKey(db, owner, startingAfter);
    if (!cursor) return [];
    conditions.push(or(lt(apiKeys.createdAt, cursor.createdAt), and(eq(apiKeys.createdAt, cursor.createdAt), lt(apiKeys.id, cursor.id)))!);
  }
  return db
    .select()
    .from(apiKeys)
    .where(and(...conditions))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(limit);
}

export interface NewApiKey {
  /** Derived from the Idempotency-Key on the API, so a retry finds the key the first attempt made. */
  id?: string;
  owner: KeyOwner;
  name: string | null;
  /** Null: unrestricted. */
  scopes: string[] | null;
  actor: string;
}

/**
 * Creates the key; `secret` is set only when this call made it. When a key with the id exists
 * already (an earlier attempt of the same request made it), that key is answered without it.
 */
export async function createApiKey(db: Database, input: NewApiKey): Promise<{ key: ApiKeyRow; secret?: string }> {
  return db.transaction(async (tx) => {
    const secret = newSecretKey(input.scopes !== null);
    const role: ApiKeyRole = 'merchantId' in input.owner ? 'merchant' : 'finance';
    const [key] = await tx
      .insert(apiKeys)
      .values({
        ...keyRow(secret, input.id ?? newKeyId()),
        merchantId: 'merchantId' in input.owner ? input.owner.merchantId : null,
        role,
        name: input.name,
        scopes: input.scopes,
      })
      .onConflictDoNothing({ target: apiKeys.id })
      .returning();
    if (!key) return { key: (await tx.select().from(apiKeys).where(eq(apiKeys.id, input.id!)))[0]! };
    await audit(tx, input.actor, 'api_key.created', key.id, { name: key.name, scopes: key.scopes });
    return { key, secret };
  });
}

export type RollOutcome =
  { key: ApiKeyRow; secret?: string; rolled: ApiKeyRow } | { refused: 'missing' | 'revoked' | 'already_rolled'; rolled?: ApiKeyRow };

/**
 * Makes a key with the same name and scopes in `keyId`'s place; the old one keeps working for
 * `overlapSeconds` more (0: it stops now). A key is rolled once: its successor is rolled next.
 * When `newId` is already the key's successor (the same request again), that successor is
 * answered without its secret.
 */
export async function rollApiKey(
  db: Database,
  input: { owner: KeyOwner; keyId: string; newId?: string; overlapSeconds: number; actor: string },
): Promise<RollOutcome> {
  return db.transaction(async (tx) => {
    const [old] = await tx
      .select()
      .from(apiKeys)
      .where(and(ownedBy(input.owner), eq(apiKeys.id, input.keyId)))
      .for('update');
    if (!old) return { refused: 'missing' };
    if (old.replacedBy !== null) {
      if (old.replacedBy !== input.newId) return { refused: 'already_rolled', rolled: old };
      const [successor] = await tx.select().from(apiKeys).where(eq(apiKeys.id, old.replacedBy));
      return { key: successor!, rolled: old };
    }
    if (old.revokedAt !== null) return { refused: 'revoked', rolled: old };
    const secret = newSecretKey(old.scopes !== null);
    const [key] = await tx
      .insert(apiKeys)
      .values({
        ...keyRow(secret, input.newId ?? newKeyId()),
        merchantId: old.merchantId,
        role: old.role,
        name: old.name,
        scopes: old.scopes,
      })
      .returning();
    const [rolled] = await tx
      .update(apiKeys)
      .set({ replacedBy: key!.id, expiresAt: sql`now() + make_interval(secs => ${input.overlapSeconds})` })
      .where(eq(apiKeys.id, old.id))
      .returning();
    await audit(tx, input.actor, 'api_key.rolled', old.id, { replaced_by: key!.id, overlap_seconds: input.overlapSeconds });
    return { key: key!, secret, rolled: rolled! };
  });
}

/** Revokes the key now; `already` when it was revoked before (it stays as it was). */
export async function revokeApiKey(
  db: Database,
  input: { owner: KeyOwner; keyId: string; actor: string },
): Promise<{ key: ApiKeyRow; already: boolean } | undefined> {
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(ownedBy(input.owner), eq(apiKeys.id, input.keyId), isNull(apiKeys.revokedAt)))
      .returning();
    if (revoked) {
      await audit(tx, input.actor, 'api_key.revoked', revoked.id, {});
      return { key: revoked, already: false };
    }
    const [existing] = await tx
      .select()
      .from(apiKeys)
      .where(and(ownedBy(input.owner), eq(apiKeys.id, input.keyId)));
    return existing && { key: existing, already: true };
  });
}

/** Records that the key was used this minute; at most one write a minute per key. */
export async function touchApiKey(db: Database, keyId: string, minuteEpoch: number): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedEpoch: minuteEpoch })
    .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedEpoch), lt(apiKeys.lastUsedEpoch, minuteEpoch))));
}

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

function audit(tx: Transaction, actor: string, action: string, keyId: string, details: Record<string, unknown>) {
  return recordAudit(tx, { actor, action, subjectType: 'api_key', subjectId: keyId, details });
}
