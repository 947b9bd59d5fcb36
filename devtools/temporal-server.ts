// Finds or builds the official Temporal server that `holdfast cluster` runs as separate
// processes: `temporal-server` and `temporal-sql-tool` from the pinned Go module
// go.temporal.io/server, and the Web UI's server from github.com/temporalio/ui-server (whose
// module carries the built UI). No release archive is reachable from here or from CI, but the
// Go module proxy serves the source and the Go toolchain the module asks for.
//
// A build takes minutes on two cores, so it is cached outside the clone, per version, in
// ${XDG_CACHE_HOME:-~/.cache}/holdfast/ (HOLDFAST_CACHE_DIR overrides): a fresh clone on the
// same machine (CI checks out a new one each run) reuses it. .tools/ gets a link to it, next to
// the other pinned tools. Installs are atomic and locked like devtools/temporal-tools.ts's.
import { execFile } from 'node:child_process';
import { cp, mkdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { installOnce } from './temporal-tools';

const run = promisify(execFile);

export const TEMPORAL_SERVER_VERSION = 'v1.32.2';
export const TEMPORAL_UI_SERVER_VERSION = 'v2.56.4';
/** Both modules' go.mod ask for at least this; GOTOOLCHAIN fetches it through the proxy. */
const GO_TOOLCHAIN = 'go1.26.10';

const SERVER_MODULE = 'go.temporal.io/server';
const UI_MODULE = 'github.com/temporalio/ui-server/v2';
const TOOLS_DIR = path.resolve(__dirname, '..', '.tools');
const BUILD_TIMEOUT_MS = 30 * 60_000;

export interface TemporalServerBinaries {
  /** `temporal-server --config-file … start --service <name>` */
  server: string;
  /** `temporal-sql-tool`, with the Postgres schema built in (config/temporal/setup-schema.sh). */
  sqlTool: string;
}

/** What a long build says while it runs: one line per step. */
export type Progress = (line: string) => void;

/** The cache root: HOLDFAST_CACHE_DIR, else $XDG_CACHE_HOME/holdfast, else ~/.cache/holdfast. */
export function buildCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HOLDFAST_CACHE_DIR) return path.resolve(env.HOLDFAST_CACHE_DIR);
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'holdfast');
}

/** The pinned server and SQL tool, built the first time on this machine. */
export async function ensureTemporalServer(progress: Progress = () => undefined): Promise<TemporalServerBinaries> {
  const dir = path.join(buildCacheDir(), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  await mkdir(path.dirname(dir), { recursive: true });
  const server = await installOnce(dir, path.join('bin', 'temporal-server'), async (staging) => {
    progress(`building the Temporal server ${TEMPORAL_SERVER_VERSION} from its Go module (first use on this machine: a few minutes) …`);
    await buildFromModule(
      SERVER_MODULE,
      TEMPORAL_SERVER_VERSION,
      staging,
      [
        ['temporal-server', './cmd/server'],
        ['temporal-sql-tool', './cmd/tools/sql'],
      ],
      progress,
    );
  });
  await linkIntoTools(dir);
  return { server, sqlTool: path.join(dir, 'bin', 'temporal-sql-tool') };
}

/** The Web UI's server (its module embeds the built UI), built the first time on this machine. */
export async function ensureTemporalUiServer(progress: Progress = () => undefined): Promise<string> {
  const dir = path.join(buildCacheDir(), `temporal-ui-server-${TEMPORAL_UI_SERVER_VERSION}`);
  await mkdir(path.dirname(dir), { recursive: true });
  const binary = await installOnce(dir, path.join('bin', 'temporal-ui-server'), async (staging) => {
    progress(`building the Temporal Web UI server ${TEMPORAL_UI_SERVER_VERSION} from its Go module (first use: a minute or two) …`);
    await buildFromModule(UI_MODULE, TEMPORAL_UI_SERVER_VERSION, staging, [['temporal-ui-server', './cmd/server']], progress);
  });
  await linkIntoTools(dir);
  return binary;
}

/**
 * Downloads `module@version` through the Go proxy, copies it out of the read-only module
 * cache into `staging/src`, builds each `[binary, package]` into `staging/bin`, and drops the
 * source (the binaries are all the cache keeps).
 */
async function buildFromModule(
  module: string,
  version: string,
  staging: string,
  targets: Array<[binary: string, pkg: string]>,
  progress: Progress,
): Promise<void> {
  const env = { ...process.env, GOTOOLCHAIN: GO_TOOLCHAIN, GOFLAGS: '-buildvcs=false' };
  const { stdout } = await go(['mod', 'download', '-json', `${module}@${version}`], env, process.cwd());
  const downloaded = JSON.parse(stdout) as { Dir?: string; Error?: string };
  if (!downloaded.Dir) throw new Error(`go mod download ${module}@${version}: ${downloaded.Error ?? stdout}`);
  const src = path.join(staging, 'src');
  // The module cache is read-only; a build writes nothing there, but copying keeps it that way.
  await cp(downloaded.Dir, src, { recursive: true });
  await run('chmod', ['-R', 'u+w', src]);
  for (const [binary, pkg] of targets) {
    const started = Date.now();
    progress(`  go build ${pkg} → ${binary}`);
    await go(['build', '-trimpath', '-o', path.join(staging, 'bin', binary), pkg], env, src);
    progress(`  built ${binary} in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  await rm(src, { recursive: true, force: true });
}

async function go(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ stdout: string }> {
  try {
    return await run('go', args, { env, cwd, timeout: BUILD_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { code?: unknown; stderr?: string; stdout?: string; message: string };
    const hint = failed.code === 'ENOENT' ? ' (is Go installed?)' : '';
    const detail = (failed.stderr || failed.stdout || failed.message).trim().split('\n').slice(-20).join('\n');
    throw new Error(`\`go ${args.join(' ')}\` failed${hint}:\n${detail}`, { cause: error });
  }
}

/** `.tools/<name>` → the cached build, so the project's tools are found in one place. */
async function linkIntoTools(cached: string): Promise<void> {
  const link = path.join(TOOLS_DIR, path.basename(cached));
  const current = await readlink(link).catch(() => undefined);
  if (current === cached) return;
  await mkdir(TOOLS_DIR, { recursive: true });
  // A new link renamed over the old one: a concurrent reader never sees none.
  const temporary = `${link}.${process.pid}.link`;
  await rm(temporary, { force: true });
  await symlink(cached, temporary);
  await rename(temporary, link).catch(async (error: unknown) => {
    await rm(temporary, { force: true });
    // A directory of that name (not a link) is someone's own install: leave it be.
    if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
  });
}
