// Builds the process's keyring from configuration and the database: what the API, the
// worker and the CLI call once at startup.
import type { Config } from '../../config/config';
import type { Database } from '../client';
import { dataKeyStore } from '../queries/data-keys';
import { Keyring } from '../../keyring/keyring';
import { masterKeyFrom } from '../../keyring/master-key';

export class MasterKeyMissing extends Error {
  override readonly name = 'MasterKeyMissing';
  constructor() {
    super('no master key: set HOLDFAST_MASTER_KEY (32 random bytes, base64: `openssl rand -base64 32`) or HOLDFAST_MASTER_KEY_FILE');
  }
}

/**
 * `onTampered` is told of every ciphertext that failed its tag, before the read is refused:
 * the caller logs it and counts it for the alert (monitoring/prometheus/holdfast-alerts.yml).
 */
export async function openKeyring(
  db: Database,
  encryption: Config['encryption'],
  onTampered: (detail: { keyId: string; context: string }) => void,
  options: { refresh?: boolean } = {},
): Promise<Keyring> {
  const master = masterKeyFrom({ base64: encryption.masterKey, file: encryption.masterKeyFile });
  if (!master) throw new MasterKeyMissing();
  return Keyring.open(dataKeyStore(db), master, { onTampered, refresh: options.refresh });
}
