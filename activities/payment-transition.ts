// The one write a payment's state change makes: its ledger posting, its read-model row and the
// merchant events it raises commit in one database transaction, so none is ever written
// without the others. The payment workflow runs it as a local activity: idempotent by the
// posting key, the version guard and the events' source keys, so running it again is a no-op.
import { ApplicationFailure } from '@temporalio/common';
import { randomId } from '../api/ids';
import { paymentView, refundView } from '../api/views/payment';
import type { Database } from '../db/client';
import { recordEventIn } from '../db/queries/webhooks';
import { INVALID_POSTING } from '../domain/errors';
import { isRefundEvent, type RaisedEvent } from '../domain/events';
import { assertValidPosting, type Posting } from '../domain/ledger';
import type { PaymentState } from '../domain/payment/types';
import { refusingOverdraft, writePosting } from './ledger';
import { queueDeliveries, type DeliveryQueue } from './merchant-events/queue-deliveries';
import { writePaymentRow } from './payment-records';

export interface PaymentTransition {
  /** The payment after the transition. */
  state: PaymentState;
  /** What the transition books, if anything; written once per posting key. */
  posting?: Posting;
  /** The merchant events it raises, in order (domain/events eventsRaised). */
  events: RaisedEvent[];
}

export function createPaymentTransitionActivities(deps: DeliveryQueue & { db: Database }) {
  return {
    async recordPaymentTransition({ state, posting, events }: PaymentTransition): Promise<void> {
      if (posting) validated(posting);
      const write = () =>
        deps.db.transaction(async (tx) => {
          if (posting) await writePosting(tx, posting);
          await writePaymentRow(tx, state);
          const handOffs = [];
          for (const raised of events) handOffs.push(await recordEventIn(tx, eventRow(state, raised)));
          return handOffs;
        });
      const handOffs = posting ? await refusingOverdraft(posting, write) : await write();
      for (const { event, pendingEndpointIds } of handOffs) await queueDeliveries(deps, event, pendingEndpointIds);
    },
  };
}

function validated(posting: Posting): void {
  try {
    assertValidPosting(posting);
  } catch (error) {
    throw ApplicationFailure.create({ type: INVALID_POSTING, message: (error as Error).message, nonRetryable: true, cause: error as Error });
  }
}

function eventRow(payment: PaymentState, { type, refundId, sourceKey }: RaisedEvent) {
  const refund = refundId ? payment.refunds.find((r) => r.id === refundId) : undefined;
  if (isRefundEvent(type) && !refund) {
    throw ApplicationFailure.nonRetryable(`${type} names refund ${refundId}, which payment ${payment.id} does not have`, 'InvalidEvent');
  }
  return {
    id: randomId('evt'),
    merchantId: payment.merchantId,
    type,
    paymentId: payment.id,
    sourceKey,
    data: refund ? refundView(refund, payment) : paymentView(payment),
  };
}
