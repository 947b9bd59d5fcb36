// Everything a caller needs to tell a workflow that waits at a failed step (an activity the
// database refused for good, see workflows/lib/until-resolved.ts) what a person decided.
import { defineSignal } from '@temporalio/workflow';
import type { ActivityFailedAction } from '../domain/activity-failures';

export interface ActivityFailedDecision {
  /** The `activity_failed` exception's subject: which workflow and which step. */
  subject: string;
  /** `retry` runs the step again (after a fix is deployed); `fail` gives it up, only where no money moved. */
  action: ActivityFailedAction;
  /** Who decided (the finance key's id). */
  by: string;
}

export const activityFailedSignal = defineSignal<[ActivityFailedDecision]>('activityFailed');

/** An `activity_failed` exception's subject: the workflow and the step it stopped at. */
export function activityFailedSubject(workflowId: string, step: string): string {
  return `${workflowId}/${step}`;
}
