// Finds anything that looks like a card number (PAN): 13–19 digits, bare or grouped with
// spaces or dashes, that passes the Luhn check. holdfast takes tokens only; a PAN anywhere
// in a request is refused before it is stored or logged.

/**
 * A run of digits grouped by single spaces or dashes, e.g. "4242 4242-4242 4242", standing on
 * its own: digits glued to letters (a UUID's "f4242-…") belong to an identifier, not a number.
 */
const DIGIT_RUN = /(?<![A-Za-z0-9])\d+(?:[ -]\d+)*(?![A-Za-z0-9])/g;

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
 * True when the text holds a Luhn-valid 13–19 digit number. Any consecutive groups of a run
 * are tried ("ref 4242 4242 4242 4242 1230" still hides a PAN), but never part of a group:
 * a 24-digit reference is not a card number.
 */
export function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(DIGIT_RUN)) {
    const groups = match[0].split(/[ -]/);
    for (let first = 0; first < groups.length; first++) {
      let digits = '';
      for (let last = first; last < groups.length && digits.length < 19; last++) {
        digits += groups[last];
        if (isPan(digits)) return true;
      }
    }
  }
  return false;
}

/** True when the whole text is one card number, e.g. "4242 4242 4242 4242". */
export function isCardNumber(text: string): boolean {
  return /^\d[\d -]*\d$/.test(text) && isPan(text.replace(/[ -]/g, ''));
}

/** The path of the first field (key or value) in a JSON value that holds a card number. */
export function findCardNumber(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') {
    return containsCardNumber(String(value)) ? path || '(body)' : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findCardNumber(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}[${key}]` : key;
      if (containsCardNumber(key)) return childPath;
      const found = findCardNumber(child, childPath);
      if (found) return found;
    }
  }
  return undefined;
}
