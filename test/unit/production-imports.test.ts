// `holdfast api` and `holdfast worker` are what a deployment runs: nothing they load may come
// from sim/, whose published keys would otherwise be one mistake away from being believed.
// Walks the static import graph (type imports included) from each entry point.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const SIM = path.join(ROOT, 'sim') + path.sep;

/** Every project file `entry` imports, directly or not, each with the chain that reached it. */
function importGraph(entry: string): Map<string, string[]> {
  const compilerOptions: ts.CompilerOptions = { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 };
  const reached = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      const resolved = ts.resolveModuleName(fileName, file, compilerOptions, ts.sys).resolvedModule?.resolvedFileName;
      if (!resolved || resolved.includes(`${path.sep}node_modules${path.sep}`) || reached.has(resolved)) continue;
      reached.set(resolved, [...reached.get(file)!, resolved]);
      queue.push(resolved);
    }
  }
  return reached;
}

const relative = (chain: string[]) => chain.map((file) => path.relative(ROOT, file)).join(' → ');

describe('production entry points', () => {
  for (const command of ['api', 'worker']) {
    it(`holdfast ${command} loads nothing from sim/`, () => {
      const graph = importGraph(path.join(ROOT, 'cli', `${command}.ts`));
      // The walk must reach the product, or an empty graph would pass.
      assert.ok(graph.has(path.join(ROOT, 'api', 'server.ts')) || graph.has(path.join(ROOT, 'workers', 'start.ts')));
      const fromSim = [...graph.entries()].filter(([file]) => file.startsWith(SIM)).map(([, chain]) => relative(chain));
      assert.deepEqual(fromSim, []);
    });
  }

  it('the walk finds sim/ where it is imported (holdfast dev)', () => {
    const graph = importGraph(path.join(ROOT, 'cli', 'dev.ts'));
    assert.ok([...graph.keys()].some((file) => file.startsWith(SIM)));
  });
});
