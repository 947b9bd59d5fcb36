// Records an event (a payment's, or any object's) for its merchant in the events outbox; the
// event relay in the workers hands it to every subscribed endpoint's delivery workflow once it
// commits. Safe to retry: the source key records the event once. Workflows in flight and
// recorded histories still call these activities by name.
import { ApplicationFailure } from '@temporalio/common';
import { randomId } from '../../views/ids';
import { paymentView, refundView } from '../../views/payment';
import type { Database } from '../../db/client';
import { sealEventData } from '../../db/sealed/event-data';
import type { Keyring } from '../../keyring/keyring';
import { recordEvent } from '../../db/queries/webhooks';
import { isRefundEvent, type MerchantEventType } from '../../domain/events';
import type { PaymentState } from '../../domain/payment/types';
import { INVALID_EVENT } from '../../domain/failures';

export interface PublishPaymentEvent {
  type: MerchantEventType;
  /** The payment right after the transition that raised the event. */
  payment: PaymentState;
  /** Required for refund.* events: which of the payment's refunds. */
  refundId?: string;
  /** Names the transition; see eventSourceKey in domain/events. */
  sourceKey: string;
}

export async function publishPaymentEvent(
  { db, keyring }: { db: Database; keyring: Keyring },
  { type, payment, refundId, sourceKey }: PublishPaymentEvent,
): Promise<{ eventId: string }> {
  const event = await recordEvent(db, {
    id: randomId('evt'),
    merchantId: payment.merchantId,
    type,
    paymentId: payment.id,
    sourceKey,
    ...sealEventData(keyring, isRefundEvent(type) ? refundView(refundOf(payment, type, refundId), payment) : paymentView(payment)),
  });
  return { eventId: event.id };
}

export interface PublishObjectEvent {
  merchantId: string;
  type: MerchantEventType;
  /** The API object the event reports (a dispute, a payout), as its view renders it. */
  object: Record<string, unknown>;
  /** The payment it concerns, if any: deliveries keep order per payment. */
  paymentId: string | null;
  /** Names the business fact, e.g. `dispute:<id>:created`, so it is recorded once. */
  sourceKey: string;
}

/** Records an event about any API object; the relay hands it to the subscribed endpoints. */
export async function publishObjectEvent(
  { db, keyring }: { db: Database; keyring: Keyring },
  { merchantId, type, object, paymentId, sourceKey }: PublishObjectEvent,
): Promise<{ eventId: string }> {
  const event = await recordEvent(db, { id: randomId('evt'), merchantId, type, paymentId, sourceKey, ...sealEventData(keyring, object) });
  return { eventId: event.id };
}

function refundOf(payment: PaymentState, type: MerchantEventType, refundId: string | undefined) {
  const refund = payment.refunds.find((r) => r.id === refundId);
  if (!refund) {
    throw ApplicationFailure.nonRetryable(`${type} names refund ${refundId}, which payment ${payment.id} does not have`, INVALID_EVENT);
  }
  return refund;
}
