import { Client, Connection } from '@temporalio/client';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../devtools/free-port';
import { ensureTemporalServer, ensureTemporalUiServer } from '../../devtools/temporal-server';
import type { ClusterInfo } from '../../cli/cluster-file';
import { pollsTaskQueue } from '../../cli/cluster-probes';
import { eventually } from '../support/eventually';
import { apiClient } from '../support/http';

const HOLDFAST = path.resolve(__dirname, '../../bin/holdfast.js');
/** The first run on a machine builds the Temporal server and Web UI from source: minutes. */
const BUILD_TIMEOUT_MS = 30 * 60_000;
const START_TIMEOUT_MS = 240_000;

/** `holdfast cluster --workers 2`, run as a person (or CI) would, on a fresh data dir and free ports. */
describe('holdfast cluster', function () {
  this.timeout(120_000);
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let cluster: ChildProcess | undefined;
  let output = '';

  const readInfo = async (): Promise<ClusterInfo | undefined> => {
    try {
      return JSON.parse(await readFile(path.join(dataDir, 'cluster.json'), 'utf8')) as ClusterInfo;
    } catch {
      return undefined; // not written yet, or gone
    }
  };
  const pidsOf = (info: ClusterInfo, role: string) => info.processes.filter((p) => p.role === role).map((p) => p.pid);
  const holdfast = (...args: string[]) => promisify(execFile)(process.execPath, [HOLDFAST, ...args], { env });

  before(async function () {
    this.timeout(BUILD_TIMEOUT_MS);
    const progress = (line: string) => console.error(`      ${line}`);
    const started = Date.now();
    await ensureTemporalServer(progress);
    await ensureTemporalUiServer(progress);
    progress(`Temporal server and Web UI binaries ready (${Math.round((Date.now() - started) / 1000)} s)`);

    dataDir = await mkdtemp(path.join(tmpdir(), 'holdfast-cluster-test-'));
    // mkdtemp makes it 0700; as root, Postgres runs as the `postgres` user and must get in.
    await chmod(dataDir, 0o755);
    const [api, temporal, ui, sim, simStripe, simAdyen, pg] = await Promise.all(Array.from({ length: 7 }, () => freePort()));
    env = {
      ...process.env,
      HOLDFAST_DATA_DIR: dataDir,
      PORT: String(api),
      TEMPORAL_PORT: String(temporal),
      TEMPORAL_UI_PORT: String(ui),
      SIM_PORT: String(sim),
      SIM_STRIPE_PORT: String(simStripe),
      SIM_ADYEN_PORT: String(simAdyen),
      HOLDFAST_PG_PORT: String(pg),
      LOG_LEVEL: 'warn',
    };
    for (const unset of ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'TEMPORAL_ADDRESS', 'STRIPE_SECRET_KEY', 'ADYEN_API_KEY'])
      delete env[unset];

    const starting = Date.now();
    cluster = spawn(process.execPath, [HOLDFAST, 'cluster', '--workers', '2'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      output += chunk;
      // The cluster says what it is starting; a slow CI run shows where the time goes.
      for (const line of chunk.toString().split('\n')) if (line.startsWith('cluster: ')) progress(line);
    };
    cluster.stdout!.on('data', keep);
    cluster.stderr!.on('data', keep);
    await eventually(
      'holdfast cluster to be running',
      async () => {
        if (cluster!.exitCode !== null) throw new Error(`holdfast cluster exited ${cluster!.exitCode}:\n${output}`);
        return output.includes('Press Ctrl-C to stop.') && (await readInfo());
      },
      START_TIMEOUT_MS,
    );
    progress(`cluster up in ${Math.round((Date.now() - starting) / 1000)} s`);
  });

  after(async () => {
    if (cluster && cluster.exitCode === null) {
      const exited = new Promise((resolve) => cluster!.once('exit', resolve));
      cluster.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs every role as a process of its own and says where in cluster.json', async () => {
    const info = (await readInfo())!;
    const roles = info.processes.map((p) => p.role).sort();
    assert.deepEqual(roles, [
      'api',
      'postgres',
      'simulator',
      'temporal-frontend',
      'temporal-history',
      'temporal-matching',
      'temporal-postgres',
      'temporal-ui',
      'temporal-worker',
      'worker',
      'worker',
    ]);
    const pids = info.processes.map((p) => p.pid);
    assert.equal(new Set(pids).size, pids.length, 'one process per entry');
    for (const pid of pids) assert.ok(isAlive(pid), `pid ${pid} runs`);
    assert.equal((await stat(path.join(dataDir, 'cluster.json'))).mode & 0o777, 0o600, 'it holds passwords and the control token');
    assert.equal(info.apiUrl, `http://127.0.0.1:${env.PORT}`);
    assert.equal(info.temporalAddress, `127.0.0.1:${env.TEMPORAL_PORT}`);
    assert.equal(info.simUrl, `http://127.0.0.1:${env.SIM_PORT}`);
    const ui = await fetch(info.uiUrl!);
    assert.equal(ui.status, 200, 'the Web UI answers');
    await ui.body?.cancel();
  });

  it('takes a payment through the API to captured (automatic capture: its success)', async () => {
    const info = (await readInfo())!;
    const { stdout } = await promisify(execFile)(process.execPath, [HOLDFAST, 'merchants', 'create', '--name', 'Cluster'], {
      env: { ...env, DATABASE_URL: info.databaseUrl },
    });
    const merchant = JSON.parse(stdout.trim()) as { api_key: string };
    const api = apiClient(info.apiUrl, merchant.api_key);
    const created = await api.post('/v1/payments', { amount: 2500, currency: 'usd', payment_method: 'pm_card_visa' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await eventually('the payment to be captured', async () => {
      const payment = await api.get(`/v1/payments/${created.body.id}`);
      return payment.body.status === 'captured';
    });
  });

  it('restarts a worker that was SIGKILLed, and cluster.json names its new pid', async () => {
    const before = (await readInfo())!;
    const [victim] = pidsOf(before, 'worker');
    process.kill(victim, 'SIGKILL');
    const after = await eventually('a new worker in cluster.json', async () => {
      const info = await readInfo();
      const workers = info ? pidsOf(info, 'worker') : [];
      return workers.length === 2 && !workers.includes(victim) && info;
    });
    assert.ok(!isAlive(victim));
    const [restarted] = pidsOf(after, 'worker').filter((pid) => !pidsOf(before, 'worker').includes(pid));
    // A worker, not just a process: it polls the payment task queue again.
    const connection = await Connection.connect({ address: after.temporalAddress });
    try {
      const temporal = new Client({ connection, namespace: after.namespace });
      await eventually('the restarted worker to poll', () => pollsTaskQueue(temporal, after.taskQueue, restarted), 60_000);
    } finally {
      await connection.close();
    }
  });

  it('holds the workers down with `cluster stop worker` and brings them back with `cluster start worker`', async () => {
    const running = pidsOf((await readInfo())!, 'worker');
    await holdfast('cluster', 'stop', 'worker');
    const held = (await readInfo())!;
    assert.deepEqual(pidsOf(held, 'worker'), []);
    assert.deepEqual(held.held, ['worker']);
    for (const pid of running) assert.ok(!isAlive(pid), `worker ${pid} stopped`);

    await holdfast('cluster', 'start', 'worker');
    const back = (await readInfo())!;
    const workers = pidsOf(back, 'worker');
    assert.equal(workers.length, 2);
    assert.deepEqual(back.held, []);
    for (const pid of workers) assert.ok(isAlive(pid) && !running.includes(pid), `worker ${pid} is a new process`);
    // `start` answers once they poll again: the API is ready at once.
    assert.equal((await fetch(`${back.apiUrl}/readyz`)).status, 200);
  });

  it('stops every process and frees every port on SIGTERM', async function () {
    this.timeout(180_000);
    const info = (await readInfo())!;
    const exited = new Promise<number | null>((resolve) => cluster!.once('exit', (code) => resolve(code)));
    cluster!.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.ok(!isAlive(info.pid), 'the supervisor is gone');
    for (const { role, pid } of info.processes) assert.ok(!isAlive(pid), `${role} (pid ${pid}) is gone`);
    for (const [name, port] of Object.entries(info.ports)) assert.ok(await isFree(port), `${name} port ${port} is free`);
    assert.equal(await readInfo(), undefined, 'cluster.json is removed');
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
