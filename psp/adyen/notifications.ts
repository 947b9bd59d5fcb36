// Adyen's standard notifications (webhooks) in: each NotificationRequestItem is signed on its
// own (HMAC in additionalData.hmacSignature), and becomes at most one event: a PspEvent for
// the payment workflow, a PayoutEvent or a DisputeEvent. Each mapper skips the others' event
// codes. Pure apart from the HMAC; the webhook route verifies every item before mapping.
import { hmacValidator as HmacValidator, type Types } from '@adyen/api-library';
import type { DisputeEvent, PayoutEvent, PspEvent } from '../../domain/psp-gateway';
import { fromAdyenAmount, refusal } from './mappers';

type NotificationRequestItem = Types.notification.NotificationRequestItem;

/** A notification holdfast cannot read, though its signature (checked first) was good. */
export class UnmappableAdyenNotificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnmappableAdyenNotificationError';
  }
}

/** Whether the item is a NotificationRequestItem signed with this hex HMAC key; anything malformed is not. */
export function verifyAdyenNotificationItem(item: unknown, hmacKeyHex: string): boolean {
  if (!isNotificationRequestItem(item) || !item.additionalData?.hmacSignature) return false;
  return new HmacValidator().validateHMAC(item, hmacKeyHex);
}

/** A NotificationRequest as it arrives; each mapper checks its items. */
export interface AdyenNotificationBody {
  notificationItems?: ReadonlyArray<{ NotificationRequestItem?: unknown }>;
}

/**
 * The payment events in a notification, in order. Event codes a payment workflow does not act
 * on (REPORT_AVAILABLE, CHARGEBACK, PAYOUT_THIRDPARTY, …) are skipped, not refused: Adyen
 * resends a batch until it is accepted, so refusing would block the events we do want.
 */
export function pspEventsFromAdyenNotification(body: AdyenNotificationBody): PspEvent[] {
  return eventsOf(body, pspEventFromItem);
}

/** The payout events in a notification, in order; other event codes are skipped. */
export function payoutEventsFromAdyenNotification(body: AdyenNotificationBody): PayoutEvent[] {
  return eventsOf(body, payoutEventFromItem);
}

/** The dispute (chargeback) events in a notification, in order; other event codes are skipped. */
export function disputeEventsFromAdyenNotification(body: AdyenNotificationBody): DisputeEvent[] {
  return eventsOf(body, disputeEventFromItem);
}

function eventsOf<T>(body: AdyenNotificationBody, eventFromItem: (item: NotificationRequestItem) => T | undefined): T[] {
  const events: T[] = [];
  for (const wrapper of body.notificationItems ?? []) {
    const item = wrapper.NotificationRequestItem;
    if (!isNotificationRequestItem(item)) {
      throw new UnmappableAdyenNotificationError(`not a NotificationRequestItem: ${JSON.stringify(item)}`);
    }
    const event = eventFromItem(item);
    if (event !== undefined) events.push(event);
  }
  return events;
}

/** Adyen's failure reasons for modifications are prose; these codes say which kind of failure it was. */
const MODIFICATION_REFUSED = 'refused_by_psp';
const REJECTED_BY_SCHEME = 'rejected_by_scheme';

function pspEventFromItem(item: NotificationRequestItem): PspEvent | undefined {
  const success = item.success === 'true';
  switch (item.eventCode) {
    case 'AUTHORISATION':
      return {
        ...common(item, success ? 'authorized' : 'authorization_failed', item.pspReference),
        ...paymentIdOf(item),
        ...(success ? {} : refusal(item.reason, undefined)),
      };
    // A CAPTURE with success=false failed Adyen's own checks (amount, state); CAPTURE_FAILED
    // comes later, when the card scheme rejects a capture Adyen had accepted.
    case 'CAPTURE':
      return {
        ...common(item, success ? 'captured' : 'capture_failed', originalReferenceOf(item)),
        ...paymentIdOf(item),
        ...(success ? {} : failure(MODIFICATION_REFUSED, item)),
      };
    case 'CAPTURE_FAILED':
      return {
        ...common(item, 'capture_failed', originalReferenceOf(item)),
        ...paymentIdOf(item),
        ...failure(REJECTED_BY_SCHEME, item),
      };
    case 'CANCELLATION':
      return {
        ...common(item, success ? 'canceled' : 'cancel_failed', originalReferenceOf(item)),
        ...paymentIdOf(item),
        ...(success ? {} : failure(MODIFICATION_REFUSED, item)),
      };
    case 'REFUND':
      return {
        ...common(item, success ? 'refunded' : 'refund_failed', originalReferenceOf(item)),
        ...refundOf(item),
        ...(success ? {} : failure(MODIFICATION_REFUSED, item)),
      };
    case 'REFUND_FAILED':
      return {
        ...common(item, 'refund_failed', originalReferenceOf(item)),
        ...refundOf(item),
        ...failure(REJECTED_BY_SCHEME, item),
      };
    default:
      return undefined;
  }
}

function common(item: NotificationRequestItem, kind: PspEvent['kind'], pspReference: string): PspEvent {
  return { ...identity(item), kind, pspReference, ...fromAdyenAmount(item.amount) };
}

/** What every event of an item shares: who sent it, its id and when it happened. */
function identity(item: NotificationRequestItem): { psp: 'adyen'; eventId: string; occurredAt: string } {
  return { psp: 'adyen', eventId: adyenEventId(item), occurredAt: isoTime(item.eventDate, 'eventDate') };
}

/**
 * Adyen has no event id; its retries of one event repeat these three. The item's own
 * pspReference (a refund's, not the payment's) keeps two partial refunds apart. Readable from
 * any verified item, also one the mappers cannot read.
 */
