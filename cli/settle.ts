// `holdfast settle --date D [--psp P] [--idempotency-key K]`: settles a business date at one
// PSP, or at every configured one, and follows the workflows until they end: a line whenever a
// settlement's progress changes, then one summary line per PSP. Exit 0 when all settled, 1
// when one failed. Each invocation is one request under an idempotency key (a fresh one,
// printed, unless given): the same key again follows the same runs; a new key settles the
// date again — only what the date's earlier runs did not take — once they finished.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { settlementHandle, settlementOptionsFrom, startSettlement } from '../contracts/settlement.client';
import type { Config } from '../config/config';
import { createDatabase } from '../db/client';
import { recordedRuns } from '../db/queries/settlement-pages';
import { PSP_NAMES, type PspName } from '../domain/psp';
import { businessDateOf, isBusinessDate } from '../domain/settlement/business-date';
import { settlementProgressQuery, type SettlementResult } from '../contracts/settlement.contract';
import { readDevStack } from './dev-stack-file';
import { UsageError } from './errors';
import { followWorkflow } from './follow-workflow';
import { changedLine, summaryLine } from './settle-progress';
import { databaseUrlOf } from './stack-endpoints';
import { cliTemporal } from './temporal-client';

const USAGE = `usage: holdfast settle --date YYYY-MM-DD [--psp ${PSP_NAMES.join('|')}] [--idempotency-key KEY]`;
/** The API's rule for an Idempotency-Key (api/idempotency-key.ts): printable ASCII, no space at either end. */
const KEY_SHAPE = /^[!-~]([ -~]{0,253}[!-~])?$/;

export async function run(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { date: { type: 'string' }, psp: { type: 'string' }, 'idempotency-key': { type: 'string' } },
    strict: true,
  });
  const date = values.date;
  if (!date || !isBusinessDate(date)) throw new UsageError(`${USAGE}\n(--date must be a real date written YYYY-MM-DD)`);
  const today = businessDateOf(new Date(), config.settlement.timeZone);
  if (date > today) throw new UsageError(`--date ${date} is after today (${today} in ${config.settlement.timeZone})`);
  const configured = await configuredPsps(config);
  const psps = values.psp === undefined ? configured : [pspArgument(values.psp, configured)];
  if (psps.length === 0) throw new UsageError('no PSP is configured: set Stripe or Adyen credentials, or run `holdfast dev`');
  const key = values['idempotency-key'] ?? randomUUID();
  if (!KEY_SHAPE.test(key)) throw new UsageError(`${USAGE}\n(--idempotency-key must be 1 to 255 printable ASCII characters)`);
  // Printed first, so a run cut short can be followed again with the same key.
  console.log(`idempotency key ${key} (retry with --idempotency-key ${key})`);

  const temporal = await cliTemporal(config);
  const database = createDatabase(await databaseUrlOf(config), { max: 1 });
  try {
    const { client } = temporal;
    const options = settlementOptionsFrom(config);
    const outcomes = await Promise.all(
      psps.map(async (psp) => {
        try {
          const started = await startSettlement(client, options, {
            businessDate: date,
            psp,
            requestKey: `cli:${key}:${date}:${psp}`,
            whileInFlight: 'refuse',
            ...(await recordedRuns(database.db, date, psp)),
          });
          const handle = settlementHandle(client, started.workflowId);
          const result = await followWorkflow<SettlementResult>(handle, async (last) =>
            changedLine(psp, date, await handle.query(settlementProgressQuery), last),
          );
          console.log(summaryLine(psp, date, { result }));
          return true;
        } catch (error) {
          console.log(summaryLine(psp, date, { error: reason(error) }));
          return false;
        }
      }),
    );
    return outcomes.every(Boolean) ? 0 : 1;
  } finally {
    await database.close();
    await temporal.close();
  }
}

function pspArgument(value: string, configured: PspName[]): PspName {
  if (!(PSP_NAMES as readonly string[]).includes(value)) throw new UsageError(`${USAGE}\n(unknown PSP "${value}")`);
  if (!configured.includes(value as PspName)) {
    throw new UsageError(`${value} is not configured here (configured: ${configured.join(', ') || 'none'})`);
  }
  return value as PspName;
}

/**
 * The PSPs the workers can reach, as they decide it (psp/gateways.ts): those with
 * credentials, and every PSP when the `holdfast dev` stack's simulator stands in for them.
 */
async function configuredPsps(config: Config): Promise<PspName[]> {
  const credentials: Record<PspName, string | undefined> = { stripe: config.stripe.secretKey, adyen: config.adyen.apiKey };
  const simulator = config.temporal.address ? undefined : (await readDevStack(config))?.simUrl;
  return PSP_NAMES.filter((psp) => simulator !== undefined || Boolean(credentials[psp]));
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
