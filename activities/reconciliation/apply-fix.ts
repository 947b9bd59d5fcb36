// The category-1 fixes: what reconciliation does on its own, each recorded in the audit log.
// Every step is keyed (posting keys, PSP idempotency keys, the payment's event id, the audit
// key), and the audit row is written last, so a retried or repeated fix redoes nothing that
// happened and finishes what did not.
import type { Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import type { Database } from '../../db/client';
import { findAuditByKey, recordAudit } from '../../db/queries/audit';
import { differenceFix, unmatchedChargeReceived, unmatchedChargeReturned } from '../../domain/ledger';
import type { PspName } from '../../domain/psp';
import type { AutoFix } from '../../domain/reconciliation/findings';
import { fixKey, settledWhileProcessingEventId, unmatchedChargeRefund } from '../../domain/reconciliation/fix-keys';
import { pspEventSignal } from '../../contracts/payment.contract';
import type { createLedgerActivities } from '../ledger';
import type { createPspActivities } from '../psp-activities';
import type { PspEvent } from '../../domain/psp-gateway';
import { PAYMENT_WORKFLOW_NOT_RUNNING, UNMATCHED_CHARGE_REFUND_FAILED } from '../../domain/failures';
import { paymentHandle } from '../../contracts/payment.client';

/** Who the audit log names for what reconciliation did by itself. */
export const RECONCILIATION_ACTOR = 'system:reconciliation';

/** Audit actions of the automatic fixes; `unmatched_charge_refunded` is also how later runs know a charge was handled. */
export const FIX_AUDIT_ACTIONS = {
  small_difference: 'small_difference_written_off',
  settled_while_processing: 'payment_told_authorized',
  unmatched_charge: 'unmatched_charge_refunded',
} as const satisfies Record<AutoFix['kind'], string>;

/** The audit subject of a fix: the PSP's reference of the payment it is about. */
export const FIX_SUBJECT_TYPE = 'psp_reference';

export interface FixRequest {
  runId: string;
  psp: PspName;
  businessDate: string;
  fix: AutoFix;
}

export interface FixOutcome {
  /** True when an earlier attempt or run already did it. */
  alreadyApplied: boolean;
  ledgerTransactionId?: string;
}

export interface FixDeps {
  db: Database;
  client: Client;
  post: ReturnType<typeof createLedgerActivities>['postLedgerTransaction'];
  refund: ReturnType<typeof createPspActivities>['refundPayment'];
}

export async function applyFix(deps: FixDeps, request: FixRequest): Promise<FixOutcome> {
  const { fix, psp } = request;
  const key = fixKey(psp, fix);
  const done = await findAuditByKey(deps.db, key);
  if (done) return { alreadyApplied: true, ...(done.ledgerTransactionId ? { ledgerTransactionId: done.ledgerTransactionId } : {}) };

  const { ledgerTransactionId, details } = await perform(deps, request, key);
  await recordAudit(deps.db, {
    actor: RECONCILIATION_ACTOR,
    action: FIX_AUDIT_ACTIONS[fix.kind],
    subjectType: FIX_SUBJECT_TYPE,
    subjectId: fix.line.paymentReference,
    details: { runId: request.runId, psp, businessDate: request.businessDate, subject: fix.subject, line: fix.line, ...details },
    ...(ledgerTransactionId ? { ledgerTransactionId } : {}),
    idempotencyKey: key,
  });
  return { alreadyApplied: false, ...(ledgerTransactionId ? { ledgerTransactionId } : {}) };
}

async function perform(
  deps: FixDeps,
  { fix, psp, runId }: FixRequest,
  key: string,
): Promise<{ ledgerTransactionId?: string; details: Record<string, unknown> }> {
  switch (fix.kind) {
    case 'small_difference': {
      const { transactionId } = await deps.post(
        differenceFix({
          postingKey: key,
          psp,
          currency: fix.difference.currency,
          difference: fix.difference.amount,
          of: fix.difference.of,
          action: 'write_off',
          merchantId: fix.record.merchantId,
          paymentId: fix.record.paymentId,
        }),
      );
      return { ledgerTransactionId: transactionId, details: { difference: fix.difference, record: fix.record } };
    }

    case 'settled_while_processing': {
      // The payment decides, as if the PSP's webhook had arrived: its own resolution records
      // the authorization (and, for automatic capture, captures), so the ledger is written in
      // the one place that writes payments.
      const event: PspEvent = {
        psp,
        eventId: settledWhileProcessingEventId(fix.line.lineId),
        kind: 'authorized',
        pspReference: fix.line.paymentReference,
        paymentId: fix.payment.paymentId,
        amount: fix.line.amount,
        currency: fix.line.currency,
        occurredAt: fix.line.createdAt,
      };
      try {
        await paymentHandle(deps.client, fix.payment.paymentId).signal(pspEventSignal, event);
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        throw ApplicationFailure.create({
          type: PAYMENT_WORKFLOW_NOT_RUNNING,
          message: `payment ${fix.payment.paymentId} is ${fix.payment.status} but its workflow is not running`,
          nonRetryable: true,
          cause: error,
        });
      }
      return { details: { paymentId: fix.payment.paymentId, eventId: event.eventId } };
    }

    case 'unmatched_charge': {
      // A settled charge cannot be voided any more: the money has moved, so it goes back to
      // the card as a refund. Until the PSP takes the refund it sits in suspense.
      const charge = { psp, pspReference: fix.line.paymentReference, currency: fix.line.currency, amount: fix.line.amount };
      const received = await deps.post(unmatchedChargeReceived(charge));
      const result = await deps.refund({
        psp,
        pspReference: charge.pspReference,
        amount: charge.amount,
        currency: charge.currency,
        ...unmatchedChargeRefund(psp, charge.pspReference),
      });
      if (result.outcome === 'failed') {
        throw ApplicationFailure.create({
          type: UNMATCHED_CHARGE_REFUND_FAILED,
          message: `${psp} refused to refund unmatched charge ${charge.pspReference}: ${result.failureCode}`,
          nonRetryable: true,
          details: [{ runId, pspRefundReference: result.pspRefundReference, failureCode: result.failureCode }],
        });
      }
      // `pending` (Adyen's [received]) is the PSP accepting the refund; its report shows the
      // refund line later, which a run pairs with this audit entry.
      const returned = await deps.post(unmatchedChargeReturned(charge));
      return {
        ledgerTransactionId: returned.transactionId,
        details: {
          receivedTransactionId: received.transactionId,
          pspRefundReference: result.pspRefundReference,
          refundOutcome: result.outcome,
        },
      };
    }
  }
}
