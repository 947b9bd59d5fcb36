// A verified PSP dispute event: the first one about a dispute starts its workflow, later ones
// join it — one signal-with-start either way, so two events racing cannot start two. Events
// are deduplicated by the PSP's event id like payment events (api/psp-event-intake.ts), and
// checked against the payment they name (api/psp-event-checks.ts): the merchantReference in
// a notification is only what the PSP was given, never proof of which payment is disputed.
import type { DisputeEvent } from '../domain/psp-gateway';
import { findDisputeByPspReference } from '../db/queries/disputes';
import { findPaymentIdByPspReference } from '../db/queries/payments';
import { findPaymentSubject } from '../db/queries/psp-event-subjects';
import { isPspEventRecorded, recordPspEvent } from '../db/queries/psp-events';
import { type DisputeInput } from '../contracts/dispute.contract';
import type { ApiDeps } from './deps';
import { deriveDisputeId } from '../views/ids';
import { checkDisputeEvent } from './psp-event-checks';
import { ignorePspEvent, rejectPspEvent } from './psp-event-outcomes';
import { tellDispute } from '../contracts/dispute.client';

export async function acceptDisputeEvent(deps: Pick<ApiDeps, 'db' | 'temporal' | 'logger' | 'config'>, event: DisputeEvent): Promise<void> {
  const { db, temporal, config } = deps;
  if (await isPspEventRecorded(db, event.psp, event.eventId)) return;
  const paymentId = event.paymentId ?? (await findPaymentIdByPspReference(db, event.psp, event.pspReference));
  const payment = paymentId ? await findPaymentSubject(db, paymentId) : undefined;
  if (!payment) {
    await ignorePspEvent(deps, event, 'no_such_payment');
    return;
  }
  const knownDispute = await findDisputeByPspReference(db, event.psp, event.pspDisputeReference);
  const verdict = checkDisputeEvent(event, payment, knownDispute);
  if (!verdict.accepted) {
    await rejectPspEvent(
      deps,
      event,
      { object: payment.id, psp: payment.psp, merchantId: payment.merchantId, paymentId: payment.id },
      verdict.reason,
    );
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
  await tellDispute(temporal, config.temporal.taskQueue, input, event);
  await recordPspEvent(db, { psp: event.psp, eventId: event.eventId, kind: event.kind, paymentId: payment.id, event, status: 'processed' });
}
