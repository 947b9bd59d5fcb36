// Which payment a request is about, before any handler runs: the request log and the flaky
// payment method key on holdfast's reference, which only /payments carries in its body;
// later calls find it through the payment (by pspReference in the path, or redirectResult,
// or a Disputes API call's disputePspReference). A payout's reference is holdfast's payout id.
import type { Request } from 'express';
import { DISPUTE_SERVICE_PATH } from './api-paths';
import type { AdyenState, SimAdyenPayment } from './state';

export interface AdyenPaymentContext {
  merchantReference: string | null;
  paymentMethod: string | null;
}

/** `req.path` is relative to the face's root (/v72/...); `req.body` is the parsed JSON. */
export function resolvePaymentContext(req: Request, state: AdyenState): AdyenPaymentContext {
  const body = asRecord(req.body);
  const payment = targetPayment(req.path, body, state);
  if (payment) return { merchantReference: payment.reference, paymentMethod: payment.paymentMethod };
  return {
    merchantReference: stringOrNull(body.reference),
    paymentMethod: stringOrNull(asRecord(body.paymentMethod).storedPaymentMethodId),
  };
}

function targetPayment(path: string, body: Record<string, unknown>, state: AdyenState): SimAdyenPayment | undefined {
  const inPath = /^\/v72\/payments\/([^/]+)\/(?:captures|cancels|refunds)$/.exec(path)?.[1];
  if (inPath) return state.payments.get(inPath);
  if (path.startsWith(`${DISPUTE_SERVICE_PATH}/`)) {
    const dispute = state.disputes.get(stringOrNull(body.disputePspReference) ?? '');
    return dispute && state.payments.get(dispute.paymentPspReference);
  }
  if (path === '/v72/payments/details') {
    const redirectResult = stringOrNull(asRecord(body.details).redirectResult);
    return redirectResult === null ? undefined : state.paymentWithRedirectResult(redirectResult);
  }
  return undefined;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
