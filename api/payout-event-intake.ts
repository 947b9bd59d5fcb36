// A verified PSP payout event on its way to its payout's workflow: deduplicated by the PSP's
// event id like payment events (api/psp-event-intake.ts), recorded after the signal so a
// failed signal is retried by the PSP's redelivery.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { PayoutEvent } from '../activities/psp/gateway';
import { findPayoutIdByPspReference } from '../db/queries/payouts';
import { isPspEventRecorded, recordPspEvent } from '../db/queries/psp-events';
import { payoutEventSignal, payoutWorkflowId } from '../workflows/payout.contract';
import type { ApiDeps } from './deps';

export async function acceptPayoutEvent({ db, temporal, logger }: Pick<ApiDeps, 'db' | 'temporal' | 'logger'>, event: PayoutEvent): Promise<void> {
  if (await isPspEventRecorded(db, event.psp, event.eventId)) return;
  const payoutId = event.payoutId ?? (await findPayoutIdByPspReference(db, event.psp, event.pspPayoutReference));
  if (payoutId) {
    try {
      await temporal.workflow.getHandle(payoutWorkflowId(payoutId)).signal(payoutEventSignal, event);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      logger.info({ psp: event.psp, eventId: event.eventId, payoutId }, 'PSP event for a finished payout');
    }
  } else {
    logger.warn({ psp: event.psp, eventId: event.eventId, kind: event.kind }, 'PSP event for no payout of ours');
  }
  await recordPspEvent(db, event, undefined);
}
