// Request bodies and queries of the marketplace: sellers, split payments, payouts, disputes.
import { z } from 'zod';
import { PAYOUT_INTERVALS, PAYOUT_STATUSES, WEEKDAYS, DISPUTE_STATUSES } from '../../domain/marketplace/types';
import { PSP_NAMES } from '../../domain/psp';
import { amount, currency, requiredText } from './fields';

export const sellerId = z.string().regex(/^sel_[a-z0-9]+$/, 'A seller id such as "sel_…".');

/** One seller's share of a payment; validated against the payment and the merchant's sellers by the route. */
export const splits = z
  .array(z.strictObject({ seller: sellerId, amount }))
  .min(1)
  .max(50)
  .describe("Each seller's share of the amount, in minor units; the rest is the merchant's. At most the amount in total.");

const payoutSchedule = z
  .strictObject({
    interval: z.enum(PAYOUT_INTERVALS),
    weekly_anchor: z.enum(WEEKDAYS).optional().describe('For weekly payouts; default monday.'),
    minimum_amount: z
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .optional()
      .describe('Pay a currency out only when at least this many minor units are available; default 1.'),
  })
  .describe('Automatic payouts at midnight in the platform time zone; default manual.');

export const createSellerBody = z.strictObject({
  name: requiredText(256),
  payout_psp: z.enum(PSP_NAMES).default('stripe').describe('The PSP its payouts go through.'),
  payout_schedule: payoutSchedule.optional(),
});

export const updateSellerBody = z.strictObject({
  name: requiredText(256).optional(),
  payout_schedule: payoutSchedule.optional(),
});

export const listQuery = (idPattern: RegExp) =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(10),
    starting_after: z.string().regex(idPattern).optional(),
  });

export const createPayoutBody = z.strictObject({ seller: sellerId, amount, currency });

export const listPayoutsQuery = listQuery(/^po_[A-Za-z0-9_]+$/).extend({
  seller: sellerId.optional(),
  status: z.enum(PAYOUT_STATUSES).optional(),
});

export const approvePayoutBody = z.strictObject({});
export const cancelPayoutBody = z.strictObject({});

export const listDisputesQuery = listQuery(/^dsp_[a-z0-9]+$/).extend({
  payment: z
    .string()
    .regex(/^pay_[a-z0-9]+$/)
    .optional(),
  status: z.enum(DISPUTE_STATUSES).optional(),
});

export const submitEvidenceBody = z.strictObject({
  text: requiredText(20_000).describe('Your case: what was sold, when it was delivered, what the customer agreed to.'),
});

export type PayoutScheduleBody = z.output<typeof payoutSchedule>;
