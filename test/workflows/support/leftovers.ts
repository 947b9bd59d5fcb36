// Cleanup shared by the workflow harnesses: what a test left running is terminated once it is
// at rest, while the test's worker still runs.
import type { WorkflowHandle } from '@temporalio/client';

/**
 * Ends the workflows a test left running. The time-skipping server stops skipping time while
 * an activity or workflow task is outstanding, and never lifts that lock for a workflow
 * terminated meanwhile: one workflow terminated mid-step (a test that failed half-way, or a
 * workflow answering an update before its step's activities finish) would leave every later
 * test's timers running in real time. So each is first let come to rest, for at most a few
 * seconds of real time in all. Cleanup, not synchronisation: no assertion depends on it.
 */
export async function endLeftovers(handles: WorkflowHandle[]): Promise<void> {
  const giveUpAt = Date.now() + 5_000;
  for (const handle of handles) {
    for (;;) {
      const { status, raw } = await handle.describe();
      if (status.name !== 'RUNNING') break;
      const atRest = (raw.pendingActivities?.length ?? 0) === 0 && (await lastWorkflowTaskCompleted(handle));
      if (atRest || Date.now() > giveUpAt) {
        await handle.terminate('test finished');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** True when no workflow task is scheduled or running: the last one in history completed. */
async function lastWorkflowTaskCompleted(handle: WorkflowHandle): Promise<boolean> {
  const { events } = await handle.fetchHistory();
  const lastTask = (events ?? [])
    .filter(
      (e) =>
        e.workflowTaskScheduledEventAttributes ||
        e.workflowTaskCompletedEventAttributes ||
        e.workflowTaskFailedEventAttributes ||
        e.workflowTaskTimedOutEventAttributes,
    )
    .at(-1);
  return lastTask?.workflowTaskCompletedEventAttributes != null;
}
