// The processes `holdfast cluster` runs besides Postgres and Temporal: the PSP simulator,
// `holdfast worker` ×N, one `holdfast api`, and the Temporal Web UI. The API and the workers
// are the deployed commands, configured through their environment alone — the simulator's
// URLs and keys reach them as STRIPE_*/ADYEN_*/RISK_URL/ACQUIRER_URL, as a real PSP's would —
// so nothing they load comes from sim/.
import type { Client } from '@temporalio/client';
import path from 'node:path';
import type { PspWiring } from '../psp/wiring';
import type { Config } from '../config/config';
import { simulatorWiring, type SimulatorEndpoints } from '../sim/wiring';
import { accepts } from '../devtools/port-accepts';
import { answers, pollsTaskQueue } from './cluster-probes';
import type { ClusterProcessSpec } from './cluster-group';

const REPO_ROOT = path.resolve(__dirname, '..');
const HOLDFAST = path.join(REPO_ROOT, 'bin', 'holdfast.js');
const SIMULATOR = path.join(REPO_ROOT, 'sim', 'main.ts');
const UI_CONFIG_DIR = path.join(REPO_ROOT, 'config', 'temporal', 'ui');

export interface SimulatorPorts {
  control: number;
  stripe: number;
  adyen: number;
}

export const simulatorEndpoints = (ports: SimulatorPorts): SimulatorEndpoints => ({
  url: `http://127.0.0.1:${ports.control}`,
  stripeUrl: `http://127.0.0.1:${ports.stripe}`,
  adyenUrl: `http://127.0.0.1:${ports.adyen}`,
});

export function simulatorSpec(options: { ports: SimulatorPorts; apiUrl: string; stateFile: string; logDir: string }): ClusterProcessSpec {
  const { ports } = options;
  return {
    role: 'simulator',
    name: 'simulator',
    command: process.execPath,
    args: ['--import', 'tsx', SIMULATOR],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(ports.control),
      STRIPE_PORT: String(ports.stripe),
      ADYEN_PORT: String(ports.adyen),
      // Its payments outlive a restart of the simulator, as a PSP's do.
      STATE_FILE: options.stateFile,
      WEBHOOK_TARGET: options.apiUrl,
    },
    logFile: path.join(options.logDir, 'simulator.log'),
    ready: async () => (await answers(simulatorEndpoints(ports).url)) && (await accepts(ports.stripe)) && (await accepts(ports.adyen)),
  };
}

/** What the API and each worker are told: the cluster's database and Temporal, and the PSPs. */
export function holdfastEnv(
  config: Config,
  options: {
    databaseUrl: string;
    temporalAddress: string;
    simulator: SimulatorEndpoints;
    /** The cluster's Web UI, whose pages call the codec endpoint. */ uiOrigin?: string;
  },
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_NAMESPACE: config.temporal.namespace,
    TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
    HOST: config.host,
    PORT: String(config.port),
    // Each worker would bind the same metrics port; scraping a cluster's workers is not ours here.
    WORKER_METRICS_PORT: undefined,
    // The app role only: the owner's URL stays with the cluster, which ran the migrations.
    MIGRATION_DATABASE_URL: undefined,
    TEMPORAL_UI_ORIGIN: [...config.temporal.uiOrigins, ...(options.uiOrigin ? [options.uiOrigin] : [])].join(',') || undefined,
    // Every process seals and opens with the same keyring, so each gets the same master key.
    HOLDFAST_MASTER_KEY: config.encryption.masterKey,
    HOLDFAST_MASTER_KEY_FILE: config.encryption.masterKeyFile,
    ...wiringEnv(simulatorWiring(config, options.simulator)),
  };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}

/** A PSP wiring as the variables config/config.ts reads it from (unset ones removed). */
function wiringEnv(wiring: PspWiring): NodeJS.ProcessEnv {
  return {
    STRIPE_SECRET_KEY: wiring.stripe?.secretKey,
    STRIPE_API_BASE: wiring.stripe?.baseUrl,
    STRIPE_WEBHOOK_SECRET: wiring.stripe?.webhookSecret,
    ADYEN_API_KEY: wiring.adyen?.apiKey,
    ADYEN_MERCHANT_ACCOUNT: wiring.adyen?.merchantAccount,
    ADYEN_ENVIRONMENT: wiring.adyen?.environment,
    ADYEN_LIVE_URL_PREFIX: wiring.adyen?.liveUrlPrefix,
    ADYEN_API_BASE: wiring.adyen?.baseUrl,
    ADYEN_HMAC_KEY: wiring.adyen?.hmacKey,
    RISK_URL: wiring.riskUrl,
    ACQUIRER_URL: wiring.acquirerUrl,
  };
}

export function workerSpecs(options: {
  count: number;
  env: NodeJS.ProcessEnv;
  temporal: Client;
  taskQueue: string;
  logDir: string;
}): ClusterProcessSpec[] {
  return Array.from({ length: options.count }, (_, index) => ({
    role: 'worker',
    name: `worker-${index + 1}`,
    command: process.execPath,
    args: [HOLDFAST, 'worker'],
    env: options.env,
    logFile: path.join(options.logDir, `worker-${index + 1}.log`),
    // Ready once this very process polls, not merely some worker.
    ready: (pid) => pollsTaskQueue(options.temporal, options.taskQueue, pid),
  }));
}

export function apiSpec(options: { env: NodeJS.ProcessEnv; apiUrl: string; logDir: string }): ClusterProcessSpec {
  return {
    role: 'api',
    name: 'api',
    command: process.execPath,
    args: [HOLDFAST, 'api'],
    env: options.env,
    logFile: path.join(options.logDir, 'api.log'),
    // Postgres and Temporal reachable, and a worker polling.
    ready: () => answers(`${options.apiUrl}/readyz`, [200]),
  };
}

export function uiSpec(options: {
  binary: string;
  temporalAddress: string;
  namespace: string;
  port: number;
  codecEndpoint: string;
  logDir: string;
}): ClusterProcessSpec {
  return {
    role: 'temporal-ui',
    name: 'temporal-ui',
    command: options.binary,
    // The config dir is absolute; the UI server joins it to --root.
    args: ['--root', '/', '--config', UI_CONFIG_DIR, '--env', 'cluster', 'start'],
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: options.temporalAddress,
      TEMPORAL_UI_PORT: String(options.port),
      TEMPORAL_DEFAULT_NAMESPACE: options.namespace,
      TEMPORAL_CODEC_ENDPOINT: options.codecEndpoint,
    },
    logFile: path.join(options.logDir, 'temporal-ui.log'),
    ready: () => answers(`http://127.0.0.1:${options.port}/`, [200]),
  };
}
