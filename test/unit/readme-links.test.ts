import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');
const DOCUMENTS = [
  'README.md',
  ...readdirSync(path.join(REPO_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const outsideCode = markdown.replace(/```[\s\S]*?```/g, '');
  for (const [, heading] of outsideCode.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

describe('links in the README and docs/', () => {
  for (const document of DOCUMENTS) {
    it(`${document}: every link to a section or a file of the repository finds it`, () => {
      const text = readFileSync(path.join(REPO_ROOT, document), 'utf8').replace(/```[\s\S]*?```/g, '');
      const broken: string[] = [];
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [file, anchor] = target.split('#');
        const linked = file ? path.resolve(path.dirname(path.join(REPO_ROOT, document)), file) : path.join(REPO_ROOT, document);
        if (!existsSync(linked)) broken.push(`${target}: no such file`);
        else if (anchor && linked.endsWith('.md') && !anchorsOf(readFileSync(linked, 'utf8')).has(anchor)) {
          broken.push(`${target}: no such section`);
        }
      }
      assert.deepEqual(broken, []);
    });
  }

  it('a quoted section name in prose is a link instead', () => {
    const text = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    assert.deepEqual(text.match(/\b[Ss]ee "[^"]+"/g) ?? [], []);
  });
});
