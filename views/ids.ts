// Object ids. Ids of objects created through an Idempotency-Key are *derived* from the
// merchant and the key, so a retry — even one that races the first request or outlives the
// key's record — names the same payment and the same workflow. An id derived for a money
// movement also names what it moves money of (the payment, the seller): a key reused on
// another parent, once its record has expired, names a new movement and never collides
// with the first one's workflow, PSP idempotency key or ledger posting key.
import { createHash, randomBytes } from 'node:crypto';

function digest(parts: string[]): string {
  // NUL cannot occur in a header value or an id, so the parts cannot run into each other.
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 24);
}

export function derivePaymentId(merchantId: string, idempotencyKey: string): string {
  return `pay_${digest(['payment', merchantId, idempotencyKey])}`;
}

/** A refund of one payment. */
export function deriveRefundId(merchantId: string, paymentId: string, idempotencyKey: string): string {
  return `re_${digest(['refund', merchantId, paymentId, idempotencyKey])}`;
}

/** A payout to one seller. */
export function derivePayoutId(merchantId: string, sellerId: string, idempotencyKey: string): string {
  return `po_${digest(['payout', merchantId, sellerId, idempotencyKey])}`;
}

export function deriveSellerId(merchantId: string, idempotencyKey: string): string {
  return `sel_${digest(['seller', merchantId, idempotencyKey])}`;
}

/** A PSP's dispute, by the PSP's reference: every webhook about it names the same workflow. */
export function deriveDisputeId(psp: string, pspDisputeReference: string): string {
  return `dsp_${digest(['dispute', psp, pspDisputeReference])}`;
}

/** Names one request that creates no money movement of its own (a webhook endpoint). */
export function deriveRequestId(merchantId: string, idempotencyKey: string): string {
  return digest(['request', merchantId, idempotencyKey]);
}

/** Names one capture/cancel/confirm of one payment, so Temporal drops a duplicate of the same Update. */
export function derivePaymentRequestId(merchantId: string, paymentId: string, idempotencyKey: string): string {
  return digest(['payment_request', merchantId, paymentId, idempotencyKey]);
}

export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/**
 * An API key made by a create (`rolledFrom` unset) or by a roll of `rolledFrom`: a retry after
 * a failure on our side finds the key instead of making a second one nobody holds the secret of.
 */
export function deriveApiKeyId(merchantId: string, idempotencyKey: string, rolledFrom?: string): string {
  return `key_${digest(rolledFrom ? ['api_key_roll', merchantId, rolledFrom, idempotencyKey] : ['api_key', merchantId, idempotencyKey])}`;
}
