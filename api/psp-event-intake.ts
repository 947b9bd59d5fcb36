// A verified PSP event on its way to its payment's workflow. The dedupe check comes first and
// the row is written last: an event whose signal failed is not yet recorded, so the PSP's
// redelivery tries again. A duplicate signal that slips through is harmless — the workflow
// also ignores an event id it has seen.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { PspEvent } from '../activities/psp/gateway';
import { findPaymentIdByPspReference, findRefundPaymentId } from '../db/queries/payments';
import { isPspEventRecorded, recordPspEvent } from '../db/queries/psp-events';
import { paymentWorkflowId, pspEventSignal } from '../workflows/payment.contract';
import type { ApiDeps } from './deps';

export async function acceptPspEvent({ db, temporal, logger }: Pick<ApiDeps, 'db' | 'temporal' | 'logger'>, event: PspEvent): Promise<void> {
  if (await isPspEventRecorded(db, event.psp, event.eventId)) return;
  const paymentId = await paymentOf(db, event);
  if (paymentId) {
    try {
      await temporal.workflow.getHandle(paymentWorkflowId(paymentId)).signal(pspEventSignal, event);
    } catch (error) {
      // A finished payment has nothing left to learn; the event is still recorded.
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      logger.info({ psp: event.psp, eventId: event.eventId, paymentId }, 'PSP event for a finished payment');
    }
  } else {
    logger.warn({ psp: event.psp, eventId: event.eventId, kind: event.kind }, 'PSP event for no payment of ours');
  }
  await recordPspEvent(db, event, paymentId);
}

async function paymentOf(db: ApiDeps['db'], event: PspEvent): Promise<string | undefined> {
  if (event.paymentId) return event.paymentId;
  if (event.refundId) {
    const viaRefund = await findRefundPaymentId(db, event.refundId);
    if (viaRefund) return viaRefund;
  }
  return findPaymentIdByPspReference(db, event.psp, event.pspReference);
}
