// Where a cluster's data lives. The requested directory when the user Postgres runs as can
// reach it — always, unless running as root. As root under a directory the `postgres` user
// cannot enter (root's 0700 home), the data goes to <systemDir>/data/<hash of the requested
// path>, and the requested path becomes a symlink to it, so the next run, and a person
// looking, find it there.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync } from 'node:fs';
import { mkdir, readdir, readlink, realpath, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { SetupError } from '../cli/errors';
import { canEnter, systemDir, type RunAs } from './postgres-runtime';

export interface PlacedDataDir {
  /** What Postgres is given. */
  path: string;
  /** Set when the data was placed away from the requested path. */
  relocatedFrom?: string;
  /** Deletes the data, and the link to it if there is one. */
  remove(): Promise<void>;
}

export async function placeDataDir(requested: string, runAs: RunAs | undefined): Promise<PlacedDataDir> {
  const wanted = path.resolve(requested);
  const linked = isSymlink(wanted) ? path.resolve(path.dirname(wanted), await readlink(wanted)) : undefined;
  if (linked) return relocated(wanted, linked);
  await mkdir(path.dirname(wanted), { recursive: true });
  if (!runAs || canEnter(path.dirname(wanted), runAs)) {
    return { path: wanted, remove: () => rm(wanted, { recursive: true, force: true }) };
  }
  // An empty directory is what an earlier run that failed on this very problem left behind.
  if (existsSync(wanted) && (await readdir(wanted)).length > 0) {
    throw new SetupError(
      `${wanted} holds Postgres data the postgres user cannot reach (root's Postgres runs as that user): ` +
        `move it to a directory all users can enter and set HOLDFAST_DATA_DIR, or make its parents enterable (chmod o+x)`,
    );
  }
  const key = createHash('sha256')
    .update(await realpath(path.dirname(wanted)))
    .update(`/${path.basename(wanted)}`)
    .digest('hex');
  const target = path.join(systemDir(), 'data', key.slice(0, 16));
  try {
    await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
  } catch (error) {
    throw new SetupError(
      `the postgres user cannot reach ${wanted} and ${path.dirname(target)} cannot be created ` +
        `(${(error as Error).message}): set HOLDFAST_DATA_DIR to a directory all users can enter`,
    );
  }
  await rm(wanted, { recursive: true, force: true });
  await symlink(target, wanted, 'dir');
  return relocated(wanted, target);
}

function relocated(link: string, target: string): PlacedDataDir {
  return {
    path: target,
    relocatedFrom: link,
    async remove() {
      await rm(target, { recursive: true, force: true });
      await rm(link, { force: true });
    },
  };
}

function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
