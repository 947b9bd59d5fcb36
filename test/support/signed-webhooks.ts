// PSP webhooks as a test sends them to holdfast: validly signed with the simulator's published
// keys, so what holdfast does with them depends on what they say, not on their signature.
import { createHmac, randomUUID } from 'node:crypto';
import { adyenItemSignature } from '../../sim/adyen/notifications';
import { SIM_ADYEN_MERCHANT_ACCOUNT, SIM_STRIPE_WEBHOOK_SECRET } from '../../sim/credentials';

/** A Stripe Event of `type` about `object`, with a fresh id. */
export function stripeEventBody(type: string, object: Record<string, unknown>): { id: string; body: string } {
  const id = `evt_${randomUUID().replace(/-/g, '')}`;
  const body = JSON.stringify({
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  });
  return { id, body };
}

export async function postStripeEvent(apiUrl: string, body: string): Promise<Response> {
  const at = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', SIM_STRIPE_WEBHOOK_SECRET).update(`${at}.${body}`).digest('hex');
  return fetch(`${apiUrl}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': `t=${at},v1=${signature}` },
    body,
  });
}

export interface AdyenItemFields {
  eventCode: string;
  pspReference: string;
  originalReference?: string;
  merchantReference: string;
  amount: { value: number; currency: string };
  success: boolean;
  reason?: string;
  additionalData?: Record<string, string>;
}

/** A NotificationRequestItem signed as Adyen signs one, with the simulator's published HMAC key. */
export function signedAdyenItem(fields: AdyenItemFields): Record<string, unknown> {
  const item = {
    ...fields,
    success: String(fields.success),
    merchantAccountCode: SIM_ADYEN_MERCHANT_ACCOUNT,
    eventDate: new Date().toISOString(),
  };
  const hmacSignature = adyenItemSignature(item);
  return { ...item, additionalData: { ...fields.additionalData, hmacSignature } };
}

export async function postAdyenItems(apiUrl: string, items: Array<Record<string, unknown>>): Promise<Response> {
  return fetch(`${apiUrl}/webhooks/adyen`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ live: 'false', notificationItems: items.map((NotificationRequestItem) => ({ NotificationRequestItem })) }),
  });
}
