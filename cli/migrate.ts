// `holdfast migrate`: applies the committed SQL migrations as the schema owner
// (MIGRATION_DATABASE_URL, else DATABASE_URL), or to the running dev stack's database.
import { parseArgs } from 'node:util';
import type { Config } from '../config/config';
import { runMigrations } from '../db/migrate';
import { migrationDatabaseUrlOf } from './stack-endpoints';

export async function run(args: string[], config: Config): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  await runMigrations(await migrationDatabaseUrlOf(config));
  console.error('migrations applied');
  return 0;
}
