// Reading JSON request bodies the way Adyen validates them, for the fields this face uses.
// Fields it does not use are ignored (the conformance test checks bodies against the spec).
import { isSupportedCurrency } from '../../domain/money';
import { invalidAmount, invalidField, invalidMerchantAccount, requiredField } from './errors';
import { asRecord } from './payment-context';
import type { AdyenAmount } from './state';

export type Body = Record<string, unknown>;

export function jsonObject(body: unknown): Body {
  return asRecord(body);
}

/** Any non-empty merchant account is the simulator's. */
export function merchantAccountParam(body: Body): string {
  const value = body.merchantAccount;
  if (typeof value !== 'string' || value === '') throw invalidMerchantAccount();
  return value;
}

export function requiredString(body: Body, field: string, path = field): string {
  const value = body[field];
  if (value === undefined || value === null || value === '') throw requiredField(path);
  if (typeof value !== 'string') throw invalidField(path, 'expected a string');
  return value;
}

export function optionalString(body: Body, field: string, path = field): string | undefined {
  return body[field] === undefined ? undefined : requiredString(body, field, path);
}

export function optionalEnum<T extends string>(body: Body, field: string, values: readonly T[]): T | undefined {
  const value = optionalString(body, field);
  if (value !== undefined && !values.includes(value as T)) throw invalidField(field, `expected one of ${values.join(', ')}`);
  return value as T | undefined;
}

/** `{value, currency}`: whole minor units (zero allowed, as for Adyen's zero-value checks), a known currency. */
export function amountParam(body: Body): AdyenAmount {
  if (body.amount === undefined) throw requiredField('amount');
  const amount = asRecord(body.amount);
  const { value, currency } = amount;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw invalidAmount(`value ${String(value)}`);
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency) || !isSupportedCurrency(currency.toLowerCase())) {
    throw invalidAmount(`currency ${String(currency)}`);
  }
  return { value, currency };
}
