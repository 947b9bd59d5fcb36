import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { freePort } from '../../devtools/free-port';
import { ensureTemporalCli } from '../../devtools/temporal-tools';
import { eventually } from '../support/eventually';
import { apiClient } from '../support/http';

const HOLDFAST = path.resolve(__dirname, '../../bin/holdfast.js');

/** `holdfast dev` — what `npm start` runs — as a person would run it, on free ports. */
describe('holdfast dev', function () {
  this.timeout(300_000);
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let dev: ChildProcess | undefined;
  let output = '';

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'holdfast-dev-test-'));
    // mkdtemp makes it 0700; as root, Postgres runs as the `postgres` user and must get in.
    await chmod(dataDir, 0o755);
    const ports = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
    env = {
      ...process.env,
      HOLDFAST_DATA_DIR: dataDir,
      PORT: String(ports[0]),
      TEMPORAL_PORT: String(ports[1]),
      TEMPORAL_UI_PORT: String(ports[2]),
      SIM_PORT: String(ports[3]),
      SIM_STRIPE_PORT: String(ports[5]),
      SIM_ADYEN_PORT: String(ports[6]),
      HOLDFAST_PG_PORT: String(ports[4]),
      LOG_LEVEL: 'warn',
    };
    for (const unset of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'STRIPE_SECRET_KEY', 'ADYEN_API_KEY']) delete env[unset];
  });

  after(async () => {
    await stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const apiUrl = () => `http://127.0.0.1:${env.PORT}`;

  async function retentionDays(): Promise<number> {
    const connection = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` });
    try {
      const { config } = await connection.workflowService.describeNamespace({ namespace: 'default' });
      return Number(config?.workflowExecutionRetentionTtl?.seconds) / 86_400;
    } finally {
      await connection.close();
    }
  }

  async function start(): Promise<void> {
    output = '';
    dev = spawn(process.execPath, [HOLDFAST, 'dev'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    dev.stdout!.on('data', (chunk) => (output += chunk));
    dev.stderr!.on('data', (chunk) => (output += chunk));
    await eventually(
      'holdfast dev to be ready',
      async () => {
        if (dev!.exitCode !== null) throw new Error(`holdfast dev exited ${dev!.exitCode}:\n${output}`);
        // The API answers before the CLI has written dev-stack.json and printed its URLs, and
        // the test uses both: ready means the banner too.
        if (!output.includes('Press Ctrl-C to stop.')) return false;
        const ready = await fetch(`${apiUrl()}/readyz`).catch(() => undefined);
        return ready?.status === 200;
      },
      240_000,
    );
  }

  async function stop(): Promise<number | null> {
    if (!dev || dev.exitCode !== null) return dev?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => dev!.once('exit', (code) => resolve(code)));
    dev.kill('SIGINT');
    return exited;
  }

  it('starts everything, prints its URLs, and keeps payments and their workflows across a restart', async () => {
    await start();
    assert.match(output, new RegExp(`API\\s+http://127.0.0.1:${env.PORT}`));
    assert.match(output, new RegExp(`Temporal UI\\s+http://127.0.0.1:${env.TEMPORAL_UI_PORT}`));
    assert.match(output, new RegExp(`PSP simulator\\s+http://127.0.0.1:${env.SIM_PORT}`));
    const ui = await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/`);
    assert.equal(ui.status, 200);
    assert.equal(await retentionDays(), 30, 'the namespace keeps closed histories as TEMPORAL_RETENTION_DAYS says');
    // The compose file's namespace step, run for real against this server: it updates an existing namespace.
    await promisify(execFile)('sh', [path.resolve(__dirname, '../../config/temporal/setup-namespace.sh')], {
      env: {
        ...env,
        PATH: `${path.dirname(await ensureTemporalCli())}:${env.PATH}`,
        TEMPORAL_ADDRESS: `127.0.0.1:${env.TEMPORAL_PORT}`,
        TEMPORAL_RETENTION_DAYS: '7',
      },
    });
    assert.equal(await retentionDays(), 7);

    // Run with the same environment, the CLI finds the running stack's database.
    const { stdout } = await promisify(execFile)(process.execPath, [HOLDFAST, 'merchants', 'create', '--name', 'Dev'], { env });
    const merchant = JSON.parse(stdout.trim());
    assert.match(merchant.id, /^mer_/);
    // And `holdfast migrate` its owner's URL: the API and worker only get the app role's.
    await promisify(execFile)(process.execPath, [HOLDFAST, 'migrate'], { env });
    assert.equal((await stat(path.join(dataDir, 'dev-stack.json'))).mode & 0o777, 0o600, 'its database URLs hold passwords');
    const rolesFile = path.join(dataDir, 'postgres', 'holdfast-roles.json');
    assert.equal((await stat(rolesFile)).mode & 0o777, 0o600, "the roles' passwords are for the data dir's owner only");
    const logs = output + (await readFile(path.join(dataDir, 'postgres.log'), 'utf8'));
    for (const password of Object.values<string>(JSON.parse(await readFile(rolesFile, 'utf8')))) {
      assert.ok(password.length >= 32 && !logs.includes(password), 'random, and never printed or logged');
    }
    const api = apiClient(apiUrl(), merchant.api_key);
    const created = await api.post('/v1/payments', {
      amount: 1500,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      capture_method: 'manual',
    });
    assert.equal(created.body.status, 'authorized');

    assert.notEqual(await stop(), null, 'Ctrl-C stops it');
    await start();

    const again = await api.get(`/v1/payments/${created.body.id}`);
    assert.deepEqual(again.body, created.body);
    const captured = await api.post(`/v1/payments/${created.body.id}/capture`, { amount: 1000 });
    assert.equal(captured.status, 200, JSON.stringify(captured.body));
    assert.equal(captured.body.amount_captured, 1000);
    const balance = await api.get('/v1/balance');
    assert.deepEqual(balance.body.pending, [{ amount: 1000, currency: 'eur' }]);
  });
});
