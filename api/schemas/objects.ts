// The objects the API answers with, for the OpenAPI document. The views in views/ build
// them; these schemas describe them.
import { z } from 'zod';

const event = z.object({
  type: z.string(),
  at: z.string().describe('ISO 8601 time'),
  amount: z.number().int().optional(),
  refund: z.string().optional(),
  failure_code: z.string().optional(),
  psp: z.string().optional(),
});

export const paymentObject = z.object({
  id: z.string().describe('pay_…'),
  object: z.literal('payment'),
  status: z.enum(['processing', 'requires_action', 'authorized', 'captured', 'failed', 'canceled']),
  status_reason: z
    .enum(['psp_outcome_unknown', 'capture_pending', 'cancel_pending'])
    .nullable()
    .describe(
      'Why the payment is in its status: `processing` with `psp_outcome_unknown`, the PSP may have authorized and is being asked; ' +
        '`authorized` with `capture_pending` or `cancel_pending`, the PSP accepted the capture or void and has not confirmed it yet.',
    ),
  next_action: z
    .object({ type: z.literal('redirect_to_url'), url: z.string() })
    .nullable()
    .describe('3-D Secure: send the shopper to `url`.'),
  amount: z.number().int(),
  amount_capturable: z.number().int(),
  amount_captured: z.number().int(),
  amount_refunded: z.number().int(),
  currency: z.string(),
  capture_method: z.enum(['automatic', 'manual']),
  capture_before: z.number().int().nullable().describe('Unix seconds; an authorization not captured by then is voided.'),
  psp: z.string(),
  psp_reference: z.string().nullable(),
  failure_code: z.string().nullable(),
  failure_message: z.string().nullable(),
  description: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  customer: z.object({ email: z.string().optional(), name: z.string().optional() }).nullable(),
  splits: z
    .array(z.object({ seller: z.string(), amount: z.number().int() }))
    .nullable()
    .describe("A marketplace payment's sellers and their shares; the rest is the merchant's."),
  created: z.number().int().describe('Unix seconds'),
  history: z.array(event),
});

export const refundObject = z.object({
  id: z.string().describe('re_…'),
  object: z.literal('refund'),
  status: z.enum(['pending', 'succeeded', 'failed']),
  amount: z.number().int(),
  currency: z.string(),
  payment: z.string(),
  reason: z.string().nullable(),
  failure_code: z.string().nullable(),
  created: z.number().int(),
});

const amounts = z.array(z.object({ amount: z.number().int(), currency: z.string() }));

/** A merchant's (GET /v1/balance) or a seller's (GET /v1/sellers/{id}/balance): one shape, as Stripe's Balance. */
export const balanceObject = z.object({
  object: z.literal('balance'),
  available: amounts.describe(
    'Settled and free (for a seller: to pay out); below zero while a dispute or a late refund took back more than had settled',
  ),
  pending: amounts.describe('Captured, not settled yet'),
  reserved: amounts.describe("Held for open disputes, and a seller's payouts on their way"),
});

export const ledgerTransactionObject = z.object({
  id: z.string(),
  posting_key: z.string(),
  kind: z.string(),
  created: z.number().int(),
  entries: z.array(z.object({ account: z.string(), amount: z.number().int(), currency: z.string() })),
});

export const errorObject = z.object({
  error: z.object({
    type: z.string(),
    code: z.string(),
    message: z.string(),
    param: z.string().optional(),
    required_scope: z.string().optional().describe('api_key_scope_insufficient: the scope the request needs, or `unrestricted`'),
  }),
});

export const list = <T extends z.ZodType>(item: T) => z.object({ object: z.literal('list'), data: z.array(item), has_more: z.boolean() });
