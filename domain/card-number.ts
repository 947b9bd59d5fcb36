// Finds anything that looks like a card number (PAN): 13–19 digits that pass the Luhn check,
// however they are spelled. holdfast takes tokens only; a PAN anywhere in a request is refused
// before it is stored or logged, so the detector errs towards finding one — except in the
// shapes that are known not to be card numbers (UUIDs, ISO-8601 dates and times).

/**
 * A run: digits joined by at most two separators in a row ("4242  4242", "4242 - 4242" is
 * three and ends it). Letters and ':' end a run but may touch it: "card4242…" holds a PAN.
 */
const RUN = /\d+(?:[\s._/-]{1,2}\d+)*/gu;
const SEPARATORS = /[\s._/-]+/u;

/** A value that is exactly a UUID is an identifier; its digit groups may pass Luhn by chance. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * ISO-8601 dates and date-times, extended ("2026-12-05T06:30:18.123456789-05:00", also with a
 * space for the T) and basic ("20261205T063018.123Z"). Their digit groups joined together can
 * reach 13 digits (a nanosecond fraction and an offset); they are taken out before searching —
 * but not one that more digits follow, unless they start another date: "4242-12-24-4242-4240"
 * is a card number in a date's clothes, "2026-12-05/2026-12-06" a range.
 */
const TIMESTAMP = new RegExp(
  [
    String.raw`(?<!\d)\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])` +
      String.raw`(?:[T ](?:[01]\d|2[0-4]):[0-5]\d(?::[0-5]\d(?:[.,]\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-4])(?::?[0-5]\d)?)?)?(?![\s._/-]{0,2}\d(?!\d{3}-\d\d-\d\d))`,
    String.raw`(?<!\d)\d{8}T\d{4}(?:\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?:\d{2})?)?(?![\s._/-]{0,2}\d(?!\d{3}-\d\d-\d\d))`,
  ].join('|'),
  'gi',
);

/**
 * UUIDs and long hex ids (32+ hex digits: a UUID without dashes, a hash) inside a longer text
 * ("order-f47ac10b-58cc-…"): a random one has digit groups that pass Luhn about once in 300.
 * Only one with a hex letter is taken for an id; all digits in a UUID's shape is a disguise.
 */
const HEX_ID =
  /(?<![0-9a-z])(?:(?=[\d-]*[a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=\d*[a-f])[0-9a-f]{32,})(?![0-9a-z])/gi;

/**
 * holdfast's own ids ("po_dd18b7f60ff1762181266275": a prefix and 24 hex digits, views/ids.ts):
 * about one in 800 holds a Luhn-valid run of 13 or more digits, and such a payment or payout
 * could then never be named in a path again. As with UUIDs, only one with a hex letter is
 * taken for an id.
 */
const HOLDFAST_ID = /(?<![0-9a-z])[a-z]{2,5}_(?=\d*[a-f])[0-9a-f]{24}(?![0-9a-z])/gi;

const UNICODE_DIGIT = /\p{Nd}/gu;
const ONE_DIGIT = /^\p{Nd}$/u;
const digitValues = new Map<string, string>();

/**
 * The value of any Unicode decimal digit. Unicode keeps each script's digits 0–9 contiguous
 * and in order, so the value is how far the digit sits from the start of its block of ten.
 */
function digitValue(digit: string): string {
  if (digit >= '0' && digit <= '9') return digit;
  let value = digitValues.get(digit);
  if (value === undefined) {
    const codePoint = digit.codePointAt(0)!;
    let below = 0;
    while (ONE_DIGIT.test(String.fromCodePoint(codePoint - below - 1))) below++;
    value = String(below % 10);
    digitValues.set(digit, value);
  }
  return value;
}

/**
 * The text as the detector reads it: NFKC (full-width digits and separators become ASCII),
 * invisible format characters (zero-width spaces, soft hyphens) dropped, every dash a '-',
 * and every Unicode decimal digit its ASCII value.
 */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\p{Pd}/gu, '-')
    .replace(UNICODE_DIGIT, digitValue);
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const isPan = (digits: string) => digits.length >= 13 && digits.length <= 19 && passesLuhn(digits);

