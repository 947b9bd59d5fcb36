// Routing rules and PSP health: the PUT body (validated here, documented from here) and the
// objects the API answers with.
import { z } from 'zod';
import { PSP_HEALTH_STATUSES } from '../../domain/circuit-breaker';
import { supportedCurrencies } from '../../domain/money';
import { PSP_NAMES } from '../../domain/psp';
import { currency } from './fields';

/** More rules than this is a configuration nobody can reason about. */
const MAX_RULES = 100;

const minorUnits = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const routingTarget = z.strictObject({
  psp: z.enum(PSP_NAMES),
  weight: z
    .number()
    .int()
    .positive()
    .max(10_000)
    .optional()
    .describe("Relative share of first attempts among the rule's weighted PSPs; absent = failover only."),
});

const routingRule = z
  .strictObject({
    // null is accepted as well as absent, so a rule read with GET can be PUT back as it is.
    currency: currency.nullish().describe('Absent or null: every currency.'),
    min_amount: minorUnits.nullish().describe('Inclusive lower bound in minor units; absent or null: none.'),
    max_amount: minorUnits.nullish().describe('Inclusive upper bound in minor units; absent or null: none.'),
    psps: z.array(routingTarget).min(1).describe('Tried in this order; a weighted pick, if any, goes first.'),
  })
  .superRefine((rule, context) => {
    if (rule.min_amount != null && rule.max_amount != null && rule.min_amount > rule.max_amount) {
      context.addIssue({ code: 'custom', path: ['min_amount'], message: 'min_amount must not exceed max_amount.' });
    }
    const seen = new Set<string>();
    rule.psps.forEach(({ psp }, index) => {
      if (seen.has(psp)) context.addIssue({ code: 'custom', path: ['psps', index, 'psp'], message: `${psp} appears twice.` });
      seen.add(psp);
    });
  });

export const putRoutingRulesBody = z.strictObject({
  rules: z
    .array(routingRule)
    .max(MAX_RULES)
    .describe("The merchant's whole rule list, first match wins; [] routes everything by the default."),
});

export const routingRuleObject = z.object({
  // Documented as the codes it can be, so a rule read with GET types as a rule to PUT back.
  currency: z.string().meta({ enum: supportedCurrencies() }).nullable(),
  min_amount: z.number().int().nullable(),
  max_amount: z.number().int().nullable(),
  psps: z.array(z.object({ psp: z.enum(PSP_NAMES), weight: z.number().int().optional() })),
});

export const pspObject = z.object({
  object: z.literal('psp'),
  psp: z.enum(PSP_NAMES),
  configured: z.boolean().describe('Whether holdfast has credentials (or the simulator) for this PSP.'),
  health: z.object({
    status: z
      .enum(PSP_HEALTH_STATUSES)
      .describe('down: the breaker is open; degraded: recent calls failed; healthy: the last call got through.'),
    since: z
      .number()
      .int()
      .nullable()
      .describe('Unix seconds: when the current run of failures began, or (healthy) when the last one ended; null if it never failed.'),
  }),
  breaker: z.object({
    state: z.enum(['closed', 'open', 'half_open']).describe('half_open: the next payment routed there is a probe.'),
    consecutive_failures: z.number().int(),
    open_until: z.number().int().nullable().describe('Unix seconds'),
    last_failure_at: z.number().int().nullable().describe('Unix seconds'),
    last_success_at: z.number().int().nullable().describe('Unix seconds, refreshed at most every few seconds'),
  }),
});
