// One workflow per data-key rotation: walks every table holding sealed values and moves its
// rows onto the new key in batches, until none is left on an older key (or in clear), so the
// old key can be retired (`holdfast keys retire-data-key`). Each batch writes a row back only
// if nobody changed it meanwhile, so it runs safely beside the service.
import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, sleep, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { createDataKeyActivities } from '../activities/data-keys/activities';
import { SEALED_VALUE_UNREADABLE } from '../domain/errors';
import { SEALED_TABLE_NAMES, type SealedTableName } from '../domain/sealed-tables';
import { resealProgressQuery, type ResealInput, type ResealProgress, type ResealResult } from './reseal.contract';

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

const { resealBatch } = proxyActivities<ReturnType<typeof createDataKeyActivities>>(resealStep);

export async function resealDataWorkflow(input: ResealInput): Promise<ResealResult> {
  const progress = Object.fromEntries(SEALED_TABLE_NAMES.map((table) => [table, { done: input.done?.[table] ?? 0, remaining: null }])) as ResealProgress;
  setHandler(resealProgressQuery, () => progress);

  const fromKeyIds: Array<string | undefined> = input.fromKeyIds ?? [undefined];
  for (const table of SEALED_TABLE_NAMES) {
    for (const fromKeyId of fromKeyIds) {
      for (;;) {
        const batch = await resealBatch({ table, toKeyId: input.toKeyId, limit: BATCH_ROWS, ...(fromKeyId === undefined ? {} : { fromKeyId }) });
        progress[table] = { done: progress[table].done + batch.resealed, remaining: batch.remaining };
        if (batch.remaining === 0) break;
        // Every row read was rewritten by the service meanwhile: let its writes settle before reading again.
        if (batch.resealed === 0) await sleep('1 second');
        if (workflowInfo().continueAsNewSuggested) {
          await condition(allHandlersFinished);
          // Tables already done are counted again at once (zero left) by the next run.
          await continueAsNew<typeof resealDataWorkflow>({ ...input, done: doneOf(progress) });
        }
      }
    }
  }
  await condition(allHandlersFinished);
  return { progress };
}

function doneOf(progress: ResealProgress): Partial<Record<SealedTableName, number>> {
  return Object.fromEntries(SEALED_TABLE_NAMES.map((table) => [table, progress[table].done]));
}
