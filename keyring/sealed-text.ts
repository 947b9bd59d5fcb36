// A text field at rest: `hf1:<data key id>:<base64url of iv ‖ ciphertext ‖ tag>`. The key id in
// clear is what lets a rotation find the rows still on an old key and lets a retirement
// prove none is left. `context` names the column, so a value copied to another column fails.
import type { Keyring } from './keyring';

const PREFIX = 'hf1:';

export function sealText(keyring: Keyring, value: string, context: string): string {
  const { keyId, sealed } = keyring.seal(Buffer.from(value, 'utf8'), context);
  return `${PREFIX}${keyId}:${sealed.toString('base64url')}`;
}

export async function openText(keyring: Keyring, stored: string, context: string): Promise<string> {
  const [keyId, body] = parts(stored);
  return (await keyring.open(keyId, Buffer.from(body, 'base64url'), context)).toString('utf8');
}

export function keyIdOf(stored: string): string {
  return parts(stored)[0];
}

function parts(stored: string): [string, string] {
  const match = /^hf1:(dk_[0-9a-f]{16}):([A-Za-z0-9_-]+)$/.exec(stored);
  if (!match) throw new Error(`not a sealed value (expected ${PREFIX}<key id>:<base64url>)`);
  return [match[1]!, match[2]!];
}
