// Which payment a request is about, before any handler runs: the request log and the flaky
// payment method both key on holdfast's reference, `metadata[holdfast_payment_id]`, which
// only the create call carries; later calls find it through the PaymentIntent, and a search
// through its query.
import type { Request } from 'express';
import type { SimPaymentIntent, SimStore } from '../store';
import { isSearchPath, metadataClause } from './search';

export const MERCHANT_REFERENCE_KEY = 'holdfast_payment_id';

export interface PaymentContext {
  merchantReference: string | null;
  paymentMethod: string | null;
  paymentIntentId: string | null;
}

/** `req.path` is relative to the /v1 mount; `req.body` is the parsed form. */
export function resolvePaymentContext(req: Request, store: SimStore): PaymentContext {
  if (isSearchPath(req.path)) return searchedPayment(req);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const intent = targetPaymentIntent(req.path, body, store);
  if (intent) {
    return {
      merchantReference: intent.metadata[MERCHANT_REFERENCE_KEY] ?? null,
      paymentMethod: stringOrNull(body.payment_method) ?? intent.paymentMethod,
      paymentIntentId: intent.id,
    };
  }
  const metadata = body.metadata as Record<string, unknown> | undefined;
  return {
    merchantReference: stringOrNull(metadata?.[MERCHANT_REFERENCE_KEY]),
    paymentMethod: stringOrNull(body.payment_method),
    paymentIntentId: null,
  };
}

function targetPaymentIntent(path: string, body: Record<string, unknown>, store: SimStore): SimPaymentIntent | undefined {
  const intentInPath = /^\/payment_intents\/([^/]+)/.exec(path)?.[1];
  if (intentInPath) return store.paymentIntents.get(intentInPath);
  const refundInPath = /^\/refunds\/([^/]+)/.exec(path)?.[1];
  if (refundInPath) {
    const refund = store.refunds.get(refundInPath);
    return refund && store.paymentIntents.get(refund.paymentIntent);
  }
  const intentInBody = stringOrNull(body.payment_intent);
  return intentInBody ? store.paymentIntents.get(intentInBody) : undefined;
}

/** A search for holdfast's reference is about that payment (a lookup after a lost answer). */
function searchedPayment(req: Request): PaymentContext {
  const query = stringOrNull(req.query.query);
  const clause = query === null ? undefined : metadataClause(query);
  return {
    merchantReference: clause?.key === MERCHANT_REFERENCE_KEY ? clause.value : null,
    paymentMethod: null,
    paymentIntentId: null,
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
