// Feeds each PSP call's transport outcome into the PSP's shared circuit breaker. The caller
// (createPspActivities) has already told a refused request (a healthy answer) from a failure.
import { log } from '@temporalio/activity';
import type { Config } from '../config/config';
import type { Database } from '../db/client';
import { recordPspFailure, recordPspSuccess } from '../db/queries/psp-circuits';
import type { PspName } from '../domain/psp';
import type { PspHealthRecorder } from './psp-activities';

/** How stale `last_success_at` may get before a success writes it again (GET /v1/psps shows it). */
const LAST_SUCCESS_REFRESH_SECONDS = 10;
/** Enough of an error message to tell a refused connection from a 503; bounded for the row. */
const MAX_FAILURE_LENGTH = 300;

export function createPspHealthRecorder({
  db,
  config,
  onRecordError = (psp, error) => log.warn('circuit breaker not updated', { psp, error: String(error) }),
}: {
  db: Database;
  config: Config;
  /** Defaults to the activity's logger: the recorder runs inside PSP activities. */
  onRecordError?: (psp: PspName, error: unknown) => void;
}): PspHealthRecorder {
  // Bookkeeping must never change the outcome of the PSP call it observes: a failed write
  // would turn a completed payment call into a retry, or hide a not-reached error's type.
  async function bestEffort(psp: PspName, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      onRecordError(psp, error);
    }
  }

  return {
    recordSuccess: (psp) => bestEffort(psp, () => recordPspSuccess(db, psp, LAST_SUCCESS_REFRESH_SECONDS)),
    recordFailure: (psp, error) =>
      bestEffort(psp, () =>
        recordPspFailure(db, {
          psp,
          failure: describeFailure(error),
          threshold: config.routing.circuitFailureThreshold,
          openSeconds: config.routing.circuitOpenSeconds,
        }),
      ),
  };
}

/** PSP errors carry no card data (only tokens reach the adapters), so the message is safe to keep. */
function describeFailure(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_FAILURE_LENGTH ? `${text.slice(0, MAX_FAILURE_LENGTH - 1)}…` : text;
}
