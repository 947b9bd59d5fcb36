// `holdfast migrate`: applies the committed SQL migrations to DATABASE_URL, or to the
// running dev stack's database.
import { parseArgs } from 'node:util';
import type { Config } from '../config/config';
import { runMigrations } from '../db/migrate';
import { databaseUrlOf } from './stack-endpoints';

export async function run(args: string[], config: Config): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  await runMigrations(await databaseUrlOf(config));
  console.error('migrations applied');
  return 0;
}
