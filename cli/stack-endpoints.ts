// Where the one-shot commands (migrate, merchants, replay) connect: the configured
// DATABASE_URL / TEMPORAL_ADDRESS when set, otherwise the running `holdfast dev` stack.
import type { Config } from '../config/config';
import { readDevStack } from './dev-stack-file';
import { SetupError } from './errors';

const NO_STACK = 'and no `holdfast dev` stack is running (start one with `npm start`)';

export async function databaseUrlOf(config: Config): Promise<string> {
  if (config.database.url) return config.database.url;
  const stack = await readDevStack(config);
  if (!stack) throw new SetupError(`DATABASE_URL is not set ${NO_STACK}`);
  return stack.databaseUrl;
}

/** The schema owner's URL: MIGRATION_DATABASE_URL, else DATABASE_URL, else the dev stack's. */
export async function migrationDatabaseUrlOf(config: Config): Promise<string> {
  if (config.database.migrationUrl) return config.database.migrationUrl;
  const stack = await readDevStack(config);
  if (!stack) throw new SetupError(`MIGRATION_DATABASE_URL is not set ${NO_STACK}`);
  return stack.migrationDatabaseUrl ?? stack.databaseUrl;
}

export async function temporalOf(config: Config): Promise<{ address: string; namespace: string }> {
  if (config.temporal.address) {
    return { address: config.temporal.address, namespace: config.temporal.namespace };
  }
  const stack = await readDevStack(config);
  if (!stack) throw new SetupError(`TEMPORAL_ADDRESS is not set ${NO_STACK}`);
  return { address: stack.temporalAddress, namespace: stack.namespace };
}
