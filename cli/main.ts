// The `holdfast` command: picks the subcommand and turns its outcome into an exit code.
// Subcommands load lazily, so `merchants create` does not pay for the worker's imports.
// `require`, not `import()`: tsx's CommonJS hook compiles required .ts files, while a
// dynamic import would go to Node's ESM loader, which tsx/cjs does not hook.
import { loadConfig, type Config } from '../config/config';
import { SetupError, UsageError } from './errors';
import { IN_OWN_GROUP_FLAG, runInOwnProcessGroup, stopWhenLauncherGone } from './own-process-group';

interface Command {
  summary: string;
  /** Starts child servers that must not see the terminal's Ctrl-C (see own-process-group). */
  ownProcessGroup?: boolean;
  load(): { run(args: string[], config: Config): Promise<number> };
}

const COMMANDS: Record<string, Command> = {
  dev: {
    summary: 'run everything locally: Postgres, Temporal + Web UI, PSP simulator, worker, API',
    ownProcessGroup: true,
    load: () => require('./dev') as typeof import('./dev'),
  },
  cluster: {
    summary: '[--workers N] [--no-ui] | stop <role> | start <role>: a production-shaped stack, each part its own supervised process',
    ownProcessGroup: true,
    load: () => require('./cluster') as typeof import('./cluster'),
  },
  api: {
    summary: 'run the HTTP API (needs DATABASE_URL and TEMPORAL_ADDRESS)',
    load: () => require('./api') as typeof import('./api'),
  },
  worker: {
    summary: 'run the Temporal worker (needs DATABASE_URL and TEMPORAL_ADDRESS)',
    load: () => require('./worker') as typeof import('./worker'),
  },
  migrate: {
    summary: 'apply the database migrations',
    load: () => require('./migrate') as typeof import('./migrate'),
  },
  purge: {
    summary: 'delete what is past its retention (events, PSP events, audit log, expired keys), as the schema owner',
    load: () => require('./purge') as typeof import('./purge'),
  },
  merchants: {
    summary: 'create --name <name>: create a merchant, print {"id","api_key"}; set-rate-limit <id> --per-second N | --default',
    load: () => require('./merchants') as typeof import('./merchants'),
  },
  keys: {
    summary:
      'list|create|roll|revoke --merchant <id>: a merchant\'s API keys, as /v1/api_keys manages them; create --role finance: a finance key, print {"id","api_key","role"}; ' +
      'data-keys | rotate-data-key [--wait] | retire-data-key <id>: the data keys sealing personal data at rest (rotate reseals every row; retire destroys a superseded key nothing needs)',
    load: () => require('./keys') as typeof import('./keys'),
  },
  settle: {
    summary: '--date <YYYY-MM-DD> [--psp <psp>]: settle a business date and follow it to the end',
    load: () => require('./settle') as typeof import('./settle'),
  },
  deploy: {
    summary: 'status | promote <buildId> | open-runs --started-before <buildId|time>: roll out a worker version (docs/deploys.md)',
    load: () => require('./deploy') as typeof import('./deploy'),
  },
  replay: {
    summary: '<workflowId> [--run-id <id>]: replay its history against the current code',
    load: () => require('./replay') as typeof import('./replay'),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return ['usage: holdfast <command> [options]', '', ...lines].join('\n');
}

export async function main(argv: string[]): Promise<void> {
  const relaunched = argv[0] === IN_OWN_GROUP_FLAG;
  const [name, ...args] = relaunched ? argv.slice(1) : argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    console.log(usage());
    process.exit(0);
  }
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(name === undefined ? usage() : `holdfast: unknown command "${name}"\n\n${usage()}`);
    process.exit(2);
  }
  if (command.ownProcessGroup && !relaunched) process.exit(await runInOwnProcessGroup(argv));
  if (relaunched) stopWhenLauncherGone();
  let code: number;
  try {
    // Parsed once, here; every command below takes the typed object.
    code = await command.load().run(args, loadConfig());
  } catch (error) {
    code = report(name, error);
  }
  // Explicit exit: a pool or gRPC channel someone forgot to close must not hang the CLI.
  process.exit(code);
}

function report(name: string, error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  const isParseArgsError = String((error as { code?: unknown })?.code).startsWith('ERR_PARSE_ARGS');
  if (error instanceof UsageError || isParseArgsError) {
    console.error(`holdfast ${name}: ${message}`);
    return 2;
  }
  // Bad environment: the message says what to set; a stack trace would only bury it.
  if (error instanceof SetupError || message.startsWith('invalid configuration')) {
    console.error(`holdfast ${name}: ${message}`);
    return 1;
  }
  console.error(`holdfast ${name}:`, error);
  return 1;
}
