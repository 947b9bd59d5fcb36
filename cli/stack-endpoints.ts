// Where the one-shot commands (migrate, merchants, replay) connect: the configured
// DATABASE_URL / TEMPORAL_ADDRESS when set, otherwise the running `holdfast dev` stack.
import type { Config } from '../config/config';
import { readDevStack } from './dev-stack-file';
import { SetupError } from './errors';

/** Says where it looked: a stack started with another HOLDFAST_DATA_DIR is invisible from here. */
const noStack = (config: Config) =>
  `and no \`holdfast dev\` stack is running with its data in ${config.dataDir}: start one with \`npm start\`, ` +
  `or set HOLDFAST_DATA_DIR to the data dir of the one that is running`;

export async function databaseUrlOf(config: Config): Promise<string> {
  if (config.database.url) return config.database.url;
  const stack = await readDevStack(config);
  if (!stack) throw new SetupError(`DATABASE_URL is not set ${noStack(config)}`);
  return stack.databaseUrl;
}

/** The schema owner's URL: MIGRATION_DATABASE_URL, else DATABASE_URL, else the dev stack's. */
export async function migrationDatabaseUrlOf(config: Config): Promise<string> {
  if (config.database.migrationUrl) return config.database.migrationUrl;
  const stack = await readDevStack(config);
  if (!stack) throw new SetupError(`MIGRATION_DATABASE_URL is not set ${noStack(config)}`);
  return stack.migrationDatabaseUrl ?? stack.databaseUrl;
}

export async function temporalOf(config: Config): Promise<{ address: string; namespace: string }> {
  if (config.temporal.address) {
    return { address: config.temporal.address, namespace: config.temporal.namespace };
  }
  const stack = await readDevStack(config);
  if (!stack) throw new SetupError(`TEMPORAL_ADDRESS is not set ${noStack(config)}`);
  return { address: stack.temporalAddress, namespace: stack.namespace };
}
