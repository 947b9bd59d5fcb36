// `holdfast cluster` and docker-compose.temporal.yml are one topology from one set of files:
// these checks fail when either drifts from the other or from the dev server.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SEARCH_ATTRIBUTES } from '../../devtools/temporal-dev-server';
import { SERVER_CONFIG } from '../../cli/cluster-temporal';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('Temporal cluster configuration', () => {
  it('the compose namespace step registers the search attributes the dev server and the cluster do', () => {
    const line = /^search_attributes="([^"]*)"$/m.exec(read('config/temporal/setup-namespace.sh'));
    assert.ok(line, 'setup-namespace.sh lists its search attributes on one line');
    const listed = Object.fromEntries(line[1].split(' ').map((pair) => pair.split('=')));
    assert.deepEqual(listed, SEARCH_ATTRIBUTES);
  });

  it('the compose file mounts the very files the cluster runs with', () => {
    const compose = read('docker-compose.temporal.yml');
    for (const file of ['server.yaml', 'dynamicconfig.yaml', 'setup-schema.sh', 'setup-namespace.sh']) {
      assert.match(compose, new RegExp(`file: \\./config/temporal/${file.replace('.', '\\.')}\\n`), file);
    }
    assert.equal(path.relative(ROOT, SERVER_CONFIG), 'config/temporal/server.yaml');
  });

  it('the compose file holds no password of its own and publishes nothing beyond loopback', () => {
    const compose = read('docker-compose.temporal.yml');
    // Every password is a required variable (`${NAME:?…}`), never a default.
    for (const [, value] of compose.matchAll(/^\s+[A-Z_]*(?:PASSWORD|_PWD):\s*(.+)$/gm)) assert.match(value, /^\$\{[A-Z_]+:\?/, value);
    assert.doesNotMatch(compose, /:-[^}]*(?:password|secret)/i);
    const published = [...compose.matchAll(/^\s+- "([^"]+:\d+:\d+)"$/gm)].map(([, mapping]) => mapping);
    assert.ok(published.length > 0);
    for (const mapping of published) assert.match(mapping, /^127\.0\.0\.1:/, mapping);
  });
});
