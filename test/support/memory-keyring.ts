// A keyring whose data keys live in memory, under a random master key: for tests that need
// the codec but no database (unit tests, replaying committed histories).
import { randomBytes } from 'node:crypto';
import { Keyring, type DataKeyStore, type StoredDataKey } from '../../keyring/keyring';
import { localMasterKey } from '../../keyring/master-key';

export function memoryKeyStore(): DataKeyStore {
  const keys: StoredDataKey[] = [];
  return {
    list: async () => keys.map((key) => ({ ...key })),
    async createIfNoneActive(key) {
      if (!keys.some((k) => k.purpose === key.purpose && k.state === 'active')) keys.push(key);
    },
    async replaceActive(key) {
      for (const k of keys) if (k.purpose === key.purpose && k.state === 'active') k.state = 'decrypt_only';
      keys.push(key);
    },
  };
}

export function memoryKeyring(onTampered?: (detail: { keyId: string; context: string }) => void): Promise<Keyring> {
  return Keyring.open(memoryKeyStore(), localMasterKey(randomBytes(32)), { refresh: false, onTampered });
}
