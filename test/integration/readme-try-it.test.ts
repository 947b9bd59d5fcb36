import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { devEnvironment, startNpmStart, type StartedDev } from '../support/dev-command';
import { processTree, stillRunning } from '../support/process-tree';
import { readmeSteps, showsSample, type ReadmeStep } from '../support/readme-steps';

const REPO_ROOT = path.resolve(__dirname, '../..');
/** How long a read that follows something asynchronous (a reconciliation, a PSP webhook) is asked again. */
const SETTLE_MS = 60_000;
const ASK_AGAIN_MS = 200;

/**
 * The README's "Try it", run top to bottom as a newcomer would paste it into a second
 * terminal beside `npm start`: one shell, so its variables carry from step to step, and each
 * step's printed output must show the sample under it.
 */
describe("the README's Try it, as written", function () {
  this.timeout(900_000);
  let dataDir: string;
  let dev: StartedDev;
  let shell: Shell;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'holdfast-readme-'));
    const { env, ports } = await devEnvironment({ HOLDFAST_DATA_DIR: dataDir });
    dev = await startNpmStart(REPO_ROOT, env, ports.api);
    shell = new Shell(env);
  });

  after(async () => {
    shell?.close();
    if (dev) {
      const tree = processTree(dev.process.pid!);
      dev.process.kill('SIGTERM');
      await dev.exited;
      for (const pid of stillRunning(tree.map((p) => p.pid))) process.kill(pid, 'SIGKILL');
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('every command runs, and prints what the README shows under it', async () => {
    const steps = readmeSteps(await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8'), 'Try it');
    assert.ok(steps.length >= 20, `found ${steps.length} steps`);
    for (const step of steps) {
      const output = await runUntilShown(shell, step);
      assert.ok(
        showsSample(output, step.expected),
        `\n$ ${step.command}\nprinted:\n${output}\nbut the README shows:\n${step.expected.join('\n')}`,
      );
      assert.doesNotMatch(output, /"error"|holdfast \w+: /, `\n$ ${step.command}\nfailed:\n${output}`);
    }
  });
});

/**
 * A step that only reads (curl without a body) may follow work that finishes in the
 * background; it is asked again until it shows its sample. Anything else runs once.
 */
async function runUntilShown(shell: Shell, step: ReadmeStep): Promise<string> {
  const readOnly = /^curl -s /.test(step.command) && !/ -d /.test(step.command);
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    const output = await shell.run(step.command);
    if (!readOnly || showsSample(output, step.expected) || Date.now() > deadline) return output;
    await new Promise((resolve) => setTimeout(resolve, ASK_AGAIN_MS));
  }
}

/** One bash, fed command by command; each answer ends at a marker line that carries no output of its own. */
class Shell {
  private readonly bash: ChildProcessWithoutNullStreams;
  private buffer = '';

  constructor(env: NodeJS.ProcessEnv) {
    this.bash = spawn('bash', ['--noprofile', '--norc'], { cwd: REPO_ROOT, env });
    this.bash.stdout.on('data', (chunk: Buffer) => (this.buffer += chunk.toString('utf8')));
    this.bash.stdin.write('exec 2>&1\n');
  }

  run(command: string): Promise<string> {
    const marker = `@@done-${randomUUID()}@@`;
    // printf '\n' first: curl's answers end without a newline.
    this.bash.stdin.write(`${command}\nprintf '\\n%s\\n' '${marker}'\n`);
    return new Promise((resolve, reject) => {
      const poll = setInterval(() => {
        const at = this.buffer.indexOf(`${marker}\n`);
        if (at >= 0) {
          clearInterval(poll);
          const output = this.buffer.slice(0, at).replace(/\n$/, '');
          this.buffer = this.buffer.slice(at + marker.length + 1);
          resolve(output);
        } else if (this.bash.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(`the shell exited:\n${this.buffer}`));
        }
      }, 20);
    });
  }

  close(): void {
    this.bash.stdin.end();
    this.bash.kill();
  }
}
