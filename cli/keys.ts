// `holdfast keys create --role finance`: creates a finance key, which runs settlement and
// reconciliation across merchants (POST /v1/settlements, the exceptions queue, /ops), and
// prints one JSON line with its id and secret, for scripts (`jq -r .api_key`). The secret is
// shown only here; merchants' keys come with `holdfast merchants create`.
import { parseArgs } from 'node:util';
import type { Config } from '../config/config';
import { createDatabase } from '../db/client';
import { createFinanceKey } from '../db/queries/merchants';
import { UsageError } from './errors';
import { databaseUrlOf } from './stack-endpoints';

const USAGE = 'usage: holdfast keys create --role finance';

export async function run(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { role: { type: 'string' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1 || positionals[0] !== 'create') throw new UsageError(USAGE);
  if (values.role !== 'finance') {
    throw new UsageError(`${USAGE}\n(--role ${values.role ?? 'is missing'}: merchant keys are made by \`holdfast merchants create\`)`);
  }
  const database = createDatabase(await databaseUrlOf(config), { max: 1 });
  try {
    const key = await createFinanceKey(database.db);
    process.stdout.write(`${JSON.stringify({ id: key.id, api_key: key.apiKey, role: 'finance' })}\n`);
  } finally {
    await database.close();
  }
  return 0;
}
