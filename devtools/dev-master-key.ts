// Development and tests need a master key as much as production does, but nobody should
// have to make one: `holdfast dev` keeps one beside its data (so what it sealed yesterday
// still opens today), and a throwaway stack (tests, the benchmark) uses a random one. No key
// is ever published in the repository, so none can be believed by a deployment.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config';

export function withDevMasterKey(config: Config, options: { persistent: boolean }): Config {
  if (config.encryption.masterKey !== undefined || config.encryption.masterKeyFile !== undefined) return config;
  if (!options.persistent) return { ...config, encryption: { masterKey: randomBytes(32).toString('base64'), masterKeyFile: undefined } };
  const file = path.join(config.dataDir, 'master.key');
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  readFileSync(file); // an unreadable file fails here, naming it, not later in the keyring
  return { ...config, encryption: { masterKey: undefined, masterKeyFile: file } };
}
