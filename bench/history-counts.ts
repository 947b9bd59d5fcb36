// Counts what one workflow run cost Temporal, from its history: workflow tasks, activity
// tasks, local activities (recorded as markers), events and their encoded bytes. Counted up
// to the event that answered the create (the update's completion): a payment keeps running
// after it (hold and refund timers, settlement watch), and that later work is not on the
// create's path. Works for either shape of the payment workflow, regular or local activities.
import { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType } = temporal.api.enums.v1;

/** The marker the TypeScript SDK (core) records for each completed local activity. */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

export interface HistoryCounts {
  workflowTasks: number;
  activityTasks: number;
  localActivities: number;
  events: number;
  bytes: number;
}

/**
 * Counts the events up to and including the completion of update `updateId`; throws if the
 * history has no such completion, since counting a whole unanswered run would mislead.
 */
export function countUntilAnswered(events: HistoryEvent[], updateId: string): HistoryCounts {
  const answer = events.findIndex(
    (event) =>
      event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED &&
      event.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId === updateId,
  );
  if (answer < 0) throw new Error(`no completion of update ${updateId} in the history`);
  return countEvents(events.slice(0, answer + 1));
}

export function countEvents(events: HistoryEvent[]): HistoryCounts {
  const counts: HistoryCounts = { workflowTasks: 0, activityTasks: 0, localActivities: 0, events: 0, bytes: 0 };
  for (const event of events) {
    counts.events++;
    counts.bytes += temporal.api.history.v1.HistoryEvent.encode(event).finish().length;
    if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) counts.workflowTasks++;
    if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) counts.activityTasks++;
    if (
      event.eventType === EventType.EVENT_TYPE_MARKER_RECORDED &&
      event.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER
    ) {
      counts.localActivities++;
    }
  }
  return counts;
}

/** The mean of each count over several runs, to one decimal. */
export function meanCounts(samples: HistoryCounts[]): HistoryCounts {
  const mean = (pick: (c: HistoryCounts) => number) =>
    Math.round((samples.reduce((sum, c) => sum + pick(c), 0) / samples.length) * 10) / 10;
  return {
    workflowTasks: mean((c) => c.workflowTasks),
    activityTasks: mean((c) => c.activityTasks),
    localActivities: mean((c) => c.localActivities),
    events: mean((c) => c.events),
    bytes: mean((c) => c.bytes),
  };
}
