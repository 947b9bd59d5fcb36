// What a person decides on an exception, and how a decision is refused: shared by the
// reconciliation decisions (resolve-exception.ts) and a stopped step's (decide-activity-failed.ts).
import type { Client } from '@temporalio/client';
import type { ReconciliationOptions } from '../../contracts/reconciliation.client';
import type { Database } from '../../db/client';
import type { ExceptionRow } from '../../db/queries/exceptions';

export const EXCEPTION_ACTIONS = ['adjust_ledger', 'accept', 'retry', 'write_off', 'fail'] as const;
export type ExceptionAction = (typeof EXCEPTION_ACTIONS)[number];

export type ExceptionActionErrorCode = 'not_found' | 'conflict' | 'not_applicable';

/** Why a decision was refused: `not_found` → 404, `conflict` → 409, `not_applicable` → 422. */
export class ExceptionActionError extends Error {
  constructor(
    readonly code: ExceptionActionErrorCode,
    message: string,
    /** The request field the refusal is about, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ExceptionActionError';
  }
}

export interface ResolveDeps extends ReconciliationOptions {
  db: Database;
  client: Client;
}

export interface ExceptionDecision {
  exceptionId: string;
  action: ExceptionAction;
  note: string;
  /** The finance key's id. */
  actor: string;
}

export function openException(exception: ExceptionRow | undefined, id: string): ExceptionRow {
  if (!exception) throw new ExceptionActionError('not_found', `no exception ${id}`, 'exceptionId');
  if (exception.status !== 'open') throw new ExceptionActionError('conflict', `exception ${id} is already resolved`);
  return exception;
}
