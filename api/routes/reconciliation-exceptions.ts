// Finance's exceptions queue: every exception (reconciliation mismatches, rejected settlement
// items, unknown PSP outcomes, PSP events holdfast could not read or believe), filtered, newest
// first; and a person's decision on one, which is carried out and recorded in the audit log
// with the finance key as actor.
import { Router } from 'express';
import { ExceptionActionError, type ExceptionDecision } from '../exceptions/exception-decision';
import { resolveReconciliationException } from '../exceptions/resolve-exception';
import { listExceptions } from '../../db/queries/exceptions';
import { findException } from '../../db/queries/reconciliation';
import type { ApiDeps } from '../deps';
import { ApiError, invalidRequest } from '../errors';
import type { AuthenticatedKey } from '../middleware/auth';
import { listReconciliationExceptionsQuery, resolveReconciliationExceptionBody } from '../schemas/reconciliations';
import { parseOrThrow } from '../validate';
import { reconciliationExceptionView } from '../../views/reconciliation';

/** How the resolver's refusals answer: its field names are the API's params (`exceptionId` is the path's id). */
function toApiError(error: ExceptionActionError): ApiError {
  const param = error.field === 'exceptionId' ? 'id' : error.field;
  switch (error.code) {
    case 'not_found':
      return new ApiError(404, 'invalid_request_error', 'resource_missing', error.message, param);
    case 'conflict':
      return new ApiError(409, 'invalid_request_error', 'exception_conflict', error.message, param);
    case 'not_applicable':
      return new ApiError(422, 'invalid_request_error', 'action_not_applicable', error.message, param);
  }
}

/** Resolves through the activity and answers the exception's view; shared with the /ops form. */
export async function resolveThroughApi(
  { config, db, temporal }: Pick<ApiDeps, 'config' | 'db' | 'temporal'>,
  decision: ExceptionDecision,
) {
  const deps = {
    db,
    client: temporal,
    taskQueue: config.temporal.taskQueue,
    timeZone: config.settlement.timeZone,
    tolerance: config.reconciliation.tolerance,
  };
  try {
    return reconciliationExceptionView(await resolveReconciliationException(deps, decision));
  } catch (error) {
    throw error instanceof ExceptionActionError ? toApiError(error) : error;
  }
}

export function reconciliationExceptionRoutes(deps: ApiDeps): Router {
  const router = Router();

  router.get('/reconciliation/exceptions', async (req, res) => {
    const query = parseOrThrow(listReconciliationExceptionsQuery, req.query);
    if (query.starting_after && !(await findException(deps.db, query.starting_after))) {
      throw invalidRequest('resource_missing', `No such exception: '${query.starting_after}'`, 'starting_after');
    }
    // One more than asked tells whether there are more.
    const rows = await listExceptions(deps.db, {
      status: query.status,
      kind: query.kind,
      category: query.category,
      psp: query.psp,
      businessDate: query.date,
      startingAfter: query.starting_after,
      limit: query.limit + 1,
    });
    res.json({ object: 'list', data: rows.slice(0, query.limit).map(reconciliationExceptionView), has_more: rows.length > query.limit });
  });

  router.post('/reconciliation/exceptions/:id/resolve', async (req, res) => {
    const body = parseOrThrow(resolveReconciliationExceptionBody, req.body);
    const actor = (res.locals.apiKey as AuthenticatedKey).id;
    res.json(await resolveThroughApi(deps, { exceptionId: req.params.id, action: body.action, note: body.note, actor }));
  });

  return router;
}
