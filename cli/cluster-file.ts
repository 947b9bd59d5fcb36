// `<dataDir>/cluster.json`: where a running `holdfast cluster` listens and which process plays
// which role, so scripts (and the fault tests) can find any part and break it. Rewritten
// whenever a pid changes; removed when the cluster stops. It holds database passwords and the
// control token, so only the data dir's owner may read it.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readStackFile, writeStackFile } from './stack-file';

export const CLUSTER_ROLES = [
  'postgres',
  'temporal-postgres',
  'temporal-history',
  'temporal-matching',
  'temporal-frontend',
  'temporal-worker',
  'temporal-ui',
  'simulator',
  'worker',
  'api',
] as const;
export type ClusterRole = (typeof CLUSTER_ROLES)[number];

const clusterInfoSchema = z.object({
  /** The supervisor: `holdfast cluster` itself. */
  pid: z.number().int(),
  apiUrl: z.string(),
  simUrl: z.string(),
  /** As the app role, like the API and the workers. */
  databaseUrl: z.string(),
  /** As the schema owner: migrations, and checks a test runs over the whole ledger. */
  migrationDatabaseUrl: z.string(),
  temporalAddress: z.string(),
  namespace: z.string(),
  taskQueue: z.string(),
  /** Absent when the Web UI could not be built. */
  uiUrl: z.string().optional(),
  /** `holdfast cluster stop|start <role>` post here (cli/cluster-control.ts). */
  control: z.object({ url: z.string(), token: z.string() }),
  /** The running processes; a held role's, or one waiting to be restarted, are absent. */
  processes: z.array(z.object({ role: z.enum(CLUSTER_ROLES), name: z.string(), pid: z.number().int() })),
  /** Roles held down by `holdfast cluster stop <role>`. */
  held: z.array(z.enum(CLUSTER_ROLES)),
  /** Every port the cluster listens on, by what listens there. */
  ports: z.record(z.string(), z.number().int()),
});

export type ClusterInfo = z.infer<typeof clusterInfoSchema>;

export const clusterFile = (dataDir: string) => path.join(dataDir, 'cluster.json');

export function writeClusterInfo(dataDir: string, info: ClusterInfo): Promise<void> {
  return writeStackFile(clusterFile(dataDir), info);
}

export async function removeClusterInfo(dataDir: string): Promise<void> {
  await rm(clusterFile(dataDir), { force: true });
}

/** The cluster running on this data dir, or undefined (no file, or its supervisor is gone). */
export function readClusterInfo(dataDir: string): Promise<ClusterInfo | undefined> {
  return readStackFile(clusterFile(dataDir), clusterInfoSchema);
}
