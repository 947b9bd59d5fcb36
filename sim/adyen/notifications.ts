// The Adyen face's standard notifications: one NotificationRequestItem per NotificationRequest,
// HMAC-signed as Adyen signs them, delivered in the background (and retried) to holdfast's
// /webhooks/adyen. The signature is computed here from Adyen's documented recipe, not with
// the library holdfast verifies with, so the two are checked against each other.
import { createHmac } from 'node:crypto';
import type { SimContext } from '../context';
import { SIM_ADYEN_HMAC_KEY } from '../credentials';
import type { AdyenAmount, SimAdyenPayment } from './state';

export type AdyenEventCode =
  | 'AUTHORISATION'
  | 'CAPTURE'
  | 'CAPTURE_FAILED'
  | 'CANCELLATION'
  | 'REFUND'
  | 'REFUND_FAILED'
  | 'PAYOUT_THIRDPARTY'
  | 'NOTIFICATION_OF_CHARGEBACK'
  | 'CHARGEBACK'
  | 'CHARGEBACK_REVERSED';

export interface NotificationFacts {
  eventCode: AdyenEventCode;
  /** The payment's for AUTHORISATION; the modification's for the others. */
  pspReference: string;
  amount: AdyenAmount;
  success: boolean;
  /** The modification's own reference, if it had one; otherwise Adyen repeats the payment's. */
  merchantReference?: string;
  reason?: string;
}

/** A notification item before it is dated and signed. */
export interface NotificationItem {
  eventCode: AdyenEventCode;
  pspReference: string;
  /** The payment a modification or dispute is about; absent for payments and payouts themselves. */
  originalReference?: string;
  merchantAccountCode: string;
  merchantReference: string;
  amount: AdyenAmount;
  success: boolean;
  reason?: string;
  paymentMethod?: string;
  /** Fields beside the signature (a dispute's status, reason code, defense period). */
  additionalData?: Record<string, string>;
}

/** A notification about a payment or one of its modifications. */
export function sendNotification(context: SimContext, payment: SimAdyenPayment, facts: NotificationFacts): void {
  sendNotificationItem(context, {
    eventCode: facts.eventCode,
    pspReference: facts.pspReference,
    ...(facts.eventCode === 'AUTHORISATION' ? {} : { originalReference: payment.pspReference }),
    merchantAccountCode: payment.merchantAccount,
    merchantReference: facts.merchantReference ?? payment.reference,
    amount: facts.amount,
    success: facts.success,
    paymentMethod: cardBrand(payment.paymentMethod),
    ...(facts.reason === undefined ? {} : { reason: facts.reason }),
  });
}

/** Dates, signs and sends one item as a NotificationRequest of its own. */
export function sendNotificationItem(context: SimContext, item: NotificationItem): void {
  const unsigned = {
    amount: item.amount,
    eventCode: item.eventCode,
    eventDate: new Date().toISOString(),
    merchantAccountCode: item.merchantAccountCode,
    merchantReference: item.merchantReference,
    ...(item.originalReference === undefined ? {} : { originalReference: item.originalReference }),
    ...(item.paymentMethod === undefined ? {} : { paymentMethod: item.paymentMethod }),
    pspReference: item.pspReference,
    ...(item.reason === undefined ? {} : { reason: item.reason }),
    success: String(item.success),
  };
  const signed = { additionalData: { ...item.additionalData, hmacSignature: adyenItemSignature(unsigned) }, ...unsigned };
  const body = { live: 'false', notificationItems: [{ NotificationRequestItem: signed }] };
  context.webhooks.send('/webhooks/adyen', JSON.stringify(body), {});
}

/**
 * Adyen's HMAC for a standard notification item: HMAC-SHA256, keyed with the hex-decoded
 * key, over these eight fields joined by ':' (an absent one is empty), in base64.
 */
export function adyenItemSignature(item: {
  pspReference: string;
  originalReference?: string;
  merchantAccountCode: string;
  merchantReference: string;
  amount: AdyenAmount;
  eventCode: string;
  success: string;
}): string {
  const signed = [
    item.pspReference,
    item.originalReference ?? '',
    item.merchantAccountCode,
    item.merchantReference,
    item.amount.value,
    item.amount.currency,
    item.eventCode,
    item.success,
  ].join(':');
  return createHmac('sha256', Buffer.from(SIM_ADYEN_HMAC_KEY, 'hex')).update(signed, 'utf8').digest('base64');
}

/** Adyen names the brand in `paymentMethod`; the test tokens say which. */
export function cardBrand(token: string): string {
  return token.includes('mastercard') ? 'mc' : 'visa';
}
