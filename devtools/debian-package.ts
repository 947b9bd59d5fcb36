// A program the tests or tools need from Debian's archive (chromium, promtool): used where it
// is, otherwise installed with apt-get on first use — as root, as CI runs — or named in a
// message saying how. Never skipped: the registries other than Debian's cannot provide them
// here (Playwright's browser builds and Prometheus's releases come from CDNs this machine and
// CI cannot reach).
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Once per package and process, however many suites ask at the same time. */
const installing = new Map<string, Promise<void>>();

/** `path`, installing Debian's `debianPackage` first when it is missing. */
export async function debianExecutable(path: string, debianPackage: string): Promise<string> {
  if (await isExecutable(path)) return path;
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    throw new Error(`${path} is missing: install the Debian package "${debianPackage}" (sudo apt-get install -y ${debianPackage})`);
  }
  let install = installing.get(debianPackage);
  if (!install) {
    install = aptInstall(debianPackage);
    installing.set(debianPackage, install);
  }
  await install;
  if (!(await isExecutable(path))) throw new Error(`apt-get installed "${debianPackage}" but ${path} is still missing`);
  return path;
}

async function aptInstall(debianPackage: string): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const options = { env, maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 };
  try {
    await run('apt-get', ['update'], options);
    await run('apt-get', ['install', '-y', '--no-install-recommends', debianPackage], options);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-5).join('\n');
    throw new Error(`installing the Debian package "${debianPackage}" failed${stderr ? `:\n${stderr}` : ''}`, { cause: error });
  }
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
