import assert from 'node:assert/strict';
import { temporal } from '@temporalio/proto';
import { countEvents, countUntilAnswered } from '../../bench/history-counts';

const { EventType } = temporal.api.enums.v1;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const event = (eventType: temporal.api.enums.v1.EventType, extra: HistoryEvent = {}): HistoryEvent => ({ eventType, ...extra });
const workflowTask = () => [
  event(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED),
  event(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED),
  event(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
];
const marker = (markerName: string) => event(EventType.EVENT_TYPE_MARKER_RECORDED, { markerRecordedEventAttributes: { markerName } });
const updateCompleted = (updateId: string) =>
  event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED, {
    workflowExecutionUpdateCompletedEventAttributes: { meta: { updateId } },
  });

describe('the benchmark history counts', () => {
  // Both shapes of a payment: a regular activity (the PSP call), then local activities,
  // which leave a marker each in the workflow task that completes them.
  const history: HistoryEvent[] = [
    event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED),
    ...workflowTask(),
    marker('core_local_activity'),
    event(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
    event(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED),
    event(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED),
    ...workflowTask(),
    marker('core_local_activity'),
    marker('some_other_marker'),
    updateCompleted('another-update'),
    updateCompleted('await-outcome'),
    // After the answer: not on the create's path.
    event(EventType.EVENT_TYPE_TIMER_STARTED),
    event(EventType.EVENT_TYPE_TIMER_FIRED),
    ...workflowTask(),
    event(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
  ];

  it('counts tasks, local-activity markers, events and bytes up to the answer to the create', () => {
    const counts = countUntilAnswered(history, 'await-outcome');
    assert.deepEqual(
      { ...counts, bytes: undefined },
      {
        workflowTasks: 2,
        activityTasks: 1,
        localActivities: 2,
        events: 15,
        bytes: undefined,
      },
    );
    const encoded = history.slice(0, 15).map((e) => temporal.api.history.v1.HistoryEvent.encode(e).finish().length);
    assert.equal(
      counts.bytes,
      encoded.reduce((a, b) => a + b, 0),
    );
  });

  it('counts the whole history when asked for everything so far', () => {
    const counts = countEvents(history);
    assert.equal(counts.workflowTasks, 3);
    assert.equal(counts.activityTasks, 2);
    assert.equal(counts.events, history.length);
  });

  it('refuses a history whose create was never answered', () => {
    assert.throws(() => countUntilAnswered(history.slice(0, 5), 'await-outcome'), /no completion of update await-outcome/);
  });
});
