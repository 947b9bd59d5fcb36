// The alert rules are valid Prometheus rules (promtool check rules) and fire when they should
// and only then (promtool test rules on alert-tests.yml). promtool comes from Debian's
// prometheus package, installed on first use like the browser the /ops tests drive.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { promtoolExecutable } from '../../devtools/promtool';

const run = promisify(execFile);
const RULES = path.resolve(__dirname, '../../monitoring/prometheus');

async function promtool(...args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(await promtoolExecutable(), args, { cwd: RULES });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    assert.fail(`promtool ${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}

describe('Prometheus alert rules', function () {
  // A first run may apt-get install promtool.
  this.timeout(15 * 60_000);

  it('are valid rules with no lint findings (promtool check rules)', async () => {
    const output = await promtool('check', 'rules', '--lint=all', '--lint-fatal', 'holdfast-alerts.yml');
    assert.match(output, /SUCCESS: 7 rules found/);
  });

  it('fire on a rejected batch, too many exceptions, a PSP down or failing, a tampered ciphertext, and stay quiet otherwise (promtool test rules)', async () => {
    const output = await promtool('test', 'rules', 'alert-tests.yml');
    assert.match(output, /SUCCESS/);
  });
});
