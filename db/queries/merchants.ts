import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../client';
import { apiKeys, merchants } from '../schema';

/** Who a merchant key speaks for; its settings are read where they apply (merchant-settings.ts). */
export interface AuthenticatedMerchant {
  id: string;
  name: string;
}

/** Who a secret key speaks for: one merchant, or finance across all of them. */
export type ApiKeyOwner =
  | { keyId: string; role: 'merchant'; merchant: AuthenticatedMerchant }
  | { keyId: string; role: 'finance' };

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
const token = (bytes: number) => randomBytes(bytes).toString('base64url').replace(/[-_]/g, '').slice(0, bytes);
const newSecretKey = () => `sk_hf_${token(32)}`;
const keyRow = (apiKey: string) => ({ id: `key_${token(16)}`, keyHash: hashKey(apiKey), prefix: apiKey.slice(0, 10) });

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
      merchantId: merchants.id,
      name: merchants.name,
    })
    .from(apiKeys)
    .leftJoin(merchants, eq(merchants.id, apiKeys.merchantId))
    .where(and(eq(apiKeys.keyHash, hashKey(apiKey)), isNull(apiKeys.revokedAt)));
  if (!row) return undefined;
  if (row.role === 'finance') return { keyId: row.keyId, role: 'finance' };
  // The table's check constraint ties the merchant role to a merchant id.
  const merchant = { id: row.merchantId!, name: row.name! };
  return { keyId: row.keyId, role: 'merchant', merchant };
}

/** Whether the key exists and is not revoked: sessions opened with a key end when it is revoked. */
export async function isActiveApiKey(db: Database, keyId: string): Promise<boolean> {
  const [row] = await db.select({ id: apiKeys.id }).from(apiKeys).where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)));
  return row !== undefined;
}
