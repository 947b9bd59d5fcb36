// One round of settlement batches: submit each to the acquirer and post what it accepted.
// Shared by the settlement workflow and the resubmission a person asks for afterwards.
import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { createSettlementActivities } from '../activities/settlement/activities';
import { UntilResolved } from './lib/until-resolved';
import { type BatchOutcome } from '../contracts/settlement.contract';
import { ACQUIRER_REFUSED_BATCH, ACTIVITY_DATA_REJECTED } from '../domain/failures';

/**
 * Database steps and the acquirer call: idempotent (see db/queries/settlements), so retried
 * freely — except a write the database refuses for good, which waits for a person instead
 * (see `settlementPerson`).
 */
export const settlementStep = {
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: [ACQUIRER_REFUSED_BATCH, ACTIVITY_DATA_REJECTED],
  },
} satisfies ActivityOptions;

export const settlementActivities = proxyActivities<ReturnType<typeof createSettlementActivities>>(settlementStep);

/**
 * Where a settlement step the database refuses for good waits for a person. Never given up:
 * the acquirer may have accepted money whose posting must be booked, so only `retry` applies.
 * Create it before the workflow's first await.
 */
export function settlementPerson(psp: string): UntilResolved {
  return new UntilResolved({ about: { psp }, mayFail: () => false });
}

export async function submitRound(
  scope: { settlementId: string; businessDate: string; psp: string },
  batchIds: string[],
  afterEach: (outcome: BatchOutcome) => void,
  person: UntilResolved,
): Promise<void> {
  const { settlementId, businessDate, psp } = scope;
  for (const batchId of batchIds) {
    const outcome = await person.run({ step: `submitBatch:${batchId}`, activity: 'submitBatch' }, () =>
      settlementActivities.submitBatch({ batchId, businessDate, psp }),
    );
    await person.run({ step: `settleAcceptedItems:${batchId}`, activity: 'settleAcceptedItems' }, () =>
      settlementActivities.settleAcceptedItems({ batchId, settlementId, psp }),
    );
    afterEach(outcome);
  }
}
