// `holdfast merchants create --name N`: creates a merchant and prints one JSON line with
// its id and secret API key, for scripts (`jq -r .api_key`). The key is shown only here.
import { parseArgs } from 'node:util';
import type { Config } from '../config/config';
import { createDatabase } from '../db/client';
import { createMerchant } from '../db/queries/merchants';
import { databaseUrlOf } from './stack-endpoints';
import { UsageError } from './errors';

export async function run(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { name: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1 || positionals[0] !== 'create') {
    throw new UsageError('usage: holdfast merchants create --name <name>');
  }
  const name = values.name?.trim();
  if (!name) throw new UsageError('merchants create needs --name <name>');

  const database = createDatabase(await databaseUrlOf(config), { max: 1 });
  try {
    const merchant = await createMerchant(database.db, { name });
    process.stdout.write(`${JSON.stringify({ id: merchant.id, api_key: merchant.apiKey })}\n`);
  } finally {
    await database.close();
  }
  return 0;
}
