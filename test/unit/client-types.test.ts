// client/openapi.d.ts is committed so the client builds without a server; this keeps it
// what the OpenAPI document says today. An endpoint added or changed without regenerating
// fails here, saying which command to run.
import assert from 'node:assert/strict';
import { CLIENT_GENERATE_COMMAND, clientTypes, committedClientTypes } from '../../devtools/client-types';

describe('typed client types', () => {
  it('client/openapi.d.ts is what the OpenAPI document generates', async function () {
    this.timeout(30_000);
    const [generated, committed] = await Promise.all([clientTypes(), committedClientTypes()]);
    // A generation that lost the paths would compare equal to an equally empty file.
    assert.match(generated, /"\/v1\/payments\/\{id\}\/capture"/);
    if (generated !== committed) {
      const line = firstDifferentLine(generated, committed);
      assert.fail(
        `client/openapi.d.ts is out of date with api/openapi.ts (first difference at line ${line}): run \`${CLIENT_GENERATE_COMMAND}\` and commit it`,
      );
    }
  });

  it('generation is deterministic: twice the same bytes', async function () {
    this.timeout(30_000);
    const [first, second] = await Promise.all([clientTypes(), clientTypes()]);
    assert.equal(first, second);
  });
});

function firstDifferentLine(a: string, b: string): number {
  const [left, right] = [a.split('\n'), b.split('\n')];
  const index = left.findIndex((line, i) => line !== right[i]);
  return (index === -1 ? left.length : index) + 1;
}
