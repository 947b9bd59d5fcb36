// A verified PSP event on its way to its payment's workflow. The dedupe check comes first and
// the row is written last: an event whose signal failed is not yet recorded, so the PSP's
// redelivery tries again. A duplicate signal that slips through is harmless — the workflow
// also ignores an event id it has seen. An event that does not match the payment it names
// (api/psp-event-checks.ts) is recorded as rejected and never signalled.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { PspEvent } from '../domain/psp-gateway';
import { findPaymentIdByPspReference } from '../db/queries/payments';
import { raiseException } from '../db/queries/exceptions';
import { findPaymentSubject, findRefundSubject } from '../db/queries/psp-event-subjects';
import { isPspEventRecorded, recordPspEvent } from '../db/queries/psp-events';
import { pspEventSignal } from '../contracts/payment.contract';
import type { ApiDeps } from './deps';
import { checkPaymentEvent } from './psp-event-checks';
import { ignorePspEvent, rejectPspEvent } from './psp-event-outcomes';
import { paymentHandle } from '../contracts/payment.client';

export async function acceptPspEvent(deps: Pick<ApiDeps, 'db' | 'temporal' | 'logger'>, event: PspEvent): Promise<void> {
  const { db, temporal, logger } = deps;
  if (await isPspEventRecorded(db, event.psp, event.eventId)) return;
  const refund = event.refundId ? await findRefundSubject(db, event.refundId) : undefined;
  const paymentId = event.paymentId ?? refund?.paymentId ?? (await findPaymentIdByPspReference(db, event.psp, event.pspReference));
  const payment = paymentId ? await findPaymentSubject(db, paymentId) : undefined;
  if (!payment) {
    await ignorePspEvent(deps, event, 'no_such_payment');
    return;
  }
  const verdict = checkPaymentEvent(event, payment, refund);
  if (!verdict.accepted) {
    await rejectPspEvent(
      deps,
      event,
      { object: payment.id, psp: payment.psp, merchantId: payment.merchantId, paymentId: payment.id },
      verdict.reason,
    );
    return;
  }
  // A PSP may take back what it reported done (Adyen's REFUND_FAILED after REFUND, CAPTURE_FAILED
  // after CAPTURE, when the scheme refuses it later). The workflow has settled it and ignores
  // the failure; the books still say the money moved.
  if (
    (event.kind === 'refund_failed' && refund?.status === 'succeeded') ||
    (event.kind === 'capture_failed' && payment.amountCaptured > 0)
  ) {
    await raiseDisagreement(deps, event, payment, 'psp_failure_after_success', { refundId: refund?.id });
  }
  // The other way round: the PSP reports money taken for a payment holdfast closed without
  // taking any (canceled once the PSP confirmed the void, or failed). The workflow does not move
  // a closed payment backwards, and its books hold nothing for that money.
  if (event.kind === 'captured' && (payment.status === 'canceled' || payment.status === 'failed')) {
    await raiseDisagreement(deps, event, payment, 'psp_success_after_failure', { status: payment.status });
  }
  try {
    await paymentHandle(temporal, payment.id).signal(pspEventSignal, event);
  } catch (error) {
    // A finished payment has nothing left to learn; the event is still recorded.
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    logger.info({ psp: event.psp, eventId: event.eventId, paymentId: payment.id }, 'PSP event for a finished payment');
  }
  await recordPspEvent(db, { psp: event.psp, eventId: event.eventId, kind: event.kind, paymentId: payment.id, event, status: 'processed' });
}

/** The PSP and holdfast's books disagree about money that moved: a person must look, once per event. */
async function raiseDisagreement(
  { db, logger }: Pick<ApiDeps, 'db' | 'logger'>,
  event: PspEvent,
  payment: { id: string; merchantId: string },
  kind: 'psp_failure_after_success' | 'psp_success_after_failure',
  context: Record<string, unknown>,
): Promise<void> {
  logger.warn({ psp: event.psp, eventId: event.eventId, paymentId: payment.id, kind, ...context }, 'PSP event contradicts the books');
  await raiseException(db, {
    kind,
    subject: `${event.psp}:${event.eventId}`,
    paymentId: payment.id,
    merchantId: payment.merchantId,
    psp: event.psp,
    context: { eventId: event.eventId, kind: event.kind, pspReference: event.pspReference, amount: event.amount, ...context },
  });
}
