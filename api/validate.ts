// Turns a zod failure into one precise API error: the first problem, a machine-readable
// code, and the offending field spelled the way Stripe spells it (`metadata[order]`).
import type { z } from 'zod';
import { ApiError, invalidRequest } from './errors';

function paramName(path: ReadonlyArray<PropertyKey>): string {
  return path.map((part, i) => (i === 0 ? String(part) : `[${String(part)}]`)).join('');
}

function toApiError(issue: z.core.$ZodIssue): ApiError {
  if (issue.code === 'unrecognized_keys') {
    const param = paramName([...issue.path, issue.keys[0]]);
    return invalidRequest('parameter_unknown', `Received unknown parameter: ${param}`, param);
  }
  const param = paramName(issue.path);
  const field = issue.path[0];
  // An absent enum or literal fails as `invalid_value`, an absent anything else as `invalid_type`.
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) {
    return invalidRequest('parameter_missing', `Missing required param: ${param}.`, param);
  }
  if (field === 'amount') {
    if (issue.code === 'too_small') return invalidRequest('amount_too_small', 'Amount must be a positive integer.', param);
    if (issue.code === 'too_big') {
      return invalidRequest('amount_too_large', 'Amount must be at most 9007199254740991 (a safe integer).', param);
    }
    return invalidRequest('parameter_invalid_integer', 'Amount must be an integer number of minor units.', param);
  }
  if (field === 'currency') {
    return invalidRequest('currency_invalid', `Invalid currency: ${JSON.stringify(issue.input)}. ${issue.message}`, param);
  }
  return invalidRequest('parameter_invalid', `Invalid ${param}: ${issue.message}`, param);
}

/**
 * zod's records drop a key named `__proto__` (their guard against prototype pollution), so a
 * metadata key spelled so would be lost in silence; it is refused instead, wherever it is.
 */
function protoKeyPath(value: unknown, path: PropertyKey[] = []): PropertyKey[] | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key === '__proto__') return [...path, key];
    const found = protoKeyPath(child, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const protoKey = protoKeyPath(input);
  if (protoKey) {
    const param = paramName(protoKey);
    throw invalidRequest('parameter_invalid', `Invalid ${param}: \`__proto__\` cannot be a key.`, param);
  }
  // reportInput: the refused value tells a missing field from a mistyped one.
  const result = schema.safeParse(input ?? {}, { reportInput: true });
  if (!result.success) throw toApiError(result.error.issues[0]!);
  return result.data;
}
