// One workflow per data-key rotation: walks every table holding sealed values and moves its
// rows onto the new key in batches, until none is left on an older key (or in clear), so the
// old key can be retired (`holdfast keys retire-data-key`). Each batch writes a row back only
// if nobody changed it meanwhile, so it runs safely beside the service.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { createDataKeyActivities } from '../activities/data-keys/activities';
import { SEALED_VALUE_UNREADABLE } from '../domain/failures';
import { SEALED_TABLE_NAMES, type SealedTableName } from '../domain/sealed-tables';
import { resealProgressQuery, type ResealInput, type ResealProgress, type ResealResult } from '../contracts/reseal.contract';

/** Rows per activity: one short transaction-free read and one UPDATE each. */
const BATCH_ROWS = 500;

/**
 * Moves no money, so retried without limit (a database restart must not end a rotation); a
 * value that does not open never will, and stops the workflow for a person.
 */
const resealStep = {
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: [SEALED_VALUE_UNREADABLE] },
} satisfies ActivityOptions;

const { resealBatch, countToReseal } = proxyActivities<ReturnType<typeof createDataKeyActivities>>(resealStep);

export async function resealDataWorkflow(input: ResealInput): Promise<ResealResult> {
  const progress = Object.fromEntries(
    SEALED_TABLE_NAMES.map((table) => [table, { done: input.done?.[table] ?? 0, remaining: null }]),
  ) as ResealProgress;
  setHandler(resealProgressQuery, () => progress);

  // One lane per table and old key; a continue-as-new resumes at its lane and primary key.
  const lanes = SEALED_TABLE_NAMES.flatMap((table) => (input.fromKeyIds ?? [undefined]).map((fromKeyId) => ({ table, fromKeyId })));
  const resumeAt = input.resume ? lanes.findIndex((l) => l.table === input.resume!.table && l.fromKeyId === input.resume!.fromKeyId) : 0;
  for (const [index, { table, fromKeyId }] of lanes.entries()) {
    if (index < resumeAt) continue;
    const lane = { table, toKeyId: input.toKeyId, ...(fromKeyId === undefined ? {} : { fromKeyId }) };
    let after = index === resumeAt ? input.resume?.after : undefined;
    let remaining = await countToReseal(lane);
    // Passes until a count finds nothing: a row a service process sealed with the old key
    // before its keyring saw the rotation can land behind a pass, and the next one takes it.
    while (remaining > 0) {
      let resealedThisPass = 0;
      progress[table] = { ...progress[table], remaining };
      for (;;) {
        const batch = await resealBatch({ ...lane, limit: BATCH_ROWS, ...(after === undefined ? {} : { after }) });
        resealedThisPass += batch.resealed;
        progress[table] = { done: progress[table].done + batch.resealed, remaining: Math.max(0, remaining - resealedThisPass) };
        if (batch.last === null) break;
        after = batch.last;
        if (workflowInfo().continueAsNewSuggested) {
          await condition(allHandlersFinished);
          await continueAsNew<typeof resealDataWorkflow>({
            ...input,
            done: doneOf(progress),
            resume: { table, ...(fromKeyId === undefined ? {} : { fromKeyId }), after },
          });
        }
      }
      after = undefined;
      remaining = await countToReseal(lane);
      // Every row left was rewritten by the service meanwhile: let its writes settle before the next pass.
      if (remaining > 0 && resealedThisPass === 0) await sleep('1 second');
    }
    progress[table] = { ...progress[table], remaining: 0 };
  }
  await condition(allHandlersFinished);
  return { progress };
}

function doneOf(progress: ResealProgress): Partial<Record<SealedTableName, number>> {
  return Object.fromEntries(SEALED_TABLE_NAMES.map((table) => [table, progress[table].done]));
}