/**
 * True when a run holds a PAN. Any consecutive groups of it are tried ("ref 4242 4242 4242
 * 4242 1230" still hides one), but never part of a group: a 24-digit reference is not a card.
 */
function runHoldsPan(run: string): boolean {
  const groups = run.split(SEPARATORS);
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length && digits.length < 19; last++) {
      digits += groups[last];
      if (isPan(digits)) return true;
    }
  }
  return false;
}

/** The normalised text with the shapes that are never card numbers taken out, or '' for a UUID. */
function searchable(text: string, ascii: boolean): string {
  // ASCII has nothing to normalise (the common case, kept fast).
  const normalised = ascii ? text : normalise(text);
  if (UUID.test(normalised.trim())) return '';
  return normalised.replace(TIMESTAMP, ':').replace(HEX_ID, ':').replace(HOLDFAST_ID, ':');
}

/** True when the text holds a Luhn-valid 13–19 digit number, in any spelling. */
export function containsCardNumber(text: string): boolean {
  let digits = 0;
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
    else if (code > 127) ascii = false;
  }
  // Fewer than 13 digits in all cannot hold a card number. Counted after NFKC for non-ASCII
  // text: circled and superscript digits (\p{No}) only become digits there.
  const readable = searchable(text, ascii);
  if (ascii ? digits < 13 : (readable.match(/\d/g)?.length ?? 0) < 13) return false;
  for (const [run] of readable.matchAll(RUN)) {
    if (runHoldsPan(run)) return true;
  }
  return false;
}

/** The text (normalised) with every run holding a card number replaced by asterisks. */
export function maskCardNumbers(text: string): string {
  if (!containsCardNumber(text)) return text;
  return normalise(text).replace(RUN, (run) => (runHoldsPan(run) ? run.replace(/\d/g, '*') : run));
}

/** A JSON number's literal, so its digits are judged as sent, not as rounded to a double. */
const JSON_TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * The card-like numbers among a JSON text's number literals, as the values JSON.parse gives
 * them. Beyond 2^53 a parsed number has lost the digits the client sent: 4242424242424242424
 * parses to 4242424242424242000, so the literal is what must be checked.
 */
function cardLikeNumbers(source: string): Set<number> {
  const found = new Set<number>();
  for (const [token] of source.matchAll(JSON_TOKEN)) {
    if (token.startsWith('"')) continue;
    const value = Number(token);
    // The literal as sent, and the integer it denotes: 42424242424242420e-1 is 4242424242424242.
    if (containsCardNumber(token) || (Number.isSafeInteger(value) && containsCardNumber(String(value)))) found.add(value);
  }
  return found;
}

/**
 * The path of the first field (key or value) in a request body or query that holds a card
 * number, as `param` names it ("metadata[pan]"); a key that is itself a card number is
 * masked in the path, since the path is echoed back to the client. When the body was JSON,
 * `source` is its text: numbers are then judged by their literal (see cardLikeNumbers).
 */
export function findCardNumber(value: unknown, source?: string): string | undefined {
  const numbers = source === undefined ? undefined : cardLikeNumbers(source);
  const isCardLike = (n: number) => (numbers ? numbers.has(n) : containsCardNumber(String(n)));
  return find(value, '', isCardLike) ?? (numbers && numbers.size > 0 ? '(body)' : undefined);
}

function find(value: unknown, path: string, isCardLike: (n: number) => boolean): string | undefined {
  if (typeof value === 'string') return containsCardNumber(value) ? path || '(body)' : undefined;
  if (typeof value === 'number') return isCardLike(value) ? path || '(body)' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = find(value[i], `${path}[${i}]`, isCardLike);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const keyIsCardLike = containsCardNumber(key);
      const name = keyIsCardLike ? maskCardNumbers(key) : key;
      const childPath = path ? `${path}[${name}]` : name;
      if (keyIsCardLike) return childPath;
      const found = find(child, childPath, isCardLike);
      if (found) return found;
    }
  }
  return undefined;
}
