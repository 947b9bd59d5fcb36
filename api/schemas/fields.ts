// Field schemas shared by the request bodies. Amounts are integer minor units that survive
// JSON exactly; currencies are ISO 4217 codes holdfast supports, case-insensitive.
//
// Every string a request carries is built by one of the text builders below, so a value
// Postgres cannot store (U+0000), that is not valid Unicode (a lone surrogate) or that a log
// line should not carry (control characters) is refused with the field's name before
// anything is claimed or started.
import { z } from 'zod';
import { isSupportedCurrency, supportedCurrencies } from '../../domain/money';

// Character classes, written as JSON Schema patterns spell them so the OpenAPI document
// shows the same rules. Lone surrogates (invalid Unicode, which the Postgres driver would
// silently replace) are refused in code too; a JSON Schema pattern cannot name them.
/** C0 and C1 controls but tab, line feed and carriage return, which are text. */
const TEXT_CONTROLS = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F';
const ALL_CONTROLS = '\\u0000-\\u001F\\u007F-\\u009F';
/** What JavaScript's trim() removes. */
const WHITESPACE = '\\t\\n\\v\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF';

/** The `u` flag makes a surrogate pair one code point, so only a lone half is refused. */
const without = (excluded: string) => new RegExp(`^[^${excluded}\\uD800-\\uDFFF]*$`, 'u');

/** Free text a person wrote (descriptions, names, evidence, notes). */
export const FREE_TEXT = without(TEXT_CONTROLS);
/** Ids, keys, URLs and header values: no control character at all. */
export const NO_CONTROLS = without(ALL_CONTROLS);
const NOT_BLANK = new RegExp(`[^${WHITESPACE}]`, 'u');

const FREE_TEXT_MESSAGE = 'Must not contain control characters other than tab, line feed and carriage return, nor invalid Unicode.';
const NO_CONTROLS_MESSAGE = 'Must not contain control characters or invalid Unicode.';

/**
 * A string of at most `max` characters, counted as code points the way JSON Schema's
 * maxLength counts them (zod's `.max` counts UTF-16 units, which would refuse an emoji the
 * document admits). The checks are separate tests, each linear in the length; the
 * documented pattern says the same in one expression.
 */
function text(allowed: RegExp, message: string, max: number, pattern: string) {
  return z
    .string()
    .refine((value) => allowed.test(value), { message })
    .refine((value) => [...value].length <= max, { message: `Must be at most ${max} characters.` })
    .meta({ maxLength: max, pattern });
}

/** Free text up to `max` characters. */
export const freeText = (max: number) => text(FREE_TEXT, FREE_TEXT_MESSAGE, max, `^[^${TEXT_CONTROLS}]*$`);

/** Free text that must say something: up to `max` characters, not blank, stored trimmed. */
export const requiredText = (max: number) =>
  text(FREE_TEXT, FREE_TEXT_MESSAGE, max, `^[^${TEXT_CONTROLS}]*[^${TEXT_CONTROLS}${WHITESPACE}][^${TEXT_CONTROLS}]*$`)
    .refine((value) => NOT_BLANK.test(value), { message: 'Must not be blank.' })
    .trim();

/** An opaque identifier or key up to `max` characters, with no control characters. */
export const plainText = (max: number) => text(NO_CONTROLS, NO_CONTROLS_MESSAGE, max, `^[^${ALL_CONTROLS}]*$`);

/**
 * A value a list is filtered by, from a query string: up to `max` characters, no control
 * characters (the request target refuses them in any query) and not blank, since a blank
 * filter would be a mistake, never a search. Kept as given: the caller normalises it the way
 * the stored value was.
 */
export const searchText = (max: number) =>
  text(NO_CONTROLS, NO_CONTROLS_MESSAGE, max, `^[^${ALL_CONTROLS}]*[^${ALL_CONTROLS}${WHITESPACE}][^${ALL_CONTROLS}]*$`).refine(
    (value) => NOT_BLANK.test(value),
    { message: 'Must not be blank.' },
  );

/**
 * An absolute http(s) URL, as WHATWG's URL parser (fetch's) reads it. No regular expression
 * says exactly which strings that parser takes, and a narrower one would be false the other
 * way (a URL it does not match is still accepted), so the document states the scheme only and
 * lists the parser's refusal among the operation's rules (api/openapi-rules.ts).
 */
export const httpUrl = (message?: string) =>
  z
    .url({ protocol: /^https?$/, ...(message ? { message } : {}) })
    .max(2048)
    .refine((value) => NO_CONTROLS.test(value), { message: NO_CONTROLS_MESSAGE })
    // The parser would quietly strip or percent-encode a space; the pattern can say this.
    .refine((value) => !value.includes(' '), { message: 'Must not contain spaces (percent-encode them as %20).' })
    // `format: uri` (RFC 3986) would be wrong both ways too. The scheme is case-insensitive.
    .meta({ pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^ ]*$', format: undefined });

export const amount = z
  .number()
  .int()
  .positive()
  .max(Number.MAX_SAFE_INTEGER)
  .describe("A positive integer in the currency's minor unit (e.g. 1099 = 10.99 usd, 1099 = ¥1099).");

export const currency = z
  .string()
  .transform((code) => code.toLowerCase())
  .refine(isSupportedCurrency, { message: 'Unsupported or unknown ISO 4217 currency code.' })
  .meta({ enum: supportedCurrencies().flatMap((code) => [code, code.toUpperCase()]) })
  .describe('Three-letter ISO 4217 currency code, e.g. "usd".');

/** Stripe's limits: 50 keys, keys up to 40 characters, values up to 500. */
export const metadata = z
  .record(plainText(40).min(1), freeText(500))
  .refine((m) => Object.keys(m).length <= 50, { message: 'At most 50 metadata keys.' })
  .meta({ maxProperties: 50 })
  .describe('Your key-value pairs, returned as given.');

export const refundReason = z.enum(['duplicate', 'fraudulent', 'requested_by_customer']);
