// A keyring for tests that call activities or queries directly. A stack's database already
// holds data keys wrapped by the stack's master key, so pass stack.config.encryption there;
// a fresh database gets a random master key.
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config/config';
import type { Database } from '../../db/client';
import type { Keyring } from '../../keyring/keyring';
import { openKeyring } from '../../db/sealed/open-keyring';
import { onTeardown } from './teardown';

export async function testKeyring(
  db: Database,
  encryption: Config['encryption'] = { masterKey: randomBytes(32).toString('base64'), masterKeyFile: undefined },
  onTampered: (detail: { keyId: string; context: string }) => void = () => {},
): Promise<Keyring> {
  const keyring = await openKeyring(db, encryption, onTampered);
  onTeardown(async () => keyring.close());
  return keyring;
}
