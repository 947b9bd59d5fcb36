// Finance's settlement requests (validated here, documented from here) and the settlement
// object the API answers with.
import { z } from 'zod';
import { isBusinessDate } from '../../domain/settlement/business-date';
import { PSP_NAMES } from '../../domain/psp';

/** A calendar day in the platform's time zone. Whether it is in the future is the route's check: it needs the clock. */
const DATE_MESSAGE = 'Must be a real calendar date written YYYY-MM-DD.';

export const businessDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, DATE_MESSAGE)
  .refine(isBusinessDate, { message: DATE_MESSAGE })
  // Documented as days every month has, so a date a generator writes from it is real.
  .meta({ pattern: '^(19[7-9][0-9]|20[0-9][0-9])-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$' })
  .describe('Business date, YYYY-MM-DD in the platform time zone.');

export const createSettlementBody = z.strictObject({
  date: businessDate.describe('The business date to settle: today or earlier, in the platform time zone.'),
  psp: z.enum(PSP_NAMES).optional().describe('Settle at this PSP only; default: every configured PSP.'),
});

export const listSettlementsQuery = z.strictObject({
  date: businessDate,
  psp: z.enum(PSP_NAMES).optional(),
});

const minorUnits = z.number().int();

export const settlementObject = z.object({
  id: z.string().describe("stl_<yyyymmdd>_<psp> for a date's first run, stl_<yyyymmdd>_<psp>_r<n> for a supplementary run"),
  object: z.literal('settlement'),
  date: z.string(),
  psp: z.enum(PSP_NAMES),
  status: z.enum(['prepared', 'submitted', 'reconciled']),
  created: z.number().int().describe('Unix seconds'),
  updated: z.number().int().describe('Unix seconds'),
  totals: z.array(
    z.object({
      currency: z.string(),
      items: z.number().int(),
      accepted: z.number().int(),
      rejected: z.number().int(),
      pending: z.number().int().describe('Not decided yet: pending, submitted or waiting to be sent again.'),
      gross: minorUnits.describe("Every item's receivable: captures in, refunds out."),
      fees: minorUnits.describe('What the acquirer kept of the accepted items.'),
      net: minorUnits.describe('Accepted items: gross less fees.'),
    }),
  ),
  batches: z.array(
    z.object({
      id: z.string(),
      merchant: z.string(),
      currency: z.string(),
      round: z.number().int().describe('1 = first submission; later rounds resend transiently rejected items.'),
      status: z.enum(['prepared', 'submitted', 'accepted', 'partially_accepted', 'rejected']),
      item_count: z.number().int(),
      gross: minorUnits,
      fees: minorUnits.nullable().describe('null until the acquirer answers'),
      net: minorUnits.nullable(),
      idempotency_key: z.string(),
      submitted_at: z.number().int().nullable().describe('Unix seconds'),
    }),
  ),
});

export const settlementDetailObject = settlementObject.extend({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['capture', 'refund', 'void']),
      payment: z.string(),
      refund: z.string().nullable(),
      psp_reference: z.string(),
      amount: minorUnits.describe('Positive: the captured, refunded or released amount.'),
      currency: z.string(),
      status: z.enum(['pending', 'submitted', 'accepted', 'retry', 'rejected']),
      fee: minorUnits.nullable(),
      reject_reason: z.string().nullable(),
      batch: z.string().nullable(),
      submissions: z.number().int(),
    }),
  ),
});
