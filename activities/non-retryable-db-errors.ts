// Postgres errors no retry can fix, classified where activities meet the database: a data
// exception (SQLSTATE class 22: a NUL byte in text, a value out of range, malformed input), a
// check violation (23514, including the ledger's own invariants) or a not-null violation
// (23502). Retried without limit they would wedge their workflow in silence; as a typed
// failure a workflow that knows the type stops and asks a person (workflows/lib/until-resolved).
// The failure stays retryable by default: a workflow that has not learnt to hand it to a
// person keeps retrying as before, but its pending activity now says why.
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import { ACTIVITY_DATA_REJECTED, type DataRejection } from '../domain/failures';

const UNFIXABLE_BY_RETRY = ['23514', '23502'];

interface PostgresError extends Error {
  code: string;
  constraint?: string;
  table?: string;
  column?: string;
}

/** The driver's error, wherever drizzle put it in the cause chain. */
function postgresError(error: unknown): PostgresError | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as PostgresError;
  }
  return undefined;
}

/**
 * Control characters out, length bounded: the message goes into history and the exceptions
 * queue, and a driver message may quote the value it refused.
 */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 500);
}

/** The failure to throw instead of `error`, or undefined when a retry may still succeed. */
export function dataRejection(error: unknown): ApplicationFailure | undefined {
  // An activity that already said what its error means (the ledger's InsufficientFunds is a
  // check violation underneath) is left as it said.
  if (error instanceof ApplicationFailure) return undefined;
  const pg = postgresError(error);
  if (!pg || !(pg.code.startsWith('22') || UNFIXABLE_BY_RETRY.includes(pg.code))) return undefined;
  const details: DataRejection = {
    sqlstate: pg.code,
    ...(pg.constraint ? { constraint: pg.constraint } : {}),
    ...(pg.table ? { table: pg.table } : {}),
    ...(pg.column ? { column: pg.column } : {}),
  };
  // The driver's own message, not drizzle's wrapper: that one quotes the query's parameters.
  return ApplicationFailure.create({
    type: ACTIVITY_DATA_REJECTED,
    message: `the database refused the data (SQLSTATE ${pg.code}): ${printable(pg.message)}`,
    details: [details],
  });
}

/** Classifies every activity's error on its way out of the worker. */
export const dataRejectionInterceptor: ActivityInterceptorsFactory = () => ({
  inbound: {
    async execute(input, next) {
      try {
        return await next(input);
      } catch (error) {
        throw dataRejection(error) ?? error;
      }
    },
  },
});
