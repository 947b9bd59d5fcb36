// The lint rules can fail: each is run on a small tree in a temporary directory, laid out like
// holdfast, that breaks it once, and must name that file. `npm run lint` runs the same
// configurations (eslint.config.js, .dependency-cruiser.cjs) over the real tree, where they
// find nothing; without this test a rule whose path no longer matches would pass silently.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../..');

/** Writes `files` (path → source) under a new temporary directory with a tsconfig. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'holdfast-boundaries-'));
  const tsconfig = { compilerOptions: { strict: true, module: 'commonjs', target: 'es2022', types: [] }, include: ['**/*.ts'] };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), source);
  }
  return dir;
}

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

describe('import boundaries and lint rules, shown failing', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('dependency-cruiser names each forbidden import and the cycle, and lets an activity be imported as a type', async () => {
    const dir = tree({
      'workflows/pay.workflow.ts':
        "import { charge } from '../activities/charge';\nimport type { View } from '../views/view';\nexport const w = (v: View) => charge(v);\n",
      'workflows/fine.workflow.ts':
        "import type { charge } from '../activities/charge';\nimport type { Input } from '../contracts/pay.contract';\nexport type F = typeof charge | Input;\n",
      'activities/charge.ts':
        "import type { w } from '../workflows/pay.workflow';\nexport const charge = (v: unknown): unknown => v;\nexport type W = typeof w;\n",
      'views/view.ts': 'export type View = { id: string };\n',
      'domain/rule.ts': "import type { Row } from '../db/row';\nexport type R = Row;\n",
      'db/row.ts': 'export type Row = { id: string };\n',
      'api/route.ts': "import { KEY } from '../sim/keys';\nimport { charge } from '../activities/charge';\nexport const r = charge(KEY);\n",
      'sim/keys.ts': "export const KEY = 'sk_test_published';\n",
      'contracts/pay.contract.ts': "import type { Adapter } from '../psp/adapter';\nexport type Input = Adapter;\n",
      'contracts/pay.client.ts': "import type { w } from '../workflows/pay.workflow';\nexport type Started = typeof w;\n",
      'psp/adapter.ts': "import type { Row } from '../db/row';\nexport type Adapter = Row;\n",
      'contracts/helper.ts': "export { charge } from '../activities/charge';\n",
      'workflows/client-user.workflow.ts': "import type { Started } from '../contracts/pay.client';\nexport type S = Started;\n",
      'views/render.ts': "import { r } from '../api/route';\nexport const rendered = r;\n",
      'db/query.ts': "import { r } from '../api/route';\nexport const q = r;\n",
      'db/pool.ts': 'export const pool = {};\n',
      'keyring/seal.ts': "import type { Row } from '../db/row';\nexport type Sealed = Row;\n",
      'telemetry/log.ts':
        "import { pool } from '../db/pool';\nimport type { View } from '../views/view';\nexport const logged = [pool] as unknown as View[];\n",
      'config/config.ts': "import type { Row } from '../db/row';\nexport type Config = Row;\n",
      'workers/start.ts': "import { r } from '../api/route';\nexport const started = r;\n",
      'client/index.ts': "import type { R } from '../domain/rule';\nexport type C = R;\n",
      'api/root-user.ts': "import { outside } from '../outside';\nexport const o = outside;\n",
      'outside.ts': 'export const outside = 1;\n',
    });
    dirs.push(dir);
    const cli = path.join(ROOT, 'node_modules', '.bin', 'depcruise');
    const run = promisify(execFile)(cli, ['--config', path.join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json', '.'], {
      cwd: dir,
    });
    // It exits non-zero when it finds violations; the report is on stdout either way.
    const { stdout } = await run.catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const violations = (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
    const found = new Set(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`));
    for (const expected of [
      'workflows-import-activities-as-types: workflows/pay.workflow.ts → activities/charge.ts',
      'workflows-import-the-workflow-safe: workflows/pay.workflow.ts → views/view.ts',
      'activities-never-import-back: activities/charge.ts → workflows/pay.workflow.ts',
      'no-cycles: activities/charge.ts → workflows/pay.workflow.ts',
      'domain-is-pure: domain/rule.ts → db/row.ts',
      'only-dev-wiring-imports-the-simulator: api/route.ts → sim/keys.ts',
      'api-commands-workflows-through-contracts: api/route.ts → activities/charge.ts',
      'contracts-are-workflow-safe: contracts/pay.contract.ts → psp/adapter.ts',
      'clients-start-workflows-by-name: contracts/pay.client.ts → workflows/pay.workflow.ts',
      'psp-adapters-stand-alone: psp/adapter.ts → db/row.ts',
      'contracts-are-workflow-safe: contracts/helper.ts → activities/charge.ts',
      'workflows-import-the-workflow-safe: workflows/client-user.workflow.ts → contracts/pay.client.ts',
      'views-are-shapes: views/render.ts → api/route.ts',
      'db-below-the-app: db/query.ts → api/route.ts',
      'keyring-is-crypto: keyring/seal.ts → db/row.ts',
      'telemetry-is-a-leaf: telemetry/log.ts → views/view.ts',
      'telemetry-takes-the-database-as-a-type: telemetry/log.ts → db/pool.ts',
      'config-is-a-leaf: config/config.ts → db/row.ts',
      'workers-wire-not-serve: workers/start.ts → api/route.ts',
      'the-client-is-its-own-package: client/index.ts → domain/rule.ts',
      'imports-stay-on-the-map: api/root-user.ts → outside.ts',
    ]) {
      assert.ok(found.has(expected), `expected "${expected}" among:\n${[...found].join('\n')}`);
    }
    // A rule added without a probe here would be one nobody has seen fail.
    const rules = (require(path.join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: Array<{ name: string }> }).forbidden.map(
      (r) => r.name,
    );
    assert.deepEqual(
      rules.filter((rule) => !violations.some((v) => v.rule.name === rule)),
      [],
      'every rule is shown failing',
    );
    assert.deepEqual(
      violations.filter((v) => v.from === 'workflows/fine.workflow.ts'),
      [],
      'a type-only import of an activity factory and a contract are allowed',
    );
  });

  it('ESLint refuses a floating promise, a misused one, a non-exhaustive switch, a workflow reached outside its client, and a server package or a require in the sandbox', async () => {
    const dir = tree({
      'workflows/probe.ts':
        "import { Pool } from 'pg';\nexport const pool = Pool;\nexport const later = (name: string): unknown => require(name);\n",
      'api/probe.ts': [
        'export function floating(): void { Promise.resolve(1); }',
        'export function misused(run: (f: () => void) => void): void { run(async () => undefined); }',
        'export async function notThenable(): Promise<number> { return await 1; }',
        "type Kind = 'a' | 'b';",
        "export function partial(kind: Kind): number { switch (kind) { case 'a': return 1; } return 0; }",
        "export const reach = (client: { workflow: { getHandle(id: string): unknown } }): unknown => client.workflow.getHandle('payment-x');",
        '',
      ].join('\n'),
    });
    dirs.push(dir);
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: path.join(ROOT, 'eslint.config.js'),
      overrideConfig: { languageOptions: { parserOptions: { tsconfigRootDir: dir } } },
    });
    const results = await eslint.lintFiles(['.']);
    const found = results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}: ${m.ruleId}`)).sort();
    assert.deepEqual(found, [
      'api/probe.ts: @typescript-eslint/await-thenable',
      'api/probe.ts: @typescript-eslint/no-floating-promises',
      'api/probe.ts: @typescript-eslint/no-misused-promises',
      'api/probe.ts: @typescript-eslint/switch-exhaustiveness-check',
      'api/probe.ts: no-restricted-syntax',
      'workflows/probe.ts: @typescript-eslint/no-restricted-imports',
      'workflows/probe.ts: no-restricted-syntax',
    ]);
  });
});
