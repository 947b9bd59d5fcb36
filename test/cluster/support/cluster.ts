// `holdfast cluster` for the fault suite: started as a person would (the CLI, a fresh data dir,
// free ports), read through its cluster.json, and hurt through what an operator has — signals to
// the pids it lists and `cluster stop|start <role>` over its control endpoint.
import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ClusterInfo } from '../../../cli/cluster-file';
import { requestRoleAction } from '../../../cli/cluster-control';
import { freePort } from '../../../devtools/free-port';
import { ensureTemporalServer } from '../../../devtools/temporal-server';
import { eventually } from '../../support/eventually';

const HOLDFAST = path.resolve(__dirname, '../../../bin/holdfast.js');
const START_TIMEOUT_MS = 240_000;

export interface RunningCluster {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  info(): Promise<ClusterInfo>;
  pidsOf(role: string): Promise<number[]>;
  /** `holdfast cluster stop|start <role>`: held down until started; start answers once ready. */
  role(role: string, action: 'stop' | 'start'): Promise<void>;
  /** A new merchant made with `holdfast merchants create`: its API key. */
  merchant(name: string): Promise<{ id: string; apiKey: string }>;
  /** Stops the cluster; its data dir (logs, databases) is removed unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export async function startCluster(
  workers: number,
  progress: (line: string) => void,
  settings: Record<string, string> = {},
): Promise<RunningCluster> {
  const built = Date.now();
  await ensureTemporalServer(progress);
  progress(`Temporal server binaries ready (${Math.round((Date.now() - built) / 1000)} s)`);

  const dataDir = await mkdtemp(path.join(tmpdir(), 'holdfast-faults-'));
  // mkdtemp makes it 0700; as root, Postgres runs as the `postgres` user and must get in.
  await chmod(dataDir, 0o755);
  const [api, temporal, sim, simStripe, simAdyen, pg] = await Promise.all(Array.from({ length: 6 }, () => freePort()));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOLDFAST_DATA_DIR: dataDir,
    PORT: String(api),
    TEMPORAL_PORT: String(temporal),
    SIM_PORT: String(sim),
    SIM_STRIPE_PORT: String(simStripe),
    SIM_ADYEN_PORT: String(simAdyen),
    HOLDFAST_PG_PORT: String(pg),
    LOG_LEVEL: 'warn',
    ...settings,
  };
  for (const unset of ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'TEMPORAL_ADDRESS', 'STRIPE_SECRET_KEY', 'ADYEN_API_KEY'])
    delete env[unset];

  const started = Date.now();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [HOLDFAST, 'cluster', '--workers', String(workers), '--no-ui'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output += chunk;
    for (const line of chunk.toString().split('\n')) if (line.startsWith('cluster: ')) progress(line);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  const readInfo = async (): Promise<ClusterInfo | undefined> => {
    try {
      return JSON.parse(await readFile(path.join(dataDir, 'cluster.json'), 'utf8')) as ClusterInfo;
    } catch {
      return undefined; // not written yet, or being replaced
    }
  };
  await eventually(
    'holdfast cluster to be running',
    async () => {
      if (child.exitCode !== null) throw new Error(`holdfast cluster exited ${child.exitCode}:\n${output.slice(-4000)}`);
      return output.includes('Press Ctrl-C to stop.') && (await readInfo());
    },
    START_TIMEOUT_MS,
  );
  progress(`cluster up in ${Math.round((Date.now() - started) / 1000)} s`);

  const info = async () => eventually('cluster.json', readInfo, 5_000);
  return {
    dataDir,
    env,
    info,
    async pidsOf(role) {
      return (await info()).processes.filter((p) => p.role === role).map((p) => p.pid);
    },
    async role(role, action) {
      await requestRoleAction(await info(), role, action);
    },
    async merchant(name) {
      const { databaseUrl } = await info();
      const { stdout } = await promisify(execFile)(process.execPath, [HOLDFAST, 'merchants', 'create', '--name', name], {
        env: { ...env, DATABASE_URL: databaseUrl },
      });
      const created = JSON.parse(stdout.trim()) as { id: string; api_key: string };
      return { id: created.id, apiKey: created.api_key };
    },
    async stop(options = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (options.keepData) progress(`kept for a look: ${dataDir} (logs in cluster/logs/)`);
      else await rm(dataDir, { recursive: true, force: true });
    },
  };
}
