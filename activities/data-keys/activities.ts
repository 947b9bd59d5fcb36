// The reseal workflow's one activity: a batch of a table's rows moved onto the current data
// key (db/sealed/reseal-rows.ts), and what is left of that table after it.
import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../../db/client';
import { resealBatch, rowsToReseal } from '../../db/sealed/reseal-rows';
import { SEALED_VALUE_UNREADABLE } from '../../domain/errors';
import type { SealedTableName } from '../../domain/sealed-tables';
import { TamperedCiphertext } from '../../keyring/aes-gcm';
import { UnknownDataKey, type Keyring } from '../../keyring/keyring';

export interface ResealBatchInput {
  table: SealedTableName;
  /** The key the rotation made active. */
  toKeyId: string;
  fromKeyId?: string;
  limit: number;
}

export function createDataKeyActivities({ db, keyring }: { db: Database; keyring: Keyring }) {
  return {
    async resealBatch({ table, toKeyId, fromKeyId, limit }: ResealBatchInput): Promise<{ resealed: number; remaining: number }> {
      // This worker's keyring learns of a rotation on its next refresh; the workflow may start sooner.
      if (keyring.currentKeyId !== toKeyId) await keyring.reload();
      try {
        const { resealed } = await resealBatch(db, keyring, table, fromKeyId, limit);
        return { resealed, remaining: await rowsToReseal(db, table, keyring.currentKeyId, fromKeyId) };
      } catch (error) {
        // No retry opens it: stop, so a person finds the row (the retirement stays refused meanwhile).
        if (error instanceof TamperedCiphertext || error instanceof UnknownDataKey) {
          throw ApplicationFailure.create({ message: `a sealed value in ${table} does not open: ${error.message}`, type: SEALED_VALUE_UNREADABLE, nonRetryable: true, cause: error });
        }
        throw error;
      }
    },
  };
}
