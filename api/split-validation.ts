// What zod cannot check about a payment's splits: that they fit in the amount, name each
// seller once, and name this merchant's sellers. Each refusal names the offending field.
import type { Database } from '../db/client';
import { existingSellerIds } from '../db/queries/sellers';
import type { SellerSplit } from '../domain/marketplace/types';
import { invalidRequest } from './errors';

export async function assertValidSplits(db: Database, merchantId: string, amount: number, splits: readonly SellerSplit[]): Promise<void> {
  const seen = new Set<string>();
  splits.forEach((split, i) => {
    if (seen.has(split.seller)) {
      throw invalidRequest('parameter_invalid', `Seller ${split.seller} appears more than once in splits.`, `splits[${i}][seller]`);
    }
    seen.add(split.seller);
  });
  const total = splits.reduce((sum, split) => sum + split.amount, 0);
  if (total > amount) {
    throw invalidRequest('splits_exceed_amount', `The splits add up to ${total}, more than the amount ${amount}.`, 'splits');
  }
  const existing = await existingSellerIds(db, merchantId, [...seen]);
  const missing = splits.findIndex((split) => !existing.has(split.seller));
  if (missing >= 0) {
    throw invalidRequest('resource_missing', `No such seller: '${splits[missing]!.seller}'`, `splits[${missing}][seller]`);
  }
}
