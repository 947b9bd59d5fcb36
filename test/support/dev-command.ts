// `npm start` as a person runs it, on free ports, for the tests of what it does from the
// outside: where it can start, and how it stops.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../devtools/free-port';
import { eventually } from './eventually';

export interface DevPorts {
  api: number;
  postgres: number;
  temporal: number;
  simulator: number;
}

/** The environment of a `holdfast dev` on free ports, with nothing of an outer stack. */
export async function devEnvironment(extra: NodeJS.ProcessEnv): Promise<{ env: NodeJS.ProcessEnv; ports: DevPorts }> {
  const [api, temporal, ui, simulator, postgres, stripe, adyen] = await Promise.all(Array.from({ length: 7 }, () => freePort()));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(api),
    TEMPORAL_PORT: String(temporal),
    TEMPORAL_UI_PORT: String(ui),
    SIM_PORT: String(simulator),
    SIM_STRIPE_PORT: String(stripe),
    SIM_ADYEN_PORT: String(adyen),
    HOLDFAST_PG_PORT: String(postgres),
    LOG_LEVEL: 'warn',
    ...extra,
  };
  for (const unset of ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'TEMPORAL_ADDRESS', 'STRIPE_SECRET_KEY', 'ADYEN_API_KEY'])
    delete env[unset];
  // npm passes its own settings on as npm_* variables; an outer `npm test` must not steer this one.
  for (const name of Object.keys(env)) if (name.startsWith('npm_')) delete env[name];
  return { env, ports: { api, postgres, temporal, simulator } };
}

export interface StartedDev {
  process: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** `npm start` in `cwd`; resolves once the banner is printed and the API is ready. */
export async function startNpmStart(cwd: string, env: NodeJS.ProcessEnv, apiPort: number): Promise<StartedDev> {
  let output = '';
  // Leading its own process group, as in a terminal: a test can send the group a Ctrl-C.
  const child = spawn('npm', ['start'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await eventually(
    '`npm start` to be ready',
    async () => {
      if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${output}`);
      if (!output.includes('Press Ctrl-C to stop.')) return false;
      const ready = await fetch(`http://127.0.0.1:${apiPort}/readyz`).catch(() => undefined);
      return ready?.status === 200;
    },
    240_000,
  );
  return { process: child, output: () => output, exited };
}
