// `holdfast cluster [--workers N] [--no-ui]` runs the production-shaped stack (cli/cluster-run.ts);
// `holdfast cluster stop <role>` / `start <role>` hold a role of the running one down and bring
// it back, through its control endpoint (cli/cluster-control.ts).
import { parseArgs } from 'node:util';
import type { Config } from '../config/config';
import { requestRoleAction } from './cluster-control';
import { CLUSTER_ROLES, clusterFile, readClusterInfo } from './cluster-file';
import { runCluster } from './cluster-run';
import { SetupError, UsageError } from './errors';

export async function run(args: string[], config: Config): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'stop' || action === 'start') return control(action, rest, config);
  const { values, positionals } = parseArgs({
    args,
    options: { workers: { type: 'string', default: '2' }, 'no-ui': { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`unknown action "${positionals[0]}" (stop <role> or start <role>)`);
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 16) throw new UsageError('--workers must be a whole number from 1 to 16');
  return runCluster(config, { workers, ui: !values['no-ui'] });
}

async function control(action: 'stop' | 'start', args: string[], config: Config): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
  const [role] = positionals;
  if (positionals.length !== 1 || !(CLUSTER_ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`${action} takes one role: ${CLUSTER_ROLES.join(', ')}`);
  }
  const info = await readClusterInfo(config.dataDir);
  if (!info) throw new SetupError(`no holdfast cluster is running on ${config.dataDir} (no live ${clusterFile(config.dataDir)})`);
  await requestRoleAction(info, role, action);
  console.error(`holdfast cluster: ${role} ${action === 'stop' ? 'held down' : 'running again'}`);
  return 0;
}
