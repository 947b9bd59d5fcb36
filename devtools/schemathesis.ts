// Finds or installs schemathesis, the property-based API fuzzer test/integration/openapi-fuzz
// runs against GET /openapi.json. It comes from PyPI at a pinned version, into its own
// versioned folder under .tools, the way devtools/temporal-tools.ts installs the Temporal
// CLI: staged, renamed into place when complete, behind a lock two processes can share.
import path from 'node:path';
import { installOnce, pipInstall } from './temporal-tools';

export const SCHEMATHESIS_VERSION = '4.32.5';

const INSTALL_DIR = path.resolve(__dirname, '..', '.tools', `schemathesis-${SCHEMATHESIS_VERSION}`);

/** How to run it: `python3 -m schemathesis.cli …` with this environment. */
export interface Schemathesis {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export async function ensureSchemathesis(): Promise<Schemathesis> {
  await installOnce(INSTALL_DIR, path.join('bin', 'schemathesis'), (target) => pipInstall(target, `schemathesis==${SCHEMATHESIS_VERSION}`));
  return { command: 'python3', args: ['-m', 'schemathesis.cli'], env: { PYTHONPATH: INSTALL_DIR, PYTHONDONTWRITEBYTECODE: '1' } };
}
