// A verified PSP dispute event: the first one about a dispute starts its workflow, later ones
// join it — one signal-with-start either way, so two events racing cannot start two. Events
// are deduplicated by the PSP's event id like payment events (api/psp-event-intake.ts).
import type { DisputeEvent } from '../activities/psp/gateway';
import { findPaymentAnyMerchant, findPaymentIdByPspReference } from '../db/queries/payments';
import { isPspEventRecorded, recordPspEvent } from '../db/queries/psp-events';
import { disputeEventSignal, disputeWorkflowId, type DisputeInput } from '../workflows/dispute.contract';
import type { disputeWorkflow } from '../workflows/dispute.workflow';
import type { ApiDeps } from './deps';
import { deriveDisputeId } from './ids';

export async function acceptDisputeEvent(
  { db, temporal, logger, config }: Pick<ApiDeps, 'db' | 'temporal' | 'logger' | 'config'>,
  event: DisputeEvent,
): Promise<void> {
  if (await isPspEventRecorded(db, event.psp, event.eventId)) return;
  const paymentId = event.paymentId ?? (await findPaymentIdByPspReference(db, event.psp, event.pspReference));
  const payment = paymentId ? await findPaymentAnyMerchant(db, paymentId) : undefined;
  if (!payment) {
    logger.warn({ psp: event.psp, eventId: event.eventId, kind: event.kind }, 'PSP dispute of no payment of ours');
    await recordPspEvent(db, event, undefined);
    return;
  }
  const disputeId = deriveDisputeId(event.psp, event.pspDisputeReference);
  const input: DisputeInput = {
    disputeId,
    merchantId: payment.merchantId,
    paymentId: payment.id,
    psp: event.psp,
    pspDisputeReference: event.pspDisputeReference,
    pspReference: event.pspReference,
    amount: event.amount,
    currency: event.currency,
    ...(event.reason ? { reason: event.reason } : {}),
    // A dispute that cannot be defended (an Adyen CHARGEBACK with no notice first) has no due date.
    evidenceDueBy: event.evidenceDueBy ?? event.occurredAt,
    reminderSeconds: config.disputes.reminderSeconds,
  };
  await temporal.workflow.signalWithStart<typeof disputeWorkflow, [DisputeEvent]>('disputeWorkflow', {
    workflowId: disputeWorkflowId(disputeId),
    taskQueue: config.temporal.taskQueue,
    args: [input],
    signal: disputeEventSignal,
    signalArgs: [event],
  });
  await recordPspEvent(db, event, payment.id);
}
