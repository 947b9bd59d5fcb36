// `holdfast merchants create --name N [--capture-before-seconds S] [--fee-bps B]`: creates a
// merchant and prints one JSON line with its id and secret API key, for scripts
// (`jq -r .api_key`). The key is shown only here. Unset settings follow the config defaults.
import { parseArgs } from 'node:util';
import type { Config } from '../config/config';
import { createDatabase } from '../db/client';
import { createMerchant } from '../db/queries/merchants';
import { databaseUrlOf } from './stack-endpoints';
import { UsageError } from './errors';

export async function run(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      'capture-before-seconds': { type: 'string' },
      'fee-bps': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1 || positionals[0] !== 'create') {
    throw new UsageError('usage: holdfast merchants create --name <name> [--capture-before-seconds S] [--fee-bps B]');
  }
  const captureBeforeSeconds = integerOption(values['capture-before-seconds'], 'capture-before-seconds', 1, 2 ** 31 - 1);
  const feeBps = integerOption(values['fee-bps'], 'fee-bps', 0, 10_000);
  const name = values.name?.trim();
  if (!name) throw new UsageError('merchants create needs --name <name>');

  const database = createDatabase(await databaseUrlOf(config), { max: 1 });
  try {
    const merchant = await createMerchant(database.db, { name, captureBeforeSeconds, feeBps });
    process.stdout.write(`${JSON.stringify({ id: merchant.id, api_key: merchant.apiKey })}\n`);
  } finally {
    await database.close();
  }
  return 0;
}

function integerOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  }
  return number;
}
