// The deployed roles (api, worker) never fall back to a dev stack: a missing setting is a
// deployment mistake and must stop the process, not quietly talk to the wrong database.
import type { Config } from '../config/config';
import type { Database } from '../db/client';
import { excessPrivilege } from '../db/queries/connection-role';
import { SetupError } from './errors';

export function requireProductionEndpoints(config: Config, role: string): { databaseUrl: string; temporalAddress: string } {
  const databaseUrl = config.database.url;
  const temporalAddress = config.temporal.address;
  if (databaseUrl && temporalAddress) return { databaseUrl, temporalAddress };
  const missing = [databaseUrl ? '' : 'DATABASE_URL', temporalAddress ? '' : 'TEMPORAL_ADDRESS'];
  throw new SetupError(
    `the ${role} role needs ${missing.filter(Boolean).join(' and ')} set ` + '(to run everything locally, use `holdfast dev`)',
  );
}

/**
 * A warning, not a refusal: a deployment from before the roles were split keeps running, but
 * whoever reads the log learns that the ledger's guarantees rest on its code alone.
 */
export async function warnOfExcessPrivilege(role: string, db: Database): Promise<void> {
  const excess = await excessPrivilege(db);
  if (excess)
    console.error(`holdfast ${role}: WARNING: DATABASE_URL ${excess}; connect as holdfast_app (docs/operations.md, "Database roles")`);
}
