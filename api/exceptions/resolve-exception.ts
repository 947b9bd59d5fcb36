// A person's decision on a reconciliation exception, for the API and the ops page:
// - `adjust_ledger` books the PSP's figure (the other side to suspense, or to PSP fees for a
//   fee) and `write_off` takes the difference to the platform's P&L; both resolve it;
// - `accept` resolves it as it is, posting nothing;
// - `retry` runs the date's reconciliation again and answers the exception as that run left
//   it (resolved if the run no longer finds it); for an item the acquirer rejected, it sends
//   the item again in a new round of its settlement (resolved if the acquirer accepts it);
// - an `activity_failed` exception (a workflow step the database refused for good) takes
//   `retry` (once a fix is deployed) or `fail` (only where no money moved), both sent to the
//   waiting workflow (decide-activity-failed.ts).
// Every call is recorded in the audit log with who, what, why and the posting.
import type { Database } from '../../db/client';
import { recordAudit } from '../../db/queries/audit';
import type { ExceptionRow } from '../../db/queries/exceptions';
import { findException, resolveOpenException } from '../../db/queries/reconciliation';
import { assertValidPosting, differenceFix, type Posting } from '../../domain/ledger';
import { PSP_NAMES, type PspName } from '../../domain/psp';
import { type Difference, type FindingKind, RECONCILIATION_EXCEPTION_KINDS } from '../../domain/reconciliation/findings';
import { batcherFor, databaseErrorOf, postingParameter } from '../../db/queries/ledger-post';
import { awaitReconciliation, startReconciliation } from '../../contracts/reconciliation.client';
import { findItem, rejectIfStillRetrying, sendRejectedItemBack } from '../../db/queries/settlements';
import { SETTLEMENT_ITEM_REJECTED, type SettlementResubmissionInput } from '../../contracts/settlement.contract';
import { ACTIVITY_FAILED } from '../../domain/activity-failures';
import { decideActivityFailed } from './decide-activity-failed';
import { ExceptionActionError, openException, type ExceptionDecision, type ResolveDeps } from './exception-decision';
import { resubmitRound } from '../../contracts/settlement.client';

/** Applies the decision and returns the exception as it now is. */
export async function resolveReconciliationException(deps: ResolveDeps, decision: ExceptionDecision): Promise<ExceptionRow> {
  const { action } = decision;
  const kind = (await findException(deps.db, decision.exceptionId))?.kind;
  if (kind === ACTIVITY_FAILED) return decideActivityFailed(deps, decision);
  if (action === 'fail') {
    throw new ExceptionActionError('not_applicable', 'only a stopped workflow step (activity_failed) can be failed', 'action');
  }
  if (action === 'retry') return retry(deps, decision);
  return deps.db.transaction(async (tx) => {
    // Locked until the end, so a concurrent decision waits and then finds it resolved.
    const exception = openException(await findException(tx, decision.exceptionId, { lock: true }), decision.exceptionId);
    let ledgerTransactionId: string | undefined;
    if (action !== 'accept') {
      const posting = fixPosting(exception, action);
      ledgerTransactionId = await post(deps.db, posting);
    }
    const resolution = {
      by: decision.actor,
      action: decision.action,
      note: decision.note,
      ...(ledgerTransactionId ? { ledgerTransactionId } : {}),
      at: new Date().toISOString(),
    };
    const resolved = await resolveOpenException(tx, exception.id, resolution);
    await recordAudit(tx, {
      actor: decision.actor,
      action: decision.action,
      subjectType: 'exception',
      subjectId: exception.id,
      details: { note: decision.note, kind: exception.kind, subject: exception.subject },
      ...(ledgerTransactionId ? { ledgerTransactionId } : {}),
    });
    return resolved!;
  });
}

