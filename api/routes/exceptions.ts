// The merchant's view of the exceptions list, newest first: its payments that a person must
// look at — a PSP outcome still unknown past its deadline, a capture not settled in time, an
// item the acquirer rejected, a reconciliation difference, a PSP that is not the payment's
// saying it moved money for it. Finance works the whole queue at
// /v1/reconciliation/exceptions.
import { Router } from 'express';
import { listExceptions, type ExceptionRow } from '../../db/queries/exceptions';
import type { ApiDeps } from '../deps';
import { listExceptionsQuery } from '../schemas/exceptions';
import { parseOrThrow } from '../validate';

export function exceptionRoutes({ db }: ApiDeps): Router {
  const router = Router();
  router.get('/exceptions', async (req, res) => {
    const query = parseOrThrow(listExceptionsQuery, req.query);
    const rows = await listExceptions(db, { merchantId: res.locals.merchant.id, ...query });
    res.json({ object: 'list', data: rows.map(exceptionView) });
  });
  return router;
}

function exceptionView(row: ExceptionRow) {
  return {
    id: row.id,
    object: 'exception' as const,
    kind: row.kind,
    status: row.status,
    payment: row.paymentId,
    context: row.context,
    resolution: row.resolution,
    created: Math.floor(row.createdAt.getTime() / 1000),
    resolved: row.resolvedAt ? Math.floor(row.resolvedAt.getTime() / 1000) : null,
  };
}
