// A person's decision on an `activity_failed` exception: a workflow waits at a step whose
// write the database refused for good (workflows/lib/until-resolved.ts). `retry` runs the
// step again, once a fix is deployed; `fail` gives it up, and is refused where the exception
// says money may have moved — a ledger posting after the PSP moved money is never dropped.
// The exception is resolved and the workflow signalled in one database transaction holding
// the row: if the retried step is refused again, the workflow's new raise waits for this
// commit and then reopens the row, so it is never lost under our "resolved".
import { WorkflowNotFoundError } from '@temporalio/client';
import { recordAudit } from '../../db/queries/audit';
import type { ExceptionRow } from '../../db/queries/exceptions';
import { findException, resolveOpenException } from '../../db/queries/reconciliation';
import { ExceptionActionError, openException, type ExceptionDecision, type ResolveDeps } from './exception-decision';
import { decideStoppedStep } from '../../contracts/activity-failed.client';

interface StoppedStepContext {
  workflowId?: unknown;
  failAllowed?: unknown;
}

export async function decideActivityFailed(deps: ResolveDeps, decision: ExceptionDecision): Promise<ExceptionRow> {
  const { action } = decision;
  if (action !== 'retry' && action !== 'fail') {
    throw new ExceptionActionError('not_applicable', 'a stopped workflow step is decided by retry or fail', 'action');
  }
  return deps.db.transaction(async (tx) => {
    const exception = openException(await findException(tx, decision.exceptionId, { lock: true }), decision.exceptionId);
    const context = (exception.context ?? {}) as StoppedStepContext;
    if (typeof context.workflowId !== 'string') {
      throw new ExceptionActionError('not_applicable', `exception ${exception.id} names no workflow`, 'action');
    }
    if (action === 'fail' && context.failAllowed !== true) {
      throw new ExceptionActionError(
        'not_applicable',
        'money may have moved before this step: it cannot be given up, only retried once a fix is deployed',
        'action',
      );
    }
    try {
      await decideStoppedStep(deps.client, context.workflowId, { subject: exception.subject, action, by: decision.actor });
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      throw new ExceptionActionError('conflict', `workflow ${context.workflowId} is no longer running`);
    }
    const resolved = await resolveOpenException(tx, exception.id, {
      by: decision.actor,
      action,
      note: decision.note,
      at: new Date().toISOString(),
    });
    await recordAudit(tx, {
      actor: decision.actor,
      action,
      subjectType: 'exception',
      subjectId: exception.id,
      details: { note: decision.note, kind: exception.kind, subject: exception.subject, workflowId: context.workflowId },
    });
    return resolved!;
  });
}