async function retry(deps: ResolveDeps, decision: ExceptionDecision): Promise<ExceptionRow> {
  const exception = openException(await findException(deps.db, decision.exceptionId), decision.exceptionId);
  if (exception.kind === SETTLEMENT_ITEM_REJECTED) return resubmit(deps, decision, exception);
  const psp = exception.psp as PspName | null;
  if (!RECONCILIATION_EXCEPTION_KINDS.includes(exception.kind as FindingKind)) {
    throw new ExceptionActionError('not_applicable', `a ${exception.kind} exception is not reconciliation's to retry`, 'action');
  }
  if (psp === null || !PSP_NAMES.includes(psp) || exception.businessDate === null) {
    throw new ExceptionActionError(
      'not_applicable',
      `exception ${exception.id} names no PSP and business date to reconcile again`,
      'action',
    );
  }
  const { runId } = await startReconciliation(deps.client, deps, { businessDate: exception.businessDate, psp });
  await recordAudit(deps.db, {
    actor: decision.actor,
    action: decision.action,
    subjectType: 'exception',
    subjectId: exception.id,
    details: { note: decision.note, kind: exception.kind, subject: exception.subject, runId },
  });
  await awaitReconciliation(deps.client, runId);
  return (await findException(deps.db, exception.id))!;
}

/** Sends a rejected settlement item to the acquirer again and waits for its answer. */
async function resubmit(deps: ResolveDeps, decision: ExceptionDecision, exception: ExceptionRow): Promise<ExceptionRow> {
  const itemId = exception.subject;
  const round = await sendRejectedItemBack(deps.db, itemId);
  if (round === 'busy') {
    throw new ExceptionActionError('conflict', `the settlement of item ${itemId} is still sending items itself; retry once it is done`);
  }
  if (round === 'not_rejected') throw new ExceptionActionError('not_applicable', `item ${itemId} is not rejected`, 'action');
  const input: SettlementResubmissionInput = { ...round, psp: round.psp as PspName };
  await resubmitRound(deps.client, deps.taskQueue, input);
  await rejectIfStillRetrying(deps.db, itemId);
  const item = await findItem(deps.db, itemId);
  const accepted = item?.status === 'accepted';
  if (accepted) {
    await resolveOpenException(deps.db, exception.id, {
      by: decision.actor,
      action: decision.action,
      note: decision.note,
      outcome: 'accepted',
      round: round.round,
      at: new Date().toISOString(),
    });
  }
  await recordAudit(deps.db, {
    actor: decision.actor,
    action: decision.action,
    subjectType: 'exception',
    subjectId: exception.id,
    details: { note: decision.note, kind: exception.kind, subject: itemId, round: round.round, outcome: item?.status },
    ...(accepted && item?.settledTransactionId ? { ledgerTransactionId: item.settledTransactionId } : {}),
  });
  return (await findException(deps.db, exception.id))!;
}

/** The posting that books the exception's difference: keyed by the exception, so it is written once. */
function fixPosting(exception: ExceptionRow, action: 'adjust_ledger' | 'write_off'): Posting {
  const difference = differenceIn(exception.context);
  if (!difference) throw new ExceptionActionError('not_applicable', `exception ${exception.id} records no difference to book`, 'action');
  if (exception.psp === null) throw new ExceptionActionError('not_applicable', `exception ${exception.id} names no PSP`, 'action');
  try {
    return differenceFix({
      postingKey: `reconciliation:exception:${exception.id}`,
      psp: exception.psp,
      currency: difference.currency,
      difference: difference.amount,
      of: difference.of,
      action,
      ...(exception.merchantId ? { merchantId: exception.merchantId } : {}),
      ...(exception.paymentId ? { paymentId: exception.paymentId } : {}),
    });
  } catch (error) {
    throw new ExceptionActionError('not_applicable', `exception ${exception.id} cannot be booked: ${(error as Error).message}`, 'action');
  }
}

/**
 * Posts through the ledger's shared writer, as the ledger activity does; a posting key already
 * used for other figures is a conflict for the person, not a failure of the request.
 */
async function post(db: Database, posting: Posting): Promise<string> {
  assertValidPosting(posting);
  try {
    return (await batcherFor(db).write(postingParameter(posting))).transactionId;
  } catch (error) {
    const refused = databaseErrorOf(error);
    if (refused?.constraint !== 'ledger_posting_key_reused') throw error;
    throw new ExceptionActionError(
      'conflict',
      `exception's adjustment was already booked with other figures: posting key ${posting.postingKey} is used by ledger transaction ${refused.detail}`,
    );
  }
}

function differenceIn(context: unknown): Difference | undefined {
  const difference = (context as { difference?: Partial<Difference> } | null)?.difference;
  if (!difference) return undefined;
  const { amount, currency, of } = difference;
  if (!Number.isSafeInteger(amount) || amount === 0 || typeof currency !== 'string' || (of !== 'amount' && of !== 'fee')) {
    return undefined;
  }
  return { amount: amount!, currency, of };
}
