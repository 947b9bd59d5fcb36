// `holdfast dev` records where its stack listens in <dataDir>/dev-stack.json, so commands
// run beside it (migrate, merchants, replay) reach the same database and Temporal without
// the developer copying URLs around. The file is removed when dev stops.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config/config';
import { readStackFile, writeStackFile } from './stack-file';

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

export function writeDevStack(config: Config, info: DevStackInfo): Promise<void> {
  return writeStackFile(devStackFile(config), info);
}

export async function removeDevStack(config: Config): Promise<void> {
  await rm(devStackFile(config), { force: true });
}

/** The running dev stack, or undefined if none is (no file, or its process is gone). */
export function readDevStack(config: Config): Promise<DevStackInfo | undefined> {
  return readStackFile(devStackFile(config), devStackSchema);
}
