// Finance's reconciliation requests and objects: on-demand runs and the exceptions queue.
import { z } from 'zod';
import { EXCEPTION_ACTIONS } from '../exceptions/exception-decision';
import { PSP_NAMES } from '../../domain/psp';
import { requiredText } from './fields';
import { businessDate } from './settlements';

export const createReconciliationBody = z.strictObject({
  date: businessDate.describe('The business date whose PSP report is matched: today or earlier.'),
  psp: z.enum(PSP_NAMES),
});

export const listReconciliationExceptionsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: z
    .string()
    .regex(/^exc_[0-9a-f]+$/)
    .optional(),
  status: z.enum(['open', 'resolved']).optional(),
  kind: z
    .string()
    .regex(/^[a-z][a-z_]{0,63}$/, 'An exception kind such as "amount_mismatch".')
    .optional(),
  category: z
    .enum(['2', '3'])
    .transform((value) => Number(value) as 2 | 3)
    .optional()
    .describe('2 = understood, a person decides; 3 = not understood.'),
  psp: z.enum(PSP_NAMES).optional(),
  date: businessDate.optional(),
});

export const resolveReconciliationExceptionBody = z.strictObject({
  action: z
    .enum(EXCEPTION_ACTIONS)
    .describe(
      "adjust_ledger: book the PSP's figure; write_off: take the difference to the platform's P&L; accept: resolve as it is, posting nothing; retry: reconcile the date again (a rejected settlement item: send it to the acquirer again; a stopped workflow step, activity_failed: run it again once a fix is deployed); fail: give a stopped workflow step up, only where no money moved.",
    ),
  note: requiredText(1000).describe('Why; kept in the audit log.'),
});

export const reconciliationObject = z.object({
  id: z.string().describe('rec_…'),
  object: z.literal('reconciliation'),
  date: z.string(),
  psp: z.enum(PSP_NAMES),
  status: z.enum(['running', 'completed', 'failed']),
  started: z.number().int().describe('Unix seconds'),
  finished: z.number().int().nullable().describe('Unix seconds'),
  failure_reason: z.string().nullable().describe('Why a failed run failed: the PSP report could not be fetched.'),
  summary: z
    .object({
      report_lines: z.number().int(),
      matched: z.number().int(),
      auto_fixed: z.number().int().describe('Category 1: understood and fixed without a person (see the audit log).'),
      exceptions: z.number().int().describe('Categories 2 and 3: on the exceptions queue.'),
      cleared: z.number().int().describe('Open exceptions of this date and PSP this run no longer found, so resolved.'),
    })
    .nullable()
    .describe('null while running'),
});

export const startedReconciliationObject = z.object({
  id: z.string(),
  object: z.literal('reconciliation'),
  date: z.string(),
  psp: z.enum(PSP_NAMES),
  status: z.literal('running'),
});

export const reconciliationExceptionObject = z.object({
  id: z.string().describe('exc_…'),
  object: z.literal('reconciliation_exception'),
  kind: z.string(),
  category: z.union([z.literal(2), z.literal(3)]),
  status: z.enum(['open', 'resolved']),
  subject: z.string().describe('What it is about: a payment, a settlement item, a PSP reference.'),
  psp: z.string().nullable(),
  date: z.string().nullable(),
  merchant: z.string().nullable(),
  payment: z.string().nullable(),
  context: z.unknown().describe('Everything known when it was raised.'),
  resolution: z.unknown().nullable(),
  created: z.number().int().describe('Unix seconds'),
  resolved_at: z.number().int().nullable().describe('Unix seconds'),
});
