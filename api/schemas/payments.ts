import { z } from 'zod';
import { PSP_NAMES } from '../../domain/psp';
import { QUERY_VALUE_MAX_LENGTH } from '../middleware/request-target';
import { amount, currency, freeText, httpUrl, metadata, plainText, refundReason, requiredText, searchText } from './fields';
import { splits } from './marketplace';

/** Strict objects: unknown fields (`status`, `amount_captured`…) are refused, never assigned. */
export const createPaymentBody = z.strictObject({
  amount,
  currency,
  payment_method: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,255}$/, 'A payment method token such as "pm_card_visa".')
    .describe('A payment method token; raw card numbers are refused.'),
  capture_method: z.enum(['automatic', 'manual']).default('automatic'),
  psp: z.enum(PSP_NAMES).optional().describe("Send the payment to this PSP; default: the merchant's routing rules."),
  return_url: httpUrl().optional().describe('Where the shopper returns after a 3-D Secure challenge.'),
  description: freeText(1000).optional(),
  metadata: metadata.default({}),
  customer: z.strictObject({ email: z.email().max(512).optional(), name: requiredText(256).optional() }).optional(),
  splits: splits.optional(),
});

export const capturePaymentBody = z.strictObject({
  amount: amount.optional().describe('Capture less than authorized; the rest is released. Default: all.'),
});

export const cancelPaymentBody = z.strictObject({});

export const confirmPaymentBody = z.strictObject({
  redirect_result: plainText(10_000).min(1).optional().describe("Adyen's redirectResult from the shopper's return URL, when you have it."),
});

export const createRefundBody = z.strictObject({
  amount: amount.optional().describe('Default: everything not yet refunded.'),
  reason: refundReason.optional(),
});

const paymentId = z.string().regex(/^pay_[a-z0-9]+$/);

/**
 * Unix seconds in a query string, as Stripe's `created` filters take them: ASCII digits only
 * (no sign, exponent, hex or other scripts' digits, which Number() would read or refuse
 * differently), at most 11 of them (to the year 5138, within what Postgres and Date hold).
 */
const unixSeconds = z
  .string()
  .regex(/^[0-9]{1,11}$/, 'Unix seconds: 1 to 11 ASCII digits.')
  .transform((value) => new Date(Number(value) * 1000));

/**
 * Pairs a list may be filtered by at once: each is one more blind index the payment must
 * hold, and five of the longest keys and values, percent-encoded, keep a URL below Node's
 * 16 KiB header limit (whose 431 has no error body).
 */
const METADATA_FILTER_MAX_PAIRS = 5;

/**
 * `metadata[key]=value`, OpenAPI's deepObject (api/deep-object-query.ts gathers the pairs):
 * keys as a payment's metadata takes them, values at most as long as any query value.
 */
const metadataFilter = z
  .record(plainText(40).min(1), plainText(QUERY_VALUE_MAX_LENGTH).min(1))
  .refine((pairs) => Object.keys(pairs).length <= METADATA_FILTER_MAX_PAIRS, {
    message: `At most ${METADATA_FILTER_MAX_PAIRS} metadata pairs.`,
  })
  .meta({ maxProperties: METADATA_FILTER_MAX_PAIRS })
  .describe(
    `Only payments whose metadata holds every pair given, value for value (metadata[order_id]=6735); at most ${METADATA_FILTER_MAX_PAIRS} pairs.`,
  );

/**
 * GET /v1/payments's filters, all optional and combined with AND, each one condition in
 * db/queries/payments.ts (paymentFilterConditions): a new filter is a field here, there and
 * in the route's mapping. The customer's email and metadata are sealed at rest: they are
 * compared through their blind indexes (db/sealed/payment-fields.ts), so only equality.
 */
export const paymentListFilters = {
  'created[gte]': unixSeconds.optional().describe('Only payments created at or after this time (Unix seconds).'),
  'created[lt]': unixSeconds.optional().describe('Only payments created before this time (Unix seconds).'),
  status: z.enum(['processing', 'requires_action', 'authorized', 'captured', 'failed', 'canceled']).optional(),
  psp: z.enum(PSP_NAMES).optional().describe('Only payments sent to this PSP.'),
  customer_email: searchText(QUERY_VALUE_MAX_LENGTH)
    .optional()
    .describe('Only payments whose customer has this email; case and surrounding spaces do not matter.'),
  metadata: metadataFilter.optional(),
};

export const listPaymentsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: paymentId.optional(),
  ...paymentListFilters,
});

export const listRefundsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: z
    .string()
    .regex(/^re_[a-z0-9]+$/)
    .optional(),
  payment: paymentId.optional().describe("Only this payment's refunds."),
});

/** GET /v1/payments/{id}/refunds: the payment is in the path. */
export const listPaymentRefundsQuery = listRefundsQuery.omit({ payment: true });

export const ledgerTransactionsQuery = z.strictObject({
  payment: paymentId,
});
