import { currencyExponent } from '../../domain/money';

/**
 * Minor units written as major units with the currency's decimals, as PSP reports write
 * amounts: 1000 usd → "10.00", 1000 jpy → "1000", 1000 kwd → "1.000". String arithmetic
 * only, so no float ever rounds an amount.
 */
export function majorUnits(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new Error(`amount must be a non-negative safe integer, got ${minor}`);
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(minor);
  const digits = String(minor).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
