// The reseal workflow's activities: a batch of a table's rows moved onto the current data key
// (db/sealed/reseal-rows.ts), and a count of what is left, taken before and after each pass.
import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../../db/client';
import { resealBatch, rowsToReseal } from '../../db/sealed/reseal-rows';
import { SEALED_VALUE_UNREADABLE } from '../../domain/failures';
import type { SealedTableName } from '../../domain/sealed-tables';
import { TamperedCiphertext } from '../../keyring/aes-gcm';
import { UnknownDataKey, type Keyring } from '../../keyring/keyring';

export interface ResealBatchInput {
  table: SealedTableName;
  /** The key the rotation made active. */
  toKeyId: string;
  fromKeyId?: string;
  limit: number;
  /** The primary key the previous batch of this pass ended on. */
  after?: string[];
}

export function createDataKeyActivities({ db, keyring }: { db: Database; keyring: Keyring }) {
  // This worker's keyring learns of a rotation on its next refresh; the workflow may start sooner.
  const knowKey = async (toKeyId: string) => {
    if (keyring.currentKeyId !== toKeyId) await keyring.reload();
  };
  return {
    async resealBatch({ table, toKeyId, fromKeyId, limit, after }: ResealBatchInput): Promise<{ resealed: number; last: string[] | null }> {
      await knowKey(toKeyId);
      try {
        const { resealed, last } = await resealBatch(db, keyring, table, fromKeyId, limit, after);
        return { resealed, last };
      } catch (error) {
        // No retry opens it: stop, so a person finds the row (the retirement stays refused meanwhile).
        if (error instanceof TamperedCiphertext || error instanceof UnknownDataKey) {
          throw ApplicationFailure.create({
            message: `a sealed value in ${table} does not open: ${error.message}`,
            type: SEALED_VALUE_UNREADABLE,
            nonRetryable: true,
            cause: error,
          });
        }
        throw error;
      }
    },

    async countToReseal({ table, toKeyId, fromKeyId }: Omit<ResealBatchInput, 'limit' | 'after'>): Promise<number> {
      await knowKey(toKeyId);
      return rowsToReseal(db, table, keyring.currentKeyId, fromKeyId);
    },
  };
}
