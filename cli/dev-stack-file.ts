// `holdfast dev` records where its stack listens in <dataDir>/dev-stack.json, so commands
// run beside it (migrate, merchants, replay) reach the same database and Temporal without
// the developer copying URLs around. The file is removed when dev stops.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config/config';

const devStackSchema = z.object({
  databaseUrl: z.string(),
  /** The owner's URL, for `holdfast migrate`; absent in files written before roles were split. */
  migrationDatabaseUrl: z.string().optional(),
  temporalAddress: z.string(),
  namespace: z.string(),
  apiUrl: z.string(),
  simUrl: z.string().optional(),
  /** Lets readers tell a running stack from the leftovers of one that was killed. */
  pid: z.number().int(),
});

export type DevStackInfo = z.infer<typeof devStackSchema>;

export const devStackFile = (config: Config) => path.join(config.dataDir, 'dev-stack.json');

export async function writeDevStack(config: Config, info: DevStackInfo): Promise<void> {
  await mkdir(config.dataDir, { recursive: true });
  await writeFile(devStackFile(config), `${JSON.stringify(info, null, 2)}\n`);
}

export async function removeDevStack(config: Config): Promise<void> {
  await rm(devStackFile(config), { force: true });
}

/** The running dev stack, or undefined if none is (no file, or its process is gone). */
export async function readDevStack(config: Config): Promise<DevStackInfo | undefined> {
  let text: string;
  try {
    text = await readFile(devStackFile(config), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const info = devStackSchema.parse(JSON.parse(text));
  return isAlive(info.pid) ? info : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, just someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
