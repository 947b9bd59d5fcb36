// Input guards for the posting rules. They throw plain Errors: a bad input is a bug in the
// caller, and the rules run inside workflow code where a thrown Error fails the task
// visibly instead of writing a wrong ledger.
import { isSupportedCurrency, isValidAmount } from '../money';

/** Ids end up inside account codes and posting keys, joined by ':'; keep them unambiguous. */
const IDENTIFIER = /^[A-Za-z0-9_-]+$/;

export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER.test(value);
}

export function assertIdentifier(value: unknown, what: string): asserts value is string {
  if (!isIdentifier(value)) throw new Error(`invalid ${what}: ${JSON.stringify(value)}`);
}

export function assertAmount(value: unknown, what: string): asserts value is number {
  if (!isValidAmount(value)) throw new Error(`${what} must be a positive safe integer of minor units, got ${String(value)}`);
}

export function assertCurrency(value: unknown): asserts value is string {
  if (typeof value !== 'string' || !isSupportedCurrency(value)) {
    throw new Error(`unsupported currency: ${JSON.stringify(value)}`);
  }
}
