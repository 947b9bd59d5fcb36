// Adyen's standard notifications (webhooks) in: each NotificationRequestItem is signed on its
// own (HMAC in additionalData.hmacSignature), and becomes at most one PspEvent for the payment
// workflow. Pure apart from the HMAC; the webhook route verifies every item before mapping.
import { hmacValidator as HmacValidator, type Types } from '@adyen/api-library';
import type { PspEvent } from '../gateway';
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

/**
 * The events in a notification, in order. Event codes a payment workflow does not act on
 * (REPORT_AVAILABLE, CHARGEBACK, RECURRING_CONTRACT, …) are skipped, not refused: Adyen
 * resends a batch until it is accepted, so refusing would block the events we do want.
 */
export function pspEventsFromAdyenNotification(body: {
  notificationItems?: ReadonlyArray<{ NotificationRequestItem?: unknown }>;
}): PspEvent[] {
  const events: PspEvent[] = [];
  for (const wrapper of body.notificationItems ?? []) {
    const item = wrapper.NotificationRequestItem;
    if (!isNotificationRequestItem(item)) {
      throw new UnmappableAdyenNotificationError(`not a NotificationRequestItem: ${JSON.stringify(item)}`);
    }
    const event = pspEventFromItem(item);
    if (event) events.push(event);
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
  const { amount, currency } = fromAdyenAmount(item.amount);
  const occurredAt = new Date(item.eventDate);
  if (Number.isNaN(occurredAt.getTime())) throw new UnmappableAdyenNotificationError(`bad eventDate: ${item.eventDate}`);
  return {
    psp: 'adyen',
    // Adyen has no event id; its retries of one event repeat these three. The item's own
    // pspReference (a refund's, not the payment's) keeps two partial refunds apart.
    eventId: `${item.eventCode}:${item.pspReference}:${item.success}`,
    kind,
    pspReference,
    amount,
    currency,
    occurredAt: occurredAt.toISOString(),
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
