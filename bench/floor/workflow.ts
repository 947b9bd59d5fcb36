// The floors a payment is measured against, run by their own worker in the benchmark:
//   - floorWorkflow: no activities; it answers the update it was started with, as a payment
//     answers its create. What one payment costs beyond this is holdfast's and its design's.
//   - shapeFloorWorkflow: a payment's Temporal shape with nothing inside it. The same workflow
//     tasks, activity task, local activities and timers a payment takes up to its answer
//     (workflows/payment/: decide and record, the PSP sale, record the hold and the capture,
//     start the refund and settlement timers), each activity a no-op. What a payment costs
//     beyond this is holdfast's own work: the HTTP API, SQL, the PSP call, search attributes.
import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler, sleep } from '@temporalio/workflow';
import type { createShapeFloorActivities } from './activities';

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

type ShapeFloorActivities = ReturnType<typeof createShapeFloorActivities>;
const local = proxyLocalActivities<ShapeFloorActivities>({ startToCloseTimeout: '10s' });
const remote = proxyActivities<ShapeFloorActivities>({ startToCloseTimeout: '10s' });
/** Long enough never to fire during a benchmark: a payment's timers are days long. */
const TIMER = '1 day';

export async function shapeFloorWorkflow(): Promise<void> {
  let answered = false;
  setHandler(floorAnswerUpdate, async () => {
    await condition(() => answered);
    return 'answered';
  });
  // First workflow task: two local activities, then the one regular activity.
  await local.noop();
  await local.noop();
  await remote.noop();
  // Second: two local activities, two timers started, the answer.
  await local.noop();
  await local.noop();
  const timers = [sleep(TIMER), sleep(TIMER)];
  answered = true;
  // Stays open like a payment, waiting on its timers (which never fire during a run).
  await Promise.all(timers);
}
