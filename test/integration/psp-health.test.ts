import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { createPspHealthRecorder } from '../../activities/psp-health';
import { createRoutingActivities } from '../../activities/routing';
import { loadConfig } from '../../config/config';
import { createDatabase, type Database } from '../../db/client';
import { claimPspProbe, readPspCircuits } from '../../db/queries/psp-circuits';
import { pspCircuits } from '../../db/schema';
import { circuitState } from '../../domain/circuit-breaker';
import type { PspName } from '../../domain/psp';
import { freshDatabase } from '../support/postgres';

const OPEN_SECONDS = 30;
const config = loadConfig({ CIRCUIT_FAILURE_THRESHOLD: '3', CIRCUIT_OPEN_SECONDS: String(OPEN_SECONDS), DEFAULT_PSPS: 'stripe,adyen' });
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4011'), { name: 'PspNotReachedError' });

describe('PSP circuit breakers (Postgres)', () => {
  let url: string;
  let db: Database;
  let close: () => Promise<void>;
  /** Extra pools standing in for other worker processes. */
  const workers: Array<{ db: Database; close(): Promise<void> }> = [];

  before(async () => {
    ({ url, db, close } = await freshDatabase());
    for (let i = 0; i < 4; i += 1) workers.push(createDatabase(url, { max: 3 }));
  });
  after(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await close();
  });
  beforeEach(() => db.delete(pspCircuits));

  const recorder = (on: Database = db) => createPspHealthRecorder({ db: on, config });

  async function breaker(psp: PspName) {
    const { now, circuits } = await readPspCircuits(db);
    const circuit = circuits.find((c) => c.psp === psp);
    return { state: circuitState(circuit, now), circuit, now };
  }

  /** Moves the open period into the past, as if it had run out. */
  const expireOpenPeriod = (psp: PspName) =>
    db
      .update(pspCircuits)
      .set({ openUntil: sql`now() - interval '1 second'` })
      .where(eq(pspCircuits.psp, psp));

  const rowVersion = async (psp: PspName) =>
    (await db.execute<{ xmin: string }>(sql`select xmin::text as xmin from psp_circuits where psp = ${psp}`)).rows[0]?.xmin;

  it('stays closed below the threshold and opens for the configured period when it is reached', async () => {
    const health = recorder();
    await health.recordFailure('stripe', refused);
    await health.recordFailure('stripe', refused);
    let seen = await breaker('stripe');
    assert.equal(seen.state, 'closed');
    assert.equal(seen.circuit?.consecutiveFailures, 2);

    await health.recordFailure('stripe', refused);
    seen = await breaker('stripe');
    assert.equal(seen.state, 'open');
    assert.equal(seen.circuit?.consecutiveFailures, 3);
    assert.equal(seen.circuit?.lastFailure, 'PspNotReachedError: connect ECONNREFUSED 127.0.0.1:4011');
    assert.equal(seen.circuit!.openUntil!.getTime() - seen.circuit!.lastFailureAt!.getTime(), OPEN_SECONDS * 1000);
    assert.equal((await breaker('adyen')).state, 'closed', 'another PSP is not affected');
  });

  it('counts every failure when many workers record at once', async () => {
    const failures = 60;
    await Promise.all(
      Array.from({ length: failures }, (_, i) => recorder(workers[i % workers.length]!.db).recordFailure('adyen', refused)),
    );
    const seen = await breaker('adyen');
    assert.equal(seen.circuit?.consecutiveFailures, failures);
    assert.equal(seen.state, 'open');
  });

  it('closes an open breaker and resets the count on a success', async () => {
    const health = recorder();
    for (let i = 0; i < 3; i += 1) await health.recordFailure('stripe', refused);
    assert.equal((await breaker('stripe')).state, 'open');

    const failingSince = (await breaker('stripe')).circuit?.healthChangedAt;
    assert.ok(failingSince && failingSince <= (await breaker('stripe')).circuit!.lastFailureAt!, 'failing since the run began');

    await health.recordSuccess('stripe');
    const seen = await breaker('stripe');
    assert.equal(seen.state, 'closed');
    assert.equal(seen.circuit?.consecutiveFailures, 0);
    assert.ok(seen.circuit?.lastSuccessAt, 'the success is recorded');
    assert.deepEqual(seen.circuit?.healthChangedAt, seen.circuit?.lastSuccessAt, 'healthy since the success that ended the run');
  });

  it('resets the count on a success, so only consecutive failures open the breaker', async () => {
    const health = recorder();
    await health.recordFailure('stripe', refused);
    await health.recordFailure('stripe', refused);
    await health.recordSuccess('stripe');
    await health.recordFailure('stripe', refused);
    await health.recordFailure('stripe', refused);
    const seen = await breaker('stripe');
    assert.equal(seen.state, 'closed');
    assert.equal(seen.circuit?.consecutiveFailures, 2);
  });

  it('writes nothing for a success that changes nothing', async () => {
    const health = recorder();
    await health.recordSuccess('stripe');
    const version = await rowVersion('stripe');
    assert.ok(version, 'the first success creates the row');

    await Promise.all(Array.from({ length: 10 }, () => health.recordSuccess('stripe')));
    assert.equal(await rowVersion('stripe'), version, 'no new row version');

    await health.recordFailure('stripe', refused);
    assert.notEqual(await rowVersion('stripe'), version, 'a failure does write');
  });

  it('lets exactly one of many concurrent claimers take a half-open probe', async () => {
    const health = recorder();
    for (let i = 0; i < 3; i += 1) await health.recordFailure('stripe', refused);
    await expireOpenPeriod('stripe');
    assert.equal((await breaker('stripe')).state, 'half_open');

    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => claimPspProbe(workers[i % workers.length]!.db, 'stripe', OPEN_SECONDS)),
    );
    assert.equal(claims.filter(Boolean).length, 1);
    assert.equal((await breaker('stripe')).state, 'open', 'the others see the breaker open while the probe is out');
  });

  it('re-opens for another period when the probe fails, and closes when it succeeds', async () => {
    const health = recorder();
    for (let i = 0; i < 3; i += 1) await health.recordFailure('adyen', refused);
    await expireOpenPeriod('adyen');
    assert.equal(await claimPspProbe(db, 'adyen', OPEN_SECONDS), true);

    await health.recordFailure('adyen', new Error('Request failed with status code 503'));
    let seen = await breaker('adyen');
    assert.equal(seen.state, 'open');
    assert.equal(seen.circuit?.lastFailure, 'Error: Request failed with status code 503');

    await expireOpenPeriod('adyen');
    assert.equal(await claimPspProbe(db, 'adyen', OPEN_SECONDS), true);
    await health.recordSuccess('adyen');
    seen = await breaker('adyen');
    assert.equal(seen.state, 'closed');
    assert.equal(seen.circuit?.consecutiveFailures, 0);
  });

  it('reports a failed breaker write instead of failing the PSP call it observes', async () => {
    const broken = createDatabase(url.replace(/\/[^/]*$/, '/no_such_database'), { max: 1, onIdleClientError: () => undefined });
    const reported: PspName[] = [];
    const health = createPspHealthRecorder({ db: broken.db, config, onRecordError: (psp) => reported.push(psp) });
    try {
      await health.recordFailure('stripe', refused);
      await health.recordSuccess('adyen');
    } finally {
      await broken.close();
    }
    assert.deepEqual(reported, ['stripe', 'adyen']);
  });

  describe('routing around breakers', () => {
    const routing = (on: Database = db) => createRoutingActivities({ db: on, config, availablePsps: ['stripe', 'adyen'] });
    let counter = 0;
    const payment = () => {
      counter += 1;
      return { paymentId: `pay_breaker${counter}`, merchantId: 'mer_breakers', currency: 'usd', amount: 1_000 };
    };

    it('routes new payments past a PSP whose breaker is open', async () => {
      assert.deepEqual(await routing().choosePsps(payment()), ['stripe', 'adyen']);
      for (let i = 0; i < 3; i += 1) await recorder().recordFailure('stripe', refused);
      assert.deepEqual(await routing().choosePsps(payment()), ['adyen']);
    });

    it('sends exactly one of many concurrent payments to a half-open PSP as its probe', async () => {
      for (let i = 0; i < 3; i += 1) await recorder().recordFailure('stripe', refused);
      await expireOpenPeriod('stripe');
      const choices = await Promise.all(
        Array.from({ length: 12 }, (_, i) => routing(workers[i % workers.length]!.db).choosePsps(payment())),
      );
      const probes = choices.filter((psps) => psps.includes('stripe'));
      assert.equal(probes.length, 1);
      assert.deepEqual(probes[0], ['stripe', 'adyen'], 'the probe takes its place in rule order');
      for (const psps of choices.filter((p) => !p.includes('stripe'))) assert.deepEqual(psps, ['adyen']);
    });

    it('still tries every PSP, in order, when all breakers are open', async () => {
      for (let i = 0; i < 3; i += 1) {
        await recorder().recordFailure('stripe', refused);
        await recorder().recordFailure('adyen', refused);
      }
      assert.deepEqual(await routing().choosePsps(payment()), ['stripe', 'adyen']);
    });

    it('keeps an explicitly requested PSP even when its breaker is open', async () => {
      for (let i = 0; i < 3; i += 1) await recorder().recordFailure('stripe', refused);
      assert.deepEqual(await routing().choosePsps({ ...payment(), requestedPsp: 'stripe' }), ['stripe']);
    });
  });
});
