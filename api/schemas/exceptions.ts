import { z } from 'zod';

export const listExceptionsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  status: z.enum(['open', 'resolved']).optional(),
  kind: z.enum(['psp_outcome_unknown', 'modification_unconfirmed']).optional(),
});
