import assert from 'node:assert/strict';
import { runOpenLoop } from '../../bench/load';

describe('the benchmark open-loop load driver', () => {
  it('starts every scheduled arrival without waiting for earlier ones to finish', async () => {
    // Every operation waits until the last one has started: a driver that waited for
    // completions before sending more would never get there, and this test would time out.
    const arrivals = 20;
    let started = 0;
    let releaseAll!: () => void;
    const allStarted = new Promise<void>((resolve) => (releaseAll = resolve));
    const result = await runOpenLoop(
      async () => {
        if (++started === arrivals) releaseAll();
        await allStarted;
      },
      { ratePerS: 200, durationMs: 100 },
    );
    assert.equal(result.completed, arrivals);
    assert.equal(result.errors, 0);
    assert.equal(result.maxInFlight, arrivals);
    // The first was scheduled at 0 and finished only after the last was scheduled, at 95 ms:
    // latency counts from the schedule, so the wait shows.
    assert.ok(Math.max(...result.latenciesMs) >= 95, `latencies ${result.latenciesMs.join(', ')}`);
  });

  it('counts a late start as latency, from the scheduled time', async () => {
    // The first operation blocks the event loop for 60 ms; the arrivals scheduled meanwhile
    // (at 10, 20, ... ms) start late, and although each answers at once, their latency shows it.
    let calls = 0;
    const result = await runOpenLoop(
      async () => {
        if (calls++ === 0) {
          const until = performance.now() + 60;
          while (performance.now() < until);
        }
      },
      { ratePerS: 100, durationMs: 100 },
    );
    assert.equal(result.completed, 10);
    const sorted = [...result.latenciesMs].sort((a, b) => b - a);
    // The first took 60 ms itself; the one scheduled at 10 ms started at 60 ms or later.
    assert.ok(sorted[1]! >= 50, `latencies ${result.latenciesMs.join(', ')}`);
  });

  it('counts failed operations as errors, keeping the first message, and does not time them', async () => {
    let calls = 0;
    const result = await runOpenLoop(
      async () => {
        if (calls++ % 2 === 0) throw new Error(`refused ${calls}`);
      },
      { ratePerS: 100, durationMs: 100 },
    );
    assert.equal(result.errors, 5);
    assert.equal(result.completed, 5);
    assert.equal(result.latenciesMs.length, 5);
    assert.match(result.firstError ?? '', /refused 1/);
  });
});
