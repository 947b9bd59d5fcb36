import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Adyen's 16-character references (`881611827877203B`): digits and capitals. */
export function pspReference(): string {
  let reference = '';
  for (const byte of randomBytes(16)) reference += ALPHABET[byte % ALPHABET.length];
  return reference;
}

/** What the shopper carries back from the 3-D Secure page: opaque, like Adyen's. */
export function redirectResult(): string {
  return randomBytes(24).toString('base64url');
}
