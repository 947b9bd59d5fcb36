// Our side of a busy day's report: the references of 100,000 report lines are looked up in
// slices. In one statement they overflowed the query builder's stack (bench:settlement found
// it at 100,000) and would pass Postgres' 65,535 parameters.
import assert from 'node:assert/strict';
import type { Client } from '@temporalio/client';
import { createReconciliationActivities } from '../../activities/reconciliation/activities';
import type { Keyring } from '../../keyring/keyring';
import { freshDatabase } from '../support/postgres';

describe('reconciliation: our side of a report naming 100,000 payments', function () {
  this.timeout(120_000);

  it('is read without overflowing the query builder or the parameter limit', async () => {
    const database = await freshDatabase();
    try {
      // Reading our side signals no workflow and keeps no report: no Temporal client or keyring is needed.
      const activities = createReconciliationActivities({ db: database.db, psps: {}, client: {} as Client, keyring: {} as Keyring });
      const references = Array.from({ length: 100_000 }, (_, i) => `pi_volume_${i}`);
      const ourSide = await activities.loadReconciliationRecords({
        psp: 'stripe',
        businessDate: '2026-11-21',
        timeZone: 'UTC',
        pspReferences: references,
        paymentIds: references.map((r) => r.replace('pi_', 'pay_')),
      });
      assert.deepEqual(ourSide, { records: [], elsewhere: [], payments: [], autoRefunded: [] });
    } finally {
      await database.close();
    }
  });
});
