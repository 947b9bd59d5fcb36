// A verified PSP payout event on its way to its payout's workflow: deduplicated by the PSP's
// event id like payment events (api/psp-event-intake.ts), checked against the payout it names
// (api/psp-event-checks.ts), recorded after the signal so a failed signal is retried by the
// PSP's redelivery.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { PayoutEvent } from '../domain/psp-gateway';
import { findPayoutIdByPspReference } from '../db/queries/payouts';
import { findPayoutSubject } from '../db/queries/psp-event-subjects';
import { isPspEventRecorded, recordPspEvent } from '../db/queries/psp-events';
import { payoutEventSignal } from '../contracts/payout.contract';
import type { ApiDeps } from './deps';
import { checkPayoutEvent } from './psp-event-checks';
import { ignorePspEvent, rejectPspEvent } from './psp-event-outcomes';
import { payoutHandle } from '../contracts/payout.client';

export async function acceptPayoutEvent(deps: Pick<ApiDeps, 'db' | 'temporal' | 'logger'>, event: PayoutEvent): Promise<void> {
  const { db, temporal, logger } = deps;
  if (await isPspEventRecorded(db, event.psp, event.eventId)) return;
  const payoutId = event.payoutId ?? (await findPayoutIdByPspReference(db, event.psp, event.pspPayoutReference));
  const payout = payoutId ? await findPayoutSubject(db, payoutId) : undefined;
  if (!payout) {
    await ignorePspEvent(deps, event, 'no_such_payout');
    return;
  }
  const verdict = checkPayoutEvent(event, payout);
  if (!verdict.accepted) {
    await rejectPspEvent(deps, event, { object: payout.id, psp: payout.psp, merchantId: payout.merchantId }, verdict.reason);
    return;
  }
  try {
    await payoutHandle(temporal, payout.id).signal(payoutEventSignal, event);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    logger.info({ psp: event.psp, eventId: event.eventId, payoutId: payout.id }, 'PSP event for a finished payout');
  }
  await recordPspEvent(db, { psp: event.psp, eventId: event.eventId, kind: event.kind, event, status: 'processed' });
}
