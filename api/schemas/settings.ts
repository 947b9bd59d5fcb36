// The merchant's own settings (GET/POST /v1/settings): the POST body (validated here,
// documented from here) and the object the API answers with.
import { z } from 'zod';
import { PSP_NAMES } from '../../domain/psp';

/** Stripe's longest card authorization (an extended one) is 30 days. */
const MAX_CAPTURE_BEFORE_SECONDS = 30 * 86_400;

// The statement descriptor goes to whichever PSP the payment is routed to, so it takes only
// what both accept: Stripe's rules (5-22 Latin characters, at least one letter, none of
// < > \ ' " *) and Adyen's shopperStatement characters (letters, digits, spaces and
// . , ' _ - ? + * /). What is left: ASCII letters, digits, spaces and . , _ - ? + /.
// A space at either end would be lost or shown by the bank; it is refused, not trimmed.
const DESCRIPTOR_CHARACTER = 'A-Za-z0-9 .,_?+/-';
const DESCRIPTOR_EDGE = 'A-Za-z0-9.,_?+/-';
/** The same rules in one expression, for the OpenAPI document (no lookahead, so fuzzers can use it). */
const DESCRIPTOR_PATTERN = `^(?:[${DESCRIPTOR_EDGE}][${DESCRIPTOR_CHARACTER}]*)?[A-Za-z](?:[${DESCRIPTOR_CHARACTER}]*[${DESCRIPTOR_EDGE}])?$`;

export const statementDescriptor = z
  .string()
  .min(5, 'Must be at least 5 characters.')
  .max(22, 'Must be at most 22 characters.')
  .refine((value) => new RegExp(`^[${DESCRIPTOR_CHARACTER}]*$`).test(value), {
    message: 'Only Latin letters, digits, spaces and . , _ - ? + / are allowed (no < > \\ \' " * ; nor control characters).',
  })
  .refine((value) => /[A-Za-z]/.test(value), { message: 'Must contain at least one letter.' })
  .refine((value) => !value.startsWith(' ') && !value.endsWith(' '), { message: 'Must not begin or end with a space.' })
  .meta({ pattern: DESCRIPTOR_PATTERN })
  .describe("What the shopper's bank statement shows (Stripe statement_descriptor_suffix, Adyen shopperStatement).");

const defaultPsps = z
  .array(z.enum(PSP_NAMES))
  .min(1)
  .max(PSP_NAMES.length)
  .refine((psps) => new Set(psps).size === psps.length, { message: 'Each PSP at most once.' })
  .meta({ uniqueItems: true })
  .describe('Tried in this order for payments no routing rule matches (a catch-all routing rule can weight them).');

/** Each field optional: what is left out stays as it is; null resets it to the platform's default. */
export const updateSettingsBody = z.strictObject({
  capture_before_seconds: z
    .number()
    .int()
    .min(1)
    .max(MAX_CAPTURE_BEFORE_SECONDS)
    .nullable()
    .optional()
    .describe('An authorization not captured this long is voided (at most 30 days); null: the platform default.'),
  statement_descriptor: statementDescriptor.nullable().optional(),
  default_psps: defaultPsps.nullable().optional(),
});

export const settingsObject = z.object({
  object: z.literal('settings'),
  capture_before_seconds: z.number().int().nullable().describe("null: the platform's CAPTURE_BEFORE_SECONDS"),
  statement_descriptor: z.string().nullable().describe("null: the PSP account's own"),
  default_psps: z.array(z.enum(PSP_NAMES)).nullable().describe("null: the platform's DEFAULT_PSPS"),
});
