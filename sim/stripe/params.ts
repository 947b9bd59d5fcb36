// Reading form-encoded parameters the way Stripe validates them: unknown parameters are
// refused, integers and booleans arrive as strings, hashes and arrays in bracket notation.
import { invalidParam } from './errors';

export type FormParams = Record<string, unknown>;

/** Refuses any parameter the endpoint does not take, as Stripe does (`parameter_unknown`). */
export function onlyKnownParams(body: unknown, known: readonly string[]): FormParams {
  const params: FormParams = isRecord(body) ? body : {};
  for (const name of Object.keys(params)) {
    if (!known.includes(name)) {
      throw invalidParam(`Received unknown parameter: ${name}`, name, 'parameter_unknown');
    }
  }
  return params;
}

export function requiredString(params: FormParams, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined) throw invalidParam(`Missing required param: ${name}.`, name, 'parameter_missing');
  return value;
}

export function optionalString(params: FormParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParam(`Invalid string: ${name} must be a string.`, name);
  if (value === '') {
    throw invalidParam(`You passed an empty string for '${name}'.`, name, 'parameter_invalid_empty');
  }
  return value;
}

/** A positive count of minor units; Stripe never takes a decimal amount. */
export function optionalAmount(params: FormParams, name: string): number | undefined {
  const raw = optionalString(params, name);
  if (raw === undefined) return undefined;
  const amount = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(amount)) throw invalidParam(`Invalid integer: ${raw}`, name, 'parameter_invalid_integer');
  if (amount < 1) throw invalidParam('This value must be greater than or equal to 1.', name, 'amount_too_small');
  return amount;
}

export function requiredAmount(params: FormParams, name: string): number {
  const amount = optionalAmount(params, name);
  if (amount === undefined) throw invalidParam(`Missing required param: ${name}.`, name, 'parameter_missing');
  return amount;
}

export function optionalBoolean(params: FormParams, name: string): boolean | undefined {
  const raw = optionalString(params, name);
  if (raw === undefined) return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw invalidParam(`Invalid boolean: ${raw}`, name);
}

export function optionalEnum<T extends string>(params: FormParams, name: string, allowed: readonly T[]): T | undefined {
  const raw = optionalString(params, name);
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw invalidParam(`Invalid ${name}: must be one of ${allowed.join(', ')}`, name);
  }
  return raw as T;
}

export function currencyParam(params: FormParams): string {
  const raw = requiredString(params, 'currency');
  if (!/^[a-zA-Z]{3}$/.test(raw)) throw invalidParam(`Invalid currency: ${raw}.`, 'currency');
  return raw.toLowerCase();
}

export function metadataParam(params: FormParams): Record<string, string> {
  const raw = params.metadata;
  if (raw === undefined) return {};
  if (!isRecord(raw) || !Object.values(raw).every((value) => typeof value === 'string')) {
    throw invalidParam('Invalid metadata: must be a hash of string keys and string values.', 'metadata');
  }
  return { ...(raw as Record<string, string>) };
}

export function optionalStringArray(params: FormParams, name: string): string[] | undefined {
  const raw = params[name];
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || !raw.every((item) => typeof item === 'string' && item !== '')) {
    throw invalidParam(`Invalid array: ${name} must be a list of strings.`, name);
  }
  return [...raw];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A card payment's statement_descriptor_suffix, checked as Stripe's statement descriptor
 * rules say: at most 22 characters, Latin only, at least one letter, none of < > \ ' " *.
 */
export function statementDescriptorSuffixParam(params: FormParams): string | null {
  const value = optionalString(params, 'statement_descriptor_suffix');
  if (value === undefined) return null;
  const problem =
    value.length > 22
      ? 'must be at most 22 characters'
      : !/^[\x20-\x7e]*$/.test(value)
        ? 'must contain only Latin characters'
        : !/[A-Za-z]/.test(value)
          ? 'must contain at least one letter'
          : /[<>\\'"*]/.test(value)
            ? 'must not contain any of < > \\ \' " *'
            : undefined;
  if (problem) throw invalidParam(`Invalid statement_descriptor_suffix: it ${problem}.`, 'statement_descriptor_suffix');
  return value;
}