export function adyenEventId(item: { eventCode: string; pspReference: string; success: string }): string {
  return `${item.eventCode}:${item.pspReference}:${item.success}`;
}

function isoTime(value: string, field: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new UnmappableAdyenNotificationError(`bad ${field}: ${value}`);
  return time.toISOString();
}

/** When PAYOUT_THIRDPARTY fails without a reason; Adyen's reasons are the bank's codes (account_closed, …). */
const PAYOUT_FAILED = 'payout_failed';

/**
 * PAYOUT_THIRDPARTY says whether the payout went through. PAYOUT_DECLINE (a reviewer declined
 * it) and PAYOUT_EXPIRE (nobody confirmed it in time) fail it when they succeeded; one with
 * success=false says the decline or expiry itself did not happen, which changes nothing.
 * Those two name the payout as originalReference when they carry one.
 */
function payoutEventFromItem(item: NotificationRequestItem): PayoutEvent | undefined {
  const success = item.success === 'true';
  const payout = { ...identity(item), ...(item.merchantReference ? { payoutId: item.merchantReference } : {}) };
  switch (item.eventCode) {
    case 'PAYOUT_THIRDPARTY':
      return success
        ? { ...payout, kind: 'payout_paid', pspPayoutReference: item.pspReference }
        : {
            ...payout,
            kind: 'payout_failed',
            pspPayoutReference: item.pspReference,
            failureCode: item.reason || PAYOUT_FAILED,
            failureMessage: item.reason || 'Adyen gave no reason.',
          };
    case 'PAYOUT_DECLINE':
    case 'PAYOUT_EXPIRE': {
      if (!success) return undefined;
      const declined = item.eventCode === 'PAYOUT_DECLINE';
      return {
        ...payout,
        kind: 'payout_failed',
        pspPayoutReference: item.originalReference || item.pspReference,
        failureCode: declined ? 'payout_declined' : 'payout_expired',
        failureMessage: item.reason || (declined ? 'The payout was declined at Adyen.' : 'The payout expired unconfirmed at Adyen.'),
      };
    }
    default:
      return undefined;
  }
}

/**
 * NOTIFICATION_OF_CHARGEBACK opens a dispute; CHARGEBACK debits the funds and is a loss only
 * when its disputeStatus says Lost (otherwise the dispute is still open, defended or not);
 * CHARGEBACK_REVERSED gives the funds back: won. Every item of one dispute carries its
 * pspReference, and the payment's as originalReference.
 */
function disputeEventFromItem(item: NotificationRequestItem): DisputeEvent | undefined {
  switch (item.eventCode) {
    case 'NOTIFICATION_OF_CHARGEBACK':
      return disputeEvent(item, 'dispute_opened');
    case 'CHARGEBACK':
      return disputeEvent(item, item.additionalData?.disputeStatus === 'Lost' ? 'dispute_lost' : 'dispute_opened');
    case 'CHARGEBACK_REVERSED':
      return disputeEvent(item, 'dispute_won');
    default:
      return undefined;
  }
}

function disputeEvent(item: NotificationRequestItem, kind: DisputeEvent['kind']): DisputeEvent {
  const { chargebackReasonCode, defensePeriodEndsAt } = item.additionalData ?? {};
  return {
    ...identity(item),
    kind,
    pspDisputeReference: item.pspReference,
    pspReference: originalReferenceOf(item),
    ...(item.merchantReference ? { paymentId: item.merchantReference } : {}),
    ...fromAdyenAmount(item.amount),
    ...(chargebackReasonCode ? { reason: chargebackReasonCode } : {}),
    ...(defensePeriodEndsAt ? { evidenceDueBy: isoTime(defensePeriodEndsAt, 'defensePeriodEndsAt') } : {}),
  };
}

/** holdfast sends its payment id as the payment's reference; modifications without their own carry it too. */
function paymentIdOf(item: NotificationRequestItem): { paymentId?: string } {
  return item.merchantReference ? { paymentId: item.merchantReference } : {};
}

/** A refund's reference is holdfast's refund id; its own pspReference names the refund at Adyen. */
function refundOf(item: NotificationRequestItem): { refundId?: string; pspRefundReference: string } {
  return { ...(item.merchantReference ? { refundId: item.merchantReference } : {}), pspRefundReference: item.pspReference };
}

function failure(failureCode: string, item: NotificationRequestItem): { failureCode: string; failureMessage: string } {
  return { failureCode, failureMessage: item.reason || 'Adyen gave no reason.' };
}

function originalReferenceOf(item: NotificationRequestItem): string {
  if (!item.originalReference) {
    throw new UnmappableAdyenNotificationError(`${item.eventCode} ${item.pspReference} names no originalReference (the payment)`);
  }
  return item.originalReference;
}

function isNotificationRequestItem(value: unknown): value is NotificationRequestItem {
  if (!value || typeof value !== 'object') return false;
  const item = value as Record<string, unknown>;
  const amount = item.amount as Record<string, unknown> | undefined;
  return (
    ['pspReference', 'eventCode', 'eventDate', 'merchantAccountCode', 'merchantReference', 'success'].every(
      (field) => typeof item[field] === 'string',
    ) &&
    (item.originalReference === undefined || typeof item.originalReference === 'string') &&
    typeof amount === 'object' &&
    amount !== null &&
    typeof amount.value === 'number' &&
    typeof amount.currency === 'string' &&
    (item.additionalData === undefined || (typeof item.additionalData === 'object' && item.additionalData !== null))
  );
}
