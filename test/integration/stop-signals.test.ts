import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IN_OWN_GROUP_FLAG } from '../../cli/own-process-group';
import { accepts } from '../../devtools/port-accepts';
import { devEnvironment, startNpmStart, type DevPorts, type StartedDev } from '../support/dev-command';
import { eventually } from '../support/eventually';
import { processTree, stillRunning, type ProcessInfo } from '../support/process-tree';

const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * `npm start` is a chain of three processes — npm, bin/holdfast.js, and the child it
 * relaunches in its own process group — above Postgres, Temporal, the simulator. A
 * `timeout`, systemd or `docker stop` signals one pid of it, whichever it was given; each
 * must stop the whole stack and free its ports.
 */
describe('stopping `npm start` by signalling one of its processes', function () {
  this.timeout(600_000);
  let dataDir: string;
  let systemDir: string;
  let env: NodeJS.ProcessEnv;
  let ports: DevPorts;
  let dev: StartedDev | undefined;
  let tree: ProcessInfo[] = [];

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'holdfast-stop-test-'));
    // As root, Postgres data out of the postgres user's reach goes under HOLDFAST_SYSTEM_DIR.
    systemDir = await mkdtemp(path.join(tmpdir(), 'holdfast-stop-system-'));
    await chmod(systemDir, 0o755);
    ({ env, ports } = await devEnvironment({ HOLDFAST_DATA_DIR: dataDir, HOLDFAST_SYSTEM_DIR: systemDir }));
  });

  afterEach(() => {
    // A failed case must not leave servers holding the ports of the next one.
    for (const pid of stillRunning(tree.map((p) => p.pid))) process.kill(pid, 'SIGKILL');
    tree = [];
  });

  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(systemDir, { recursive: true, force: true });
  });

  const chain = {
    npm: (processes: ProcessInfo[]) => processes[0],
    'bin/holdfast.js': (processes: ProcessInfo[]) =>
      processes.find((p) => p.command.includes('bin/holdfast.js dev') && !p.command.includes(IN_OWN_GROUP_FLAG)),
    'its relaunched child': (processes: ProcessInfo[]) => processes.find((p) => p.command.includes(IN_OWN_GROUP_FLAG)),
  };

  async function stopsEverything(signalled: string, signal: string): Promise<void> {
    await eventually('every process of the stack to exit', async () => stillRunning(tree.map((p) => p.pid)).length === 0, 120_000).catch(
      (error: Error) => {
        const left = stillRunning(tree.map((p) => p.pid));
        throw new Error(
          `${error.message}; still running:\n${tree
            .filter((p) => left.includes(p.pid))
            .map((p) => p.command)
            .join('\n')}`,
        );
      },
    );
    await dev!.exited;
    for (const [what, port] of Object.entries(ports)) assert.equal(await accepts(port), false, `${what}'s port ${port} is free`);
    assert.match(dev!.output(), new RegExp(`${signal}: stopping`), `a clean stop, in order, after ${signalled}`);
    assert.doesNotMatch(dev!.output(), /without a clean stop|Error/);
  }

  it("a terminal's Ctrl-C — SIGINT to npm's whole group, which npm also passes on — is one clean stop, not a forced one", async () => {
    dev = await startNpmStart(REPO_ROOT, env, ports.api);
    tree = processTree(dev.process.pid!);
    process.kill(-dev.process.pid!, 'SIGINT');
    await stopsEverything("the group's SIGINT", 'SIGINT');
  });

  for (const [name, find] of Object.entries(chain)) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      it(`${signal} to ${name} alone stops everything and frees the ports`, async () => {
        dev = await startNpmStart(REPO_ROOT, env, ports.api);
        tree = processTree(dev.process.pid!);
        assert.ok(
          tree.some((p) => /\/postgres -D/.test(p.command)),
          'Postgres runs under the chain',
        );
        assert.ok(
          tree.some((p) => /temporal server start-dev/.test(p.command)),
          'Temporal runs under the chain',
        );
        const target = find(tree);
        assert.ok(target, `${name} is in the chain:\n${tree.map((p) => p.command).join('\n')}`);

        process.kill(target.pid, signal);
        await stopsEverything(name, signal);
      });
    }
  }
});
