import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { encryptedDataConverter } from '../../keyring/temporal-data-converter';
import { workflowBundle } from '../../workers/workflow-bundle';
import { memoryKeyring } from '../support/memory-keyring';

// Histories recorded from real runs (record-histories.ts): payments (one split among sellers), a
// settlement and its reconciliation, a payout, a dispute, a seller's payout schedule. Replaying
// them against today's workflow code fails on any change that would break workflows in flight.
const HISTORIES = path.join(__dirname, 'histories');

describe('committed workflow histories replay against the current workflow code', function () {
  this.timeout(120_000);
  const files = readdirSync(HISTORIES).filter((f) => f.endsWith('.json'));

  it('has the recorded scenarios', () => {
    assert.ok(files.length >= 5, `expected recorded histories in ${HISTORIES}`);
  });

  for (const file of files) {
    it(`replays ${file.replace(/\.json$/, '')} deterministically`, async () => {
      const history = historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')));
      // Through the worker's data converter: recorded before encryption, their payloads pass
      // its decoding unchanged (what the replay's commands carry is sealed with a fresh key).
      const dataConverter = encryptedDataConverter(await memoryKeyring());
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter }, history, `replay-${file}`);
    });
  }
});
