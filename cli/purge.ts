// `holdfast purge`: deletes what is past its retention (EVENTS_RETENTION_DAYS,
// PSP_EVENTS_RETENTION_DAYS, AUDIT_RETENTION_DAYS; expired Idempotency-Keys) and prints one
// JSON line of counts. It runs as the schema owner (MIGRATION_DATABASE_URL), like migrate:
// the audit log is append-only and the app role cannot delete from it at all. Run it daily
// (a cron job, a Kubernetes CronJob).
import { parseArgs } from 'node:util';
import type { Config } from '../config/config';
import { createDatabase } from '../db/client';
import { purgeExpired } from '../db/queries/retention';
import { migrationDatabaseUrlOf } from './stack-endpoints';

export async function run(args: string[], config: Config): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  const database = createDatabase(await migrationDatabaseUrlOf(config), { max: 1 });
  try {
    const purged = await purgeExpired(database.db, retentionOf(config));
    process.stdout.write(`${JSON.stringify(purged)}\n`);
  } finally {
    await database.close();
  }
  return 0;
}

export const retentionOf = (config: Config) => ({
  events: config.retention.eventsDays,
  pspEvents: config.retention.pspEventsDays,
  audit: config.retention.auditDays,
});
