// Field schemas shared by the request bodies. Amounts are integer minor units that survive
// JSON exactly; currencies are ISO 4217 codes holdfast supports, case-insensitive.
import { z } from 'zod';
import { isSupportedCurrency } from '../../domain/money';

export const amount = z
  .number()
  .int()
  .positive()
  .max(Number.MAX_SAFE_INTEGER)
  .describe('A positive integer in the currency\'s minor unit (e.g. 1099 = 10.99 usd, 1099 = ¥1099).');

export const currency = z
  .string()
  .transform((code) => code.toLowerCase())
  .refine(isSupportedCurrency, { message: 'Unsupported or unknown ISO 4217 currency code.' })
  .describe('Three-letter ISO 4217 currency code, e.g. "usd".');

/** Stripe's limits: 50 keys, keys up to 40 characters, values up to 500. */
export const metadata = z
  .record(z.string().min(1).max(40), z.string().max(500))
  .refine((m) => Object.keys(m).length <= 50, { message: 'At most 50 metadata keys.' })
  .describe('Your key-value pairs, returned as given.');

export const refundReason = z.enum(['duplicate', 'fraudulent', 'requested_by_customer']);
