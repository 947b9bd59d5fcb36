// The typed client's types (client/openapi.d.ts), generated from the same document
// GET /openapi.json serves — built in memory, so no server needs to run. Deterministic: keys
// sorted (alphabetize), no timestamp, so a regeneration after a merge changes only what the
// document changed, and the drift test (test/unit/client-types.test.ts) can compare bytes.
//
//   npm run client:generate
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from '../api/openapi';

export const CLIENT_TYPES_FILE = join(__dirname, '..', 'client', 'openapi.d.ts');
export const CLIENT_GENERATE_COMMAND = 'npm run client:generate';

const HEADER = `// Generated from api/openapi.ts by \`${CLIENT_GENERATE_COMMAND}\` (openapi-typescript). Do not edit.\n\n`;

export async function clientTypes(): Promise<string> {
  // openapi-typescript reads the document as given; the cast is only its OpenAPI3 type.
  const ast = await openapiTS(openApiDocument() as Parameters<typeof openapiTS>[0], { alphabetize: true, silent: true });
  return HEADER + astToString(ast);
}

/** The committed file, or '' when there is none yet. */
export async function committedClientTypes(): Promise<string> {
  return readFile(CLIENT_TYPES_FILE, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? '' : Promise.reject(e)));
}

if (require.main === module) {
  void clientTypes().then((types) => writeFile(CLIENT_TYPES_FILE, types));
}
