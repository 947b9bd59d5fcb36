// `holdfast keys`: a merchant's API keys, as the API manages them (api/routes/api-keys.ts),
// for the operator at the database — and finance keys, which no API makes:
//   keys list   --merchant <id>                       one JSON line per key, newest first
//   keys create --merchant <id> [--name N] [--scopes s1,s2]
//   keys roll   <key id> --merchant <id> [--expires-in-seconds S]
//   keys revoke <key id> --merchant <id>
//   keys create --role finance                        {"id","api_key","role"}, as before
//   keys data-keys | rotate-data-key | retire-data-key  the data keys at rest (cli/data-keys.ts)
// create and roll print the API's object with its `secret`, shown only there; a refusal (no
// such key, revoked, rolled already) is one line on stderr and exit 1.
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { createApiKeyBody, rollApiKeyBody } from '../api/schemas/api-keys';
import { grantedScopes } from '../domain/scopes';
import { apiKeyView } from '../views/api-key';
import type { Config } from '../config/config';
import { createDatabase, type Database } from '../db/client';
import { createApiKey, listApiKeys, revokeApiKey, rollApiKey, type ApiKeyRow } from '../db/queries/api-keys';
import { createFinanceKey } from '../db/queries/merchants';
import { merchants } from '../db/schema';
import { DATA_KEY_ACTIONS, run as runDataKeys } from './data-keys';
import { UsageError } from './errors';
import { databaseUrlOf } from './stack-endpoints';

const USAGE = [
  'usage: holdfast keys create --role finance',
  '       holdfast keys list --merchant <id>',
  '       holdfast keys create --merchant <id> [--name <name>] [--scopes <scope,...>]',
  '       holdfast keys roll <key id> --merchant <id> [--expires-in-seconds <0..604800>]',
  '       holdfast keys revoke <key id> --merchant <id>',
  '       holdfast keys data-keys | rotate-data-key [--wait] | retire-data-key <data key id>',
].join('\n');
const ACTOR = 'cli:holdfast keys';
/** The newest this many: a merchant with more reads the rest through GET /v1/api_keys. */
const LIST_LIMIT = 100;

type Options = { merchant?: string; role?: string; name?: string; scopes?: string; 'expires-in-seconds'?: string };

export async function run(args: string[], config: Config): Promise<number> {
  // The data keys take options of their own; an API key's options mean nothing to them.
  if (DATA_KEY_ACTIONS.includes(args[0] ?? '')) return runDataKeys(args, config);
  const { values, positionals } = parseArgs({
    args,
    options: {
      merchant: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      scopes: { type: 'string' },
      'expires-in-seconds': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [action, keyId, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(USAGE);
  if (action === 'create' && values.role !== undefined) return createFinance(values, keyId, config);
  if (!values.merchant) throw new UsageError(`${USAGE}\n(--merchant is missing: a merchant's keys are managed per merchant)`);
  const merchantId = values.merchant;
  const withKeyId = action === 'roll' || action === 'revoke';
  if (!['list', 'create', 'roll', 'revoke'].includes(action ?? '') || withKeyId !== (keyId !== undefined)) throw new UsageError(USAGE);
  const unused = Object.keys(values).filter((option) => option !== 'merchant' && !OPTIONS_OF[action!]!.includes(option));
  if (unused.length > 0) throw new UsageError(`${USAGE}\n(--${unused[0]} does not go with ${action})`);

  return withDatabase(config, async (db) => {
    const owner = { merchantId };
    if (action === 'list') {
      for (const row of await listApiKeys(db, owner, LIST_LIMIT)) print(apiKeyView(row));
      return 0;
    }
    if (action === 'create') {
      const body = parseOrUsage(createApiKeyBody, {
        ...(values.name === undefined ? {} : { name: values.name }),
        ...(values.scopes === undefined ? {} : { scopes: values.scopes.split(',').map((scope) => scope.trim()) }),
      });
      if (!(await merchantExists(db, merchantId))) return refuse(`no merchant ${merchantId}`);
      const created = await createApiKey(db, {
        owner,
        name: body.name ?? null,
        scopes: body.scopes ? grantedScopes(body.scopes) : null,
        actor: ACTOR,
      });
      return printWithSecret(created.key, created.secret);
    }
    if (action === 'roll') {
      const seconds = values['expires-in-seconds'];
      const body = parseOrUsage(rollApiKeyBody, seconds === undefined ? {} : { expires_in_seconds: Number(seconds) });
      const outcome = await rollApiKey(db, { owner, keyId: keyId!, overlapSeconds: body.expires_in_seconds, actor: ACTOR });
      if ('refused' in outcome) return refuse(refusal(outcome.refused, keyId!, merchantId, outcome.rolled));
      return printWithSecret(outcome.key, outcome.secret);
    }
    const revoked = await revokeApiKey(db, { owner, keyId: keyId!, actor: ACTOR });
    if (!revoked) return refuse(`no API key ${keyId} of merchant ${merchantId}`);
    if (revoked.already) return refuse(`the API key ${keyId} was revoked already`);
    print(apiKeyView(revoked.key));
    return 0;
  });
}

const OPTIONS_OF: Record<string, string[]> = { list: [], create: ['name', 'scopes'], roll: ['expires-in-seconds'], revoke: [] };

async function createFinance(values: Options, keyId: string | undefined, config: Config): Promise<number> {
  if (values.role !== 'finance' || keyId !== undefined || values.merchant !== undefined) {
    throw new UsageError(`${USAGE}\n(--role ${values.role}: merchant keys are made with --merchant, or by \`holdfast merchants create\`)`);
  }
  return withDatabase(config, async (db) => {
    const key = await createFinanceKey(db);
    print({ id: key.id, api_key: key.apiKey, role: 'finance' });
    return 0;
  });
}

async function withDatabase(config: Config, work: (db: Database) => Promise<number>): Promise<number> {
  const database = createDatabase(await databaseUrlOf(config), { max: 1 });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/** The API's own schema checks the options, so the CLI admits exactly what the API does. */
function parseOrUsage<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new UsageError(`--${String(issue.path[0]).replaceAll('_', '-')}: ${issue.message}`);
}

async function merchantExists(db: Database, merchantId: string): Promise<boolean> {
  const [row] = await db.select({ id: merchants.id }).from(merchants).where(eq(merchants.id, merchantId));
  return row !== undefined;
}

function refusal(reason: 'missing' | 'revoked' | 'already_rolled', keyId: string, merchantId: string, rolled?: ApiKeyRow): string {
  if (reason === 'missing') return `no API key ${keyId} of merchant ${merchantId}`;
  if (reason === 'revoked') return `the API key ${keyId} is revoked; create a new one`;
  return `the API key ${keyId} was rolled already; roll its successor ${rolled!.replacedBy}`;
}

function printWithSecret(key: ApiKeyRow, secret: string | undefined): number {
  print({ ...apiKeyView(key), secret: secret ?? null });
  return 0;
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function refuse(message: string): number {
  process.stderr.write(`holdfast keys: ${message}\n`);
  return 1;
}
