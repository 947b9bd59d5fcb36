// The merchant's own defaults (GET/POST /v1/settings). A payment takes them from its key's
// lookup (findApiKeyOwner), at most a second old on another API instance; GET reads them fresh.
import { eq } from 'drizzle-orm';
import type { PspName } from '../../domain/psp';
import type { Database } from '../client';
import { merchants } from '../schema';

export interface MerchantSettings {
  /** null = the platform's CAPTURE_BEFORE_SECONDS. */
  captureBeforeSeconds: number | null;
  statementDescriptor: string | null;
  /** null = the platform's DEFAULT_PSPS. */
  defaultPsps: PspName[] | null;
  /** The platform's fee for this merchant: set by `holdfast merchants create`, never by the merchant. */
  feeBps: number | null;
}

export const merchantSettingsColumns = {
  captureBeforeSeconds: merchants.captureBeforeSeconds,
  statementDescriptor: merchants.statementDescriptor,
  // Written only from a validated PSP list (api/schemas/settings.ts).
  defaultPsps: merchants.defaultPsps,
  feeBps: merchants.feeBps,
};

export async function findMerchantSettings(db: Database, merchantId: string): Promise<MerchantSettings | undefined> {
  const [row] = await db.select(merchantSettingsColumns).from(merchants).where(eq(merchants.id, merchantId));
  return row && { ...row, defaultPsps: row.defaultPsps as PspName[] | null };
}

/** Sets the given fields (null resets one to the platform's default); the others stay. */
export async function updateMerchantSettings(
  db: Database,
  merchantId: string,
  change: Partial<Omit<MerchantSettings, 'feeBps'>>,
): Promise<MerchantSettings | undefined> {
  if (Object.keys(change).length === 0) return findMerchantSettings(db, merchantId);
  const [row] = await db.update(merchants).set(change).where(eq(merchants.id, merchantId)).returning(merchantSettingsColumns);
  return row && { ...row, defaultPsps: row.defaultPsps as PspName[] | null };
}
