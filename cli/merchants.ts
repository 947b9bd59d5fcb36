// `holdfast merchants create --name N [--capture-before-seconds S] [--fee-bps B]`: creates a
// merchant and prints one JSON line with its id and secret API key, for scripts
// (`jq -r .api_key`). The key is shown only here. Unset settings follow the config defaults.
// `holdfast merchants set-rate-limit <id> --per-second N` (or `--default`): the merchant's own
// API rate limit instead of RATE_LIMIT_PER_SECOND; every API instance applies it from its
// next lease of tokens, within a second at the merchant's rate.
import { parseArgs } from 'node:util';
import type { Config } from '../config/config';
import { createDatabase, type Database } from '../db/client';
import { createMerchant } from '../db/queries/merchants';
import { setMerchantRateLimit } from '../db/queries/rate-limits';
import { databaseUrlOf } from './stack-endpoints';
import { UsageError } from './errors';

const USAGE = [
  'usage: holdfast merchants create --name <name> [--capture-before-seconds S] [--fee-bps B]',
  '       holdfast merchants set-rate-limit <merchant id> (--per-second N | --default)',
].join('\n');

/** The same bound as RATE_LIMIT_PER_SECOND's. */
const MAX_PER_SECOND = 1_000_000;

export async function run(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      'capture-before-seconds': { type: 'string' },
      'fee-bps': { type: 'string' },
      'per-second': { type: 'string' },
      default: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [command, ...rest] = positionals;
  if (command === 'create' && rest.length === 0) {
    const captureBeforeSeconds = integerOption(values['capture-before-seconds'], 'capture-before-seconds', 1, 2 ** 31 - 1);
    const feeBps = integerOption(values['fee-bps'], 'fee-bps', 0, 10_000);
    const name = values.name?.trim();
    if (!name) throw new UsageError('merchants create needs --name <name>');
    return withDatabase(config, async (db) => {
      const merchant = await createMerchant(db, { name, captureBeforeSeconds, feeBps });
      process.stdout.write(`${JSON.stringify({ id: merchant.id, api_key: merchant.apiKey })}\n`);
      return 0;
    });
  }
  if (command === 'set-rate-limit' && rest.length === 1) {
    const merchantId = rest[0]!;
    const perSecond = integerOption(values['per-second'], 'per-second', 1, MAX_PER_SECOND);
    if ((perSecond === undefined) === (values.default !== true)) {
      throw new UsageError('merchants set-rate-limit needs either --per-second N or --default');
    }
    return withDatabase(config, async (db) => {
      if (!(await setMerchantRateLimit(db, merchantId, perSecond ?? null))) {
        throw new UsageError(`no merchant ${JSON.stringify(merchantId)}`);
      }
      const shown = perSecond ?? `default (${config.rateLimits.perSecond})`;
      process.stdout.write(`${JSON.stringify({ id: merchantId, rate_limit_per_second: shown })}\n`);
      return 0;
    });
  }
  throw new UsageError(USAGE);
}

async function withDatabase(config: Config, work: (db: Database) => Promise<number>): Promise<number> {
  const database = createDatabase(await databaseUrlOf(config), { max: 1 });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/** Plain ASCII digits only: Number() would read '1e3', ' 10 ' or '0x10' too. */
function integerOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  }
  return number;
}
