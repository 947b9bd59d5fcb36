// Prometheus's promtool, which checks the alert rules (ops/prometheus/): Debian's prometheus
// package. Like chromium.ts, a missing promtool is installed from Debian's archive on first use
// (as root, as CI runs) or named in a message saying how; never skipped.
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PROMTOOL_PATH = '/usr/bin/promtool';
const PACKAGE = 'prometheus';

let installing: Promise<void> | undefined;

/** Path of Debian's promtool, installed with apt-get first when it is missing. */
export async function promtoolExecutable(): Promise<string> {
  if (await isExecutable(PROMTOOL_PATH)) return PROMTOOL_PATH;
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    throw new Error(`${PROMTOOL_PATH} is missing: install the Debian package "${PACKAGE}" (sudo apt-get install -y ${PACKAGE})`);
  }
  installing ??= aptInstall();
  await installing;
  if (!(await isExecutable(PROMTOOL_PATH))) throw new Error(`apt-get installed "${PACKAGE}" but ${PROMTOOL_PATH} is still missing`);
  return PROMTOOL_PATH;
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
