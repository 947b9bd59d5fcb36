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
 * returned as it is, until the rotation workflow seals it. A value that claims to be sealed
 * but is malformed is tampered with, like one whose tag fails.
 */
export async function openText(keyring: Keyring, stored: string, context: string): Promise<string> {
  if (!isSealed(stored)) return stored;
  const [keyId, body] = parts(stored);
  return (await keyring.open(keyId, Buffer.from(body, 'base64url'), context)).toString('utf8');
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** JSON values (a customer, an event's object, an answer) sealed as one text. */
export function sealJson(keyring: Keyring, value: unknown, context: string, keyId?: string): string {
  return sealText(keyring, JSON.stringify(value), context, keyId);
}

export async function openJson<T>(keyring: Keyring, stored: unknown, context: string): Promise<T> {
  // Rows written before encryption at rest hold the JSON itself.
  if (typeof stored !== 'string' || !isSealed(stored)) return stored as T;
  return JSON.parse(await openText(keyring, stored, context)) as T;
}

export function keyIdOf(stored: string): string {
  return parts(stored)[0];
}

function parts(stored: string): [string, string] {
  const match = /^hf1:(dk_[0-9a-f]{16}):([A-Za-z0-9_-]+)$/.exec(stored);
  if (!match) throw new TamperedCiphertext(`malformed sealed value (expected ${PREFIX}<key id>:<base64url>)`);
  return [match[1]!, match[2]!];
}
