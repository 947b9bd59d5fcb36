import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../client';
import { apiKeys, merchants } from '../schema';

export interface AuthenticatedMerchant {
  id: string;
  name: string;
  captureBeforeSeconds: number | null;
  feeBps: number | null;
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
const token = (bytes: number) => randomBytes(bytes).toString('base64url').replace(/[-_]/g, '').slice(0, bytes);

/** Creates a merchant and its first secret key; the key is returned once and stored hashed. */
export async function createMerchant(
  db: Database,
  input: { name: string; captureBeforeSeconds?: number; feeBps?: number },
): Promise<{ id: string; apiKey: string }> {
  const id = `mer_${token(16)}`;
  const apiKey = `sk_hf_${token(32)}`;
  await db.transaction(async (tx) => {
    await tx.insert(merchants).values({
      id,
      name: input.name,
      captureBeforeSeconds: input.captureBeforeSeconds ?? null,
      feeBps: input.feeBps ?? null,
    });
    await tx.insert(apiKeys).values({ id: `key_${token(16)}`, merchantId: id, keyHash: hashKey(apiKey), prefix: apiKey.slice(0, 10) });
  });
  return { id, apiKey };
}

export async function findMerchantByApiKey(db: Database, apiKey: string): Promise<AuthenticatedMerchant | undefined> {
  const [row] = await db
    .select({
      id: merchants.id,
      name: merchants.name,
      captureBeforeSeconds: merchants.captureBeforeSeconds,
      feeBps: merchants.feeBps,
    })
    .from(apiKeys)
    .innerJoin(merchants, eq(merchants.id, apiKeys.merchantId))
    .where(and(eq(apiKeys.keyHash, hashKey(apiKey)), isNull(apiKeys.revokedAt)));
  return row;
}
