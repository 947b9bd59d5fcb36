// What becomes of a signed PSP event that reaches no workflow: it is recorded with its status
// and reason (so the PSP's redelivery is acknowledged without effect), logged, and — where a
// person must act — raised on the exceptions queue. Each is answered 2xx: refusing would make
// the PSP resend it, and Adyen holds back the rest of the account's notifications meanwhile.
import type { PspName } from '../domain/psp-gateway';
import { raiseException } from '../db/queries/exceptions';
import { recordPspEvent } from '../db/queries/psp-events';
import type { ApiDeps } from './deps';
import { isPossibleOrphanedCharge, type RejectionReason } from './psp-event-checks';

type Deps = Pick<ApiDeps, 'db' | 'logger'>;

/** An event as far as it could be read: who sent it, its id, its kind or the PSP's own type. */
export interface EventRef {
  psp: PspName;
  eventId: string;
  kind: string;
}

/** A type holdfast does not act on, or one that says nothing a workflow waits for. */
export async function ignorePspEvent({ db, logger }: Deps, ref: EventRef, reason: string): Promise<void> {
  logger.info({ ...ref, reason }, 'PSP event ignored');
  await recordPspEvent(db, { ...ref, event: { type: ref.kind }, status: 'ignored', reason });
}

/** Signed, of a type we act on, and unreadable: a person must look at what the PSP sent. */
export async function refuseUnprocessablePspEvent({ db, logger }: Deps, ref: EventRef, error: unknown): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  logger.error({ ...ref, err: error }, 'PSP event could not be mapped');
  await raiseException(db, {
    kind: 'psp_event_unprocessable',
    category: 3,
    subject: `${ref.psp}:${ref.eventId}`,
    psp: ref.psp,
    context: { ...ref, reason },
  });
  await recordPspEvent(db, { ...ref, event: { type: ref.kind }, status: 'unprocessable', reason });
}

/** What the rejected event named: the object, and the payment and merchant it belongs to. */
export interface RejectedSubject {
  object: string;
  psp: PspName;
  merchantId: string;
  paymentId?: string;
}

/** An event that does not match what it names: never signalled. */
export async function rejectPspEvent(
  { db, logger }: Deps,
  event: { psp: PspName; eventId: string; kind: string; amount?: number; currency?: string },
  subject: RejectedSubject,
  reason: RejectionReason,
): Promise<void> {
  logger.warn(
    { psp: event.psp, eventId: event.eventId, kind: event.kind, object: subject.object, objectPsp: subject.psp, reason },
    'PSP event rejected',
  );
  if (isPossibleOrphanedCharge(event, reason)) {
    await raiseException(db, {
      kind: 'possible_orphaned_charge',
      subject: `${event.psp}:${event.eventId}`,
      merchantId: subject.merchantId,
      ...(subject.paymentId ? { paymentId: subject.paymentId } : {}),
      psp: event.psp,
      context: { event, object: subject.object, objectPsp: subject.psp, reason },
    });
  }
  await recordPspEvent(db, {
    psp: event.psp,
    eventId: event.eventId,
    kind: event.kind,
    ...(subject.paymentId ? { paymentId: subject.paymentId } : {}),
    event,
    status: 'rejected',
    reason,
  });
}
