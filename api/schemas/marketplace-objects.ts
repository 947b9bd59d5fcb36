// The marketplace objects the API answers with, for the OpenAPI document. The views in
// views/ (seller.ts, payout.ts, dispute.ts) build them.
import { z } from 'zod';
import { DISPUTE_STATUSES, PAYOUT_INTERVALS, PAYOUT_STATUSES, WEEKDAYS } from '../../domain/marketplace/types';

export const sellerObject = z.object({
  id: z.string().describe('sel_…'),
  object: z.literal('seller'),
  name: z.string(),
  payout_psp: z.enum(['stripe', 'adyen']),
  payout_schedule: z.object({ interval: z.enum(PAYOUT_INTERVALS), weekly_anchor: z.enum(WEEKDAYS), minimum_amount: z.number().int() }),
  created: z.number().int(),
});

export const payoutObject = z.object({
  id: z.string().describe('po_…'),
  object: z.literal('payout'),
  amount: z.number().int(),
  currency: z.string(),
  seller: z.string(),
  status: z.enum(PAYOUT_STATUSES),
  automatic: z.boolean().describe("Made by the seller's payout schedule"),
  psp: z.string(),
  psp_reference: z.string().nullable(),
  failure_code: z.string().nullable(),
  failure_message: z.string().nullable(),
  approved_by: z.string().nullable().describe('The finance key that approved it'),
  approved: z.number().int().nullable(),
  created: z.number().int(),
});

export const disputeObject = z.object({
  id: z.string().describe('dsp_…'),
  object: z.literal('dispute'),
  payment: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  reason: z.string().nullable(),
  status: z.enum(DISPUTE_STATUSES),
  psp: z.string(),
  psp_reference: z.string().describe("The dispute's own reference at the PSP"),
  evidence: z.object({ text: z.string().nullable() }),
  evidence_details: z.object({ due_by: z.number().int(), submitted: z.number().int().nullable() }),
  shares: z.array(z.object({ seller: z.string().nullable().describe('null: the merchant'), amount: z.number().int() })),
  created: z.number().int(),
  closed: z.number().int().nullable(),
});
