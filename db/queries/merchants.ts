import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { apiKeys, merchants } from '../schema';
import { merchantSettingsColumns, type MerchantSettings } from './merchant-settings';

/**
 * Who a merchant key speaks for, with its settings as of the key's lookup: read with the key,
 * so making a payment costs no round trip for them (api/middleware/auth.ts bounds their age).
 */
export interface AuthenticatedMerchant {
  id: string;
  name: string;
  settings: MerchantSettings;
}

/** What every key's lookup tells: when it stops working (a rolled key) and when it was last used. */
interface KeyState {
  keyId: string;
  expiresAt: Date | null;
  lastUsedEpoch: number | null;
}

/**
 * Who a secret key speaks for: one merchant, within the key's scopes (null: unrestricted), or
 * finance across all merchants.
 */
export type ApiKeyOwner =
  (KeyState & { role: 'merchant'; merchant: AuthenticatedMerchant; scopes: string[] | null }) | (KeyState & { role: 'finance' });

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
export const token = (bytes: number) => randomBytes(bytes).toString('base64url').replace(/[-_]/g, '').slice(0, bytes);
/** `rk_` marks a restricted key, as at Stripe, so a person can tell one from its look. */
export const newSecretKey = (restricted = false) => `${restricted ? 'rk' : 'sk'}_hf_${token(32)}`;
export const newKeyId = () => `key_${token(16)}`;
export const keyRow = (apiKey: string, id = newKeyId()) => ({ id, keyHash: hashKey(apiKey), prefix: apiKey.slice(0, 10) });

/** Creates a merchant and its first secret key; the key is returned once and stored hashed. */
export async function createMerchant(
  db: Database,
  input: { name: string; captureBeforeSeconds?: number; feeBps?: number },
): Promise<{ id: string; apiKey: string }> {
  const id = `mer_${token(16)}`;
  const apiKey = newSecretKey();
  await db.transaction(async (tx) => {
    await tx.insert(merchants).values({
      id,
      name: input.name,
      captureBeforeSeconds: input.captureBeforeSeconds ?? null,
      feeBps: input.feeBps ?? null,
    });
    await tx.insert(apiKeys).values({ ...keyRow(apiKey), merchantId: id, role: 'merchant' });
  });
  return { id, apiKey };
}

/** Creates a finance key (no merchant); like a merchant key, it is returned once and stored hashed. */
export async function createFinanceKey(db: Database): Promise<{ id: string; apiKey: string }> {
  const apiKey = newSecretKey();
  const row = keyRow(apiKey);
  await db.insert(apiKeys).values({ ...row, merchantId: null, role: 'finance' });
  return { id: row.id, apiKey };
}

export async function findApiKeyOwner(db: Database, apiKey: string): Promise<ApiKeyOwner | undefined> {
  const [row] = await db
    .select({
      keyId: apiKeys.id,
      role: apiKeys.role,
      scopes: apiKeys.scopes,
      expiresAt: apiKeys.expiresAt,
      lastUsedEpoch: apiKeys.lastUsedEpoch,
      merchantId: merchants.id,
      name: merchants.name,
      ...merchantSettingsColumns,
    })
    .from(apiKeys)
    .leftJoin(merchants, eq(merchants.id, apiKeys.merchantId))
    .where(and(eq(apiKeys.keyHash, hashKey(apiKey)), usable()));
  if (!row) return undefined;
  const state = { keyId: row.keyId, expiresAt: row.expiresAt, lastUsedEpoch: row.lastUsedEpoch };
  if (row.role === 'finance') return { ...state, role: 'finance' };
  // The table's check constraint ties the merchant role to a merchant id.
  const settings = {
    captureBeforeSeconds: row.captureBeforeSeconds,
    statementDescriptor: row.statementDescriptor,
    defaultPsps: row.defaultPsps as MerchantSettings['defaultPsps'],
    feeBps: row.feeBps,
  };
  const merchant = { id: row.merchantId!, name: row.name!, settings };
  return { ...state, role: 'merchant', merchant, scopes: row.scopes };
}

/** Not revoked, and not past the end of a roll's overlap. */
const usable = () => and(isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)));

/** Whether the key exists and still works: sessions opened with a key end when it is revoked or expires. */
export async function isActiveApiKey(db: Database, keyId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, keyId), usable()));
  return row !== undefined;
}
