// The Temporal server of `holdfast cluster`: its schema, its four services as separate
// processes on config/temporal/server.yaml (the file docker-compose.temporal.yml mounts), and
// the namespace with holdfast's search attributes once the frontend answers.
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { execFile } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureSearchAttributes } from '../devtools/temporal-dev-server';
import { ensureRetention } from '../devtools/temporal-namespace';
import { accepts } from '../devtools/port-accepts';
import type { ClusterProcessSpec } from './cluster-group';

const CONFIG_DIR = path.resolve(__dirname, '..', 'config', 'temporal');
export const SERVER_CONFIG = path.join(CONFIG_DIR, 'server.yaml');
const DYNAMIC_CONFIG = path.join(CONFIG_DIR, 'dynamicconfig.yaml');
const SETUP_SCHEMA = path.join(CONFIG_DIR, 'setup-schema.sh');

/** The services, in the order they start (and stop in reverse). */
export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
type Service = (typeof TEMPORAL_SERVICES)[number];

/** Where Temporal's own Postgres is, and as whom the server connects (the env server.yaml reads). */
export interface TemporalPersistence {
  host: string;
  port: number;
  user: string;
  password: string;
}

export type ServicePorts = Record<Service, { grpc: number; membership: number }>;

const NAMESPACE_DEADLINE_MS = 90_000;
const GRPC_ALREADY_EXISTS = 6;

function persistenceEnv(db: TemporalPersistence): NodeJS.ProcessEnv {
  return { POSTGRES_SEEDS: db.host, DB_PORT: String(db.port), POSTGRES_USER: db.user, POSTGRES_PWD: db.password };
}

/** Creates or upgrades the schema with the same script the compose file's admin-tools step runs. */
export async function setupTemporalSchema(sqlTool: string, db: TemporalPersistence, logFile: string): Promise<void> {
  try {
    const { stdout, stderr } = await promisify(execFile)('sh', [SETUP_SCHEMA], {
      env: { ...process.env, ...persistenceEnv(db), SQL_TOOL: sqlTool },
      maxBuffer: 32 * 1024 * 1024,
    });
    await appendFile(logFile, stdout + stderr);
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    await appendFile(logFile, `${failed.stdout ?? ''}${failed.stderr ?? ''}`);
    throw new Error(
      `setting up Temporal's schema failed (see ${logFile}):\n${(failed.stderr ?? '').trim().split('\n').slice(-10).join('\n')}`,
      { cause: error },
    );
  }
}

export function temporalServiceSpecs(options: {
  serverBinary: string;
  db: TemporalPersistence;
  ports: ServicePorts;
  logDir: string;
}): ClusterProcessSpec[] {
  const { ports } = options;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...persistenceEnv(options.db),
    BIND_ON_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    DYNAMIC_CONFIG_FILE_PATH: DYNAMIC_CONFIG,
    ...Object.fromEntries(
      TEMPORAL_SERVICES.flatMap((service) => [
        [`${service.toUpperCase()}_GRPC_PORT`, String(ports[service].grpc)],
        [`${service.toUpperCase()}_MEMBERSHIP_PORT`, String(ports[service].membership)],
      ]),
    ),
  };
  return TEMPORAL_SERVICES.map((service) => ({
    role: `temporal-${service}` as const,
    name: `temporal-${service}`,
    command: options.serverBinary,
    // No authorizer, as on the dev server: the frontend listens on loopback only.
    args: ['--config-file', SERVER_CONFIG, '--allow-no-auth', 'start', '--service', service],
    env,
    logFile: path.join(options.logDir, `temporal-${service}.log`),
    // Listening is all a service can show alone; the namespace step checks they work together.
    ready: () => accepts(ports[service].grpc),
  }));
}

/**
 * Registers the namespace (once) and holdfast's search attributes, retrying while the services
 * are still finding each other (the frontend answers Unavailable until history and matching
 * have joined the ring).
 */
export async function ensureNamespace(address: string, namespace: string, retentionDays: number): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: '5s' });
  try {
    const deadline = Date.now() + NAMESPACE_DEADLINE_MS;
    for (let pause = 100; ; pause = Math.min(pause * 2, 1000)) {
      try {
        await connection.workflowService
          .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`) })
          .catch((error: unknown) => {
            if (!(isGrpcServiceError(error) && error.code === GRPC_ALREADY_EXISTS)) throw error;
          });
        // A namespace an earlier run registered keeps its retention unless told otherwise.
        await ensureRetention(connection, namespace, retentionDays);
        await ensureSearchAttributes(connection, namespace);
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } catch (error) {
        if (Date.now() + pause > deadline) throw new Error(`Temporal at ${address} did not take namespace ${namespace}`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  } finally {
    await connection.close();
  }
}
