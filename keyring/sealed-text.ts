// A text field at rest: `hf1:<data key id>:<base64url of iv ‖ ciphertext ‖ tag>`. The key id in
// clear is what lets a rotation find the rows still on an old key and lets a retirement
// prove none is left. `context` names the column, so a value copied to another column fails.
import { TamperedCiphertext } from './aes-gcm';
import type { Keyring } from './keyring';

const PREFIX = 'hf1:';

export function sealText(keyring: Keyring, value: string, context: string, keyId?: string): string {
  const sealed = keyring.seal(Buffer.from(value, 'utf8'), context, keyId);
  return `${PREFIX}${sealed.keyId}:${sealed.sealed.toString('base64url')}`;
}

/**
 * Opens a sealed value; a value written before encryption at rest (no `hf1:` prefix) is
 * returned as it is, until the rotation workflow seals it — unless `sealedWith` says the row
 * was written sealed (its data_key_id): a value in clear there was put in by hand, and is
 * refused like one whose tag fails. A value that claims to be sealed but is malformed is too.
 */
export async function openText(keyring: Keyring, stored: string, context: string, sealedWith?: string | null): Promise<string> {
  if (!isSealed(stored)) {
    if (sealedWith)
      throw keyring.tampered(sealedWith, context, `a value in clear where a row sealed with ${sealedWith} keeps only sealed ones`);
    return stored;
  }
  const match = matchSealed(stored);
  if (!match) throw keyring.tampered('(malformed)', context, MALFORMED);
  const [keyId, body] = match;
  return (await keyring.open(keyId, Buffer.from(body, 'base64url'), context)).toString('utf8');
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** JSON values (a customer, an event's object, an answer) sealed as one text. */
export function sealJson(keyring: Keyring, value: unknown, context: string, keyId?: string): string {
  return sealText(keyring, JSON.stringify(value), context, keyId);
}

export async function openJson<T>(keyring: Keyring, stored: unknown, context: string, sealedWith?: string | null): Promise<T> {
  // Rows written before encryption at rest hold the JSON itself.
  if (typeof stored !== 'string' || !isSealed(stored)) {
    if (sealedWith)
      throw keyring.tampered(sealedWith, context, `a value in clear where a row sealed with ${sealedWith} keeps only sealed ones`);
    return stored as T;
  }
  return JSON.parse(await openText(keyring, stored, context)) as T;
}

export function keyIdOf(stored: string): string {
  return parts(stored)[0];
}

const MALFORMED = `malformed sealed value (expected ${PREFIX}<key id>:<base64url>)`;

function parts(stored: string): [string, string] {
  const match = matchSealed(stored);
  if (!match) throw new TamperedCiphertext(MALFORMED);
  return match;
}

function matchSealed(stored: string): [string, string] | undefined {
  const match = /^hf1:(dk_[0-9a-f]{16}):([A-Za-z0-9_-]+)$/.exec(stored);
  return match ? [match[1]!, match[2]!] : undefined;
}
