// The one-shot commands' Temporal client (settle, deploy, replay): the service's data
// converter, so what they read — results, queries, memos, histories — is decoded, and what
// they start is sealed. The keyring is opened from the database, as the worker opens it, and
// only when a command first meets a payload: `holdfast deploy promote` needs no database.
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { Config } from '../config/config';
import { createDatabase, type Database } from '../db/client';
import { withDevMasterKey } from '../devtools/dev-master-key';
import type { Keyring } from '../keyring/keyring';
import { MasterKeyMissing, openKeyring } from '../db/sealed/open-keyring';
import { encryptedDataConverter } from '../keyring/temporal-data-converter';
import { SetupError } from './errors';
import { databaseUrlOf, temporalOf } from './stack-endpoints';

export interface CliTemporal {
  client: Client;
  /** The same converter, for a replay worker. */
  dataConverter: DataConverter;
  address: string;
  namespace: string;
  close(): Promise<void>;
}

export async function cliTemporal(config: Config): Promise<CliTemporal> {
  const { address, namespace } = await temporalOf(config);
  let database: ReturnType<typeof createDatabase> | undefined;
  let keyring: Keyring | undefined;
  const dataConverter = encryptedDataConverter(async () => {
    database = createDatabase(await databaseUrlOf(config), { max: 1 });
    keyring = await cliKeyring(config, database.db);
    return keyring;
  });
  const connection = await Connection.connect({ address });
  return {
    client: new Client({ connection, namespace, dataConverter }),
    dataConverter,
    address,
    namespace,
    async close() {
      keyring?.close();
      await database?.close();
      await connection.close();
    },
  };
}

/** The keyring as the worker opens it, from the database the command uses; never refreshed (one-shot). */
export async function cliKeyring(config: Config, db: Database): Promise<Keyring> {
  // Without DATABASE_URL the `holdfast dev` stack's: its master key lives beside its data.
  const keyed = config.database.url ? config : withDevMasterKey(config, { persistent: true });
  try {
    return await openKeyring(
      db,
      keyed.encryption,
      ({ keyId }) => console.error(`ciphertext_tampered: a value sealed with ${keyId} failed its integrity check`),
      { refresh: false },
    );
  } catch (error) {
    if (error instanceof MasterKeyMissing)
      throw new SetupError(`${error.message} (the one the worker runs with: it decodes workflow payloads)`);
    throw error;
  }
}
