// The floor: a workflow with no activities that answers the update it was started with, as
// a payment answers its create. What one payment costs beyond this is holdfast's own.
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const floorAnswerUpdate = defineUpdate<string>('awaitOutcome');

export async function floorWorkflow(): Promise<void> {
  let answered = false;
  setHandler(floorAnswerUpdate, () => {
    answered = true;
    return 'answered';
  });
  // Ends in the workflow task that answers: nothing after the answer costs anything.
  await condition(() => answered);
}
