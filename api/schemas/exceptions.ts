import { z } from 'zod';

export const listExceptionsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  status: z.enum(['open', 'resolved']).optional(),
  kind: z
    .enum([
      'psp_outcome_unknown',
      'modification_unconfirmed',
      'possible_orphaned_charge',
      'psp_event_unprocessable',
      'psp_failure_after_success',
      'psp_success_after_failure',
    ])
    .optional()
    .describe(
      'possible_orphaned_charge: a PSP that is not the payment’s says it moved money for it; psp_success_after_failure: its PSP says it captured a payment holdfast canceled or saw fail.',
    ),
});

/** What GET /v1/exceptions lists: only the merchant's own, each about one of its payments. */
export const exceptionObject = z.object({
  id: z.string().describe('exc_…'),
  object: z.literal('exception'),
  kind: z.string(),
  status: z.enum(['open', 'resolved']),
  payment: z.string(),
  context: z.unknown().describe('Everything known when it was raised.'),
  resolution: z.unknown().nullable(),
  created: z.number().int().describe('Unix seconds'),
  resolved: z.number().int().nullable().describe('Unix seconds'),
});

/** The list has no cursor: `limit` bounds it, newest first. */
export const exceptionList = z.object({ object: z.literal('list'), data: z.array(exceptionObject) });
