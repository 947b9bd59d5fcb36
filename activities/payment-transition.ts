// The one write a payment's state change makes: its ledger posting, its read-model row and the
// merchant events it raises commit in one database transaction, so none is ever written
// without the others — and in one round trip, as one call of `payment_record_transition`
// (migration 0010) with everything bound as jsonb parameters. The payment workflow runs it as
// a local activity: idempotent by the posting key, the version guard and the events' source
// keys, so running it again is a no-op. The events table is the outbox: delivering the events
// to merchants is the relay's work, after commit, off the payment's path.
import { ApplicationFailure } from '@temporalio/common';
import { sql } from 'drizzle-orm';
import { randomId } from '../views/ids';
import { paymentView, refundView } from '../views/payment';
import type { Database } from '../db/client';
import { sealEventData } from '../db/sealed/event-data';
import type { Keyring } from '../keyring/keyring';
import { INVALID_EVENT, INVALID_POSTING } from '../domain/failures';
import { isRefundEvent, type RaisedEvent } from '../domain/events';
import { assertValidPosting, type Posting } from '../domain/ledger';
import type { PaymentState } from '../domain/payment/types';
import { refusingOverdraft, samePostingOrConflict } from './ledger';
import { postingParameter } from '../db/queries/ledger-post';
import { paymentRowParameters } from './payment-records';

export interface PaymentTransition {
  /** The payment after the transition. */
  state: PaymentState;
  /** What the transition books, if anything; written once per posting key. */
  posting?: Posting;
  /** The merchant events it raises, in order (domain/events eventsRaised). */
  events: RaisedEvent[];
}

export function createPaymentTransitionActivities({ db, keyring }: { db: Database; keyring: Keyring }) {
  return {
    async recordPaymentTransition({ state, posting, events }: PaymentTransition): Promise<void> {
      if (posting) validated(posting);
      // Everything is rendered before the call: a refusal here writes nothing.
      const postingJson = posting ? postingParameter(posting) : null;
      const { payment, refunds } = paymentRowParameters(state, keyring);
      const eventsJson = JSON.stringify(events.map((raised) => eventRow(state, raised, keyring)));
      const write = () =>
        db.execute(
          sql`select payment_record_transition(${postingJson}::jsonb, ${payment}::jsonb, ${refunds}::jsonb, ${eventsJson}::jsonb)`,
        );
      if (!posting) {
        await write();
        return;
      }
      await refusingOverdraft(posting, () => samePostingOrConflict(posting, write));
    },
  };
}

function validated(posting: Posting): void {
  try {
    assertValidPosting(posting);
  } catch (error) {
    throw ApplicationFailure.create({
      type: INVALID_POSTING,
      message: (error as Error).message,
      nonRetryable: true,
      cause: error as Error,
    });
  }
}

/** The events row, keyed by column as the function reads it. */
function eventRow(payment: PaymentState, { type, refundId, sourceKey }: RaisedEvent, keyring: Keyring) {
  const refund = refundId ? payment.refunds.find((r) => r.id === refundId) : undefined;
  if (isRefundEvent(type) && !refund) {
    throw ApplicationFailure.nonRetryable(`${type} names refund ${refundId}, which payment ${payment.id} does not have`, INVALID_EVENT);
  }
  return {
    id: randomId('evt'),
    merchant_id: payment.merchantId,
    type,
    payment_id: payment.id,
    source_key: sourceKey,
    ...sealed(sealEventData(keyring, refund ? refundView(refund, payment) : paymentView(payment))),
  };
}

function sealed({ data, dataKeyId }: { data: string; dataKeyId: string }) {
  return { data, data_key_id: dataKeyId };
}
