// One round of settlement batches: submit each to the acquirer and post what it accepted.
// Shared by the settlement workflow and the resubmission a person asks for afterwards.
import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { BatchOutcome, createSettlementActivities } from '../activities/settlement/activities';
import { ACQUIRER_REFUSED_BATCH } from './settlement.contract';

/** Database steps and the acquirer call: idempotent (see db/queries/settlements), so retried freely. */
export const settlementStep = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: [ACQUIRER_REFUSED_BATCH] },
} satisfies ActivityOptions;

export const settlementActivities = proxyActivities<ReturnType<typeof createSettlementActivities>>(settlementStep);

export async function submitRound(
  scope: { settlementId: string; businessDate: string; psp: string },
  batchIds: string[],
  afterEach: (outcome: BatchOutcome) => void,
): Promise<void> {
  const { settlementId, businessDate, psp } = scope;
  for (const batchId of batchIds) {
    const outcome = await settlementActivities.submitBatch({ batchId, businessDate, psp });
    await settlementActivities.settleAcceptedItems({ batchId, settlementId, psp });
    afterEach(outcome);
  }
}
