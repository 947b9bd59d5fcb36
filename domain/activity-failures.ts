// A workflow step stopped by a failure no retry can fix (ActivityDataRejected, in
// domain/failures.ts) goes to a person as an `activity_failed` exception: its kind, and the
// decisions a person can send back.

/** The exceptions-queue kind for a workflow step stopped by such a failure. */
export const ACTIVITY_FAILED = 'activity_failed';

/** A person's decision on an `activity_failed` exception, as the waiting workflow receives it. */
export type ActivityFailedAction = 'retry' | 'fail';
