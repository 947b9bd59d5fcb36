// A round of settlement a person asked for: items of a finished settlement that were sent
// back with `retry` go to the acquirer again, alone, in new batches, and what it accepts is
// posted, exactly as in a resubmission round of the settlement itself.
import { settlementActivities, settlementPerson, submitRound } from './settlement-rounds';
import type { SettlementResubmissionInput } from '../contracts/settlement.contract';
import { type BatchOutcome } from '../contracts/settlement.contract';

export async function settlementResubmissionWorkflow(input: SettlementResubmissionInput): Promise<BatchOutcome> {
  const { settlementId, businessDate, psp, round } = input;
  const person = settlementPerson(psp);
  const batchIds = await person.run({ step: `batchRetries:${round}`, activity: 'batchRetries' }, () =>
    settlementActivities.batchRetries({ settlementId, psp, round }),
  );
  const total: BatchOutcome = { accepted: 0, rejected: 0, retrying: 0 };
  const add = (outcome: BatchOutcome) => {
    total.accepted += outcome.accepted;
    total.rejected += outcome.rejected;
    total.retrying += outcome.retrying;
  };
  await submitRound(input, batchIds, add, person);
  await person.run({ step: 'checkMerchantBalances', activity: 'checkMerchantBalances' }, () =>
    settlementActivities.checkMerchantBalances({ psp, businessDate }),
  );
  return total;
}
