// stripe-mock (Stripe's own mock server: it validates requests against Stripe's OpenAPI spec
// and answers with fixture objects) for the adapter's conformance test. Installed on first
// use with `go install` into the project-local, git-ignored .tools/go/bin.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';
import { accepts } from './port-accepts';

const MODULE = 'github.com/stripe/stripe-mock';
/** Pinned: its bundled OpenAPI spec is what the conformance test checks our requests against. */
const VERSION = 'v0.203.0';
const TOOLS_BIN = resolve(__dirname, '..', '.tools', 'go', 'bin');
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const STARTUP_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 50;

export interface StripeMockOptions {
  /** An existing stripe-mock binary; skips the install. */
  binaryPath?: string;
}

export interface RunningStripeMock {
  url: string;
  stop(): Promise<void>;
}

let installing: Promise<string> | undefined;

/** The path of a stripe-mock binary, installing the pinned version the first time. */
export function ensureStripeMock(options: StripeMockOptions = { binaryPath: process.env.STRIPE_MOCK_PATH }): Promise<string> {
  if (options.binaryPath) return Promise.resolve(options.binaryPath);
  installing ??= installPinned().catch((error: unknown) => {
    installing = undefined;
    throw error;
  });
  return installing;
}

/** Starts stripe-mock on a free port of 127.0.0.1 and resolves once it accepts connections. */
export async function startStripeMock(options?: StripeMockOptions): Promise<RunningStripeMock> {
  const binary = await ensureStripeMock(options);
  const port = await freePort();
  const child = spawn(binary, ['-http-addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keepOutput = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keepOutput);
  child.stderr.on('data', keepOutput);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const running = () => spawnError === undefined && child.exitCode === null && child.signalCode === null;

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!(await accepts(port))) {
    if (!running() || Date.now() > deadline) {
      child.kill();
      throw new Error(`stripe-mock (${binary}) did not start on port ${port}: ${spawnError?.message ?? ''}\n${output}`);
    }
    await delay(POLL_INTERVAL_MS);
  }

  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (running()) child.kill();
      await exited;
    },
  };
}

async function installPinned(): Promise<string> {
  const binary = join(TOOLS_BIN, process.platform === 'win32' ? 'stripe-mock.exe' : 'stripe-mock');
  // go install cannot tell us which version a binary is, so the install leaves a note.
  const versionNote = join(TOOLS_BIN, 'stripe-mock.version');
  if (existsSync(binary) && existsSync(versionNote) && readFileSync(versionNote, 'utf8').trim() === VERSION) {
    return binary;
  }
  await new Promise<void>((resolveInstall, reject) => {
    execFile(
      'go',
      ['install', `${MODULE}@${VERSION}`],
      { env: { ...process.env, GOBIN: TOOLS_BIN }, timeout: INSTALL_TIMEOUT_MS },
      (error, _stdout, stderr) => {
        if (!error) return resolveInstall();
        const hint = (error as NodeJS.ErrnoException).code === 'ENOENT' ? ' (is Go installed? or set STRIPE_MOCK_PATH)' : '';
        reject(new Error(`go install ${MODULE}@${VERSION} failed${hint}: ${stderr || error.message}`, { cause: error }));
      },
    );
  });
  writeFileSync(versionNote, `${VERSION}\n`);
  return binary;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}
