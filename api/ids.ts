// Object ids. Ids of objects created through an Idempotency-Key are *derived* from the
// merchant and the key, so a retry — even one that races the first request or outlives the
// key's record — names the same payment and the same workflow.
import { createHash, randomBytes } from 'node:crypto';

function digest(parts: string[]): string {
  // NUL cannot occur in a header value or an id, so the parts cannot run into each other.
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 24);
}

export function derivePaymentId(merchantId: string, idempotencyKey: string): string {
  return `pay_${digest(['payment', merchantId, idempotencyKey])}`;
}

export function deriveRefundId(merchantId: string, idempotencyKey: string): string {
  return `re_${digest(['refund', merchantId, idempotencyKey])}`;
}

export function derivePayoutId(merchantId: string, idempotencyKey: string): string {
  return `po_${digest(['payout', merchantId, idempotencyKey])}`;
}

export function deriveSellerId(merchantId: string, idempotencyKey: string): string {
  return `sel_${digest(['seller', merchantId, idempotencyKey])}`;
}

/** A PSP's dispute, by the PSP's reference: every webhook about it names the same workflow. */
export function deriveDisputeId(psp: string, pspDisputeReference: string): string {
  return `dsp_${digest(['dispute', psp, pspDisputeReference])}`;
}

/** Names one capture/cancel request, so Temporal drops a duplicate of the same Update. */
export function deriveRequestId(merchantId: string, idempotencyKey: string): string {
  return digest(['request', merchantId, idempotencyKey]);
}

export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}
