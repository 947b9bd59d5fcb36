// Activity failures no retry can fix, named once and workflow-safe: the activities' database
// layer raises them, workflows list them as non-retryable and hand them to a person.

/**
 * The database refused the data itself (a Postgres data exception, SQLSTATE class 22, or a
 * check or not-null violation): the same write fails every time until code or data change.
 */
export const ACTIVITY_DATA_REJECTED = 'ActivityDataRejected';

/** What details[0] of an ActivityDataRejected failure holds. */
export interface DataRejection {
  sqlstate: string;
  constraint?: string;
  table?: string;
  column?: string;
}

/** The exceptions-queue kind for a workflow step stopped by such a failure. */
export const ACTIVITY_FAILED = 'activity_failed';

/** A person's decision on an `activity_failed` exception, as the waiting workflow receives it. */
export type ActivityFailedAction = 'retry' | 'fail';
