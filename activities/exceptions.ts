// Raising and resolving entries on the exceptions list: what a workflow hands to a person
// when it cannot decide on its own within its deadline.
import type { Database } from '../db/client';
import { raiseException, resolveException } from '../db/queries/exceptions';

export function createExceptionActivities({ db }: { db: Database }) {
  return {
    raiseException: (exception: Parameters<typeof raiseException>[1]) => raiseException(db, exception),
    resolveException: (subject: Parameters<typeof resolveException>[1]) => resolveException(db, subject),
  };
}
