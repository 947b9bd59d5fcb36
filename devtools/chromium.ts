// The browser the /ops page tests drive through playwright-core: Debian's chromium package.
// Playwright's own browser builds download from a CDN that CI and this machine cannot reach;
// Debian's archive they can, so a missing browser is installed from there (as root, as CI
// runs) or named in a message saying how.
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const CHROMIUM_PATH = '/usr/bin/chromium';
const PACKAGE = 'chromium';

let installing: Promise<void> | undefined;

/** Path of Debian's chromium, installed with apt-get first when it is missing. */
export async function chromiumExecutable(): Promise<string> {
  if (await isExecutable(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    throw new Error(`${CHROMIUM_PATH} is missing: install the Debian package "${PACKAGE}" (sudo apt-get install -y ${PACKAGE})`);
  }
  // Once per process, however many suites ask at the same time.
  installing ??= aptInstall();
  await installing;
  if (!(await isExecutable(CHROMIUM_PATH))) throw new Error(`apt-get installed "${PACKAGE}" but ${CHROMIUM_PATH} is still missing`);
  return CHROMIUM_PATH;
}

async function aptInstall(): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const options = { env, maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 };
  try {
    await run('apt-get', ['update'], options);
    await run('apt-get', ['install', '-y', '--no-install-recommends', PACKAGE], options);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-5).join('\n');
    throw new Error(`installing the Debian package "${PACKAGE}" failed${stderr ? `:\n${stderr}` : ''}`, { cause: error });
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
