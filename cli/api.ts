// `holdfast api`: the HTTP API alone, as deployed; Postgres and Temporal are given.
import { Client, Connection } from '@temporalio/client';
import { parseArgs } from 'node:util';
import { startApi } from '../api/server';
import type { Config } from '../config/config';
import { createDatabase } from '../db/client';
import { requireProductionEndpoints, warnOfExcessPrivilege } from './production-endpoints';
import { runUntilShutdown } from './run-until-shutdown';
import { ensureTracing } from '../telemetry/tracing';

export async function run(args: string[], config: Config): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  const { databaseUrl, temporalAddress } = requireProductionEndpoints(config, 'api');
  return runUntilShutdown(async (started) => {
    // Stopped last: spans of everything else's shutdown are flushed with it.
    const tracing = ensureTracing(config);
    if (tracing) started.add('tracing', () => tracing.shutdown());
    const database = createDatabase(databaseUrl);
    started.add('database pool', () => database.close());
    await warnOfExcessPrivilege('api', database.db);
    const connection = await Connection.connect({ address: temporalAddress });
    started.add('Temporal connection', () => connection.close());
    const temporal = new Client({ connection, namespace: config.temporal.namespace });
    const api = await startApi({ config, db: database.db, temporal, port: config.port });
    started.add('API', () => api.stop());
    console.error(`holdfast api listening on ${api.url}`);
  });
}
