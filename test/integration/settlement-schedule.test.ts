// The daily Temporal Schedule: created (or brought in line) when a worker starts, at the
// configured cut-off in the platform time zone; when it fires, the date that closed is
// settled at each PSP, exactly as if finance had started it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../config/config';
import { ensureSettlementSchedule } from '../../workers/settlement-schedule';
import { eventually } from '../support/eventually';
import { financeClient, today } from '../support/settlement';
import { stackForSuite } from '../support/stack';
import { answered, withId } from '../support/typed-answers';

describe('settlement: the daily schedule', function () {
  this.timeout(120_000);
  const scheduleId = `settlement-schedule-test-${randomUUID()}`;
  // A cut-off from noon on closes the same day, so a run triggered now settles today.
  const suite = stackForSuite({ env: { SETTLEMENT_SCHEDULE_ID: scheduleId, SETTLEMENT_CUTOFF: '23:59' } });
  after(() =>
    suite.stack?.client.schedule
      .getHandle(scheduleId)
      .delete()
      .catch(() => undefined),
  );

  it('fires at the cut-off in the platform time zone, and follows a changed cut-off on the next start', async () => {
    const { stack } = suite;
    assert.equal(await ensureSettlementSchedule(stack.client, stack.config, ['stripe']), scheduleId);
    let described = await stack.client.schedule.getHandle(scheduleId).describe();
    assert.deepEqual(
      [described.spec.calendars?.[0]?.hour, described.spec.calendars?.[0]?.minute, described.spec.timezone],
      [[{ start: 23, end: 23, step: 1 }], [{ start: 59, end: 59, step: 1 }], 'UTC'],
    );

    const moved = loadConfig({
      ...process.env,
      ...configEnv(stack.config),
      SETTLEMENT_CUTOFF: '01:15',
      PLATFORM_TIME_ZONE: 'Europe/Berlin',
    });
    await ensureSettlementSchedule(stack.client, moved, ['stripe']);
    described = await stack.client.schedule.getHandle(scheduleId).describe();
    assert.deepEqual([described.spec.calendars?.[0]?.hour, described.spec.timezone], [[{ start: 1, end: 1, step: 1 }], 'Europe/Berlin']);
    // Back to the suite's own settings before it fires.
    await ensureSettlementSchedule(stack.client, stack.config, ['stripe']);
  });

  it('a run settles the closed date at each PSP: the same settlement finance would get', async () => {
    const { stack, client } = suite;
    const payment = answered(
      await client.POST('/v1/payments', { body: { amount: 4_200, currency: 'usd', psp: 'stripe', payment_method: 'pm_card_visa' } }),
      201,
    );
    assert.equal(payment.status, 'captured');

    await stack.client.schedule.getHandle(scheduleId).trigger();

    const finance = await financeClient(stack);
    const settled = await eventually(
      'the scheduled settlement to be reconciled',
      async () => {
        const list = answered(await finance.GET('/v1/settlements', { params: { query: { date: today() } } }), 200);
        const [only] = list.data;
        return only?.status === 'reconciled' && list.data;
      },
      60_000,
    );
    assert.deepEqual(
      settled.map((s) => [s.id, s.psp]),
      [[`stl_${today().replaceAll('-', '')}_stripe`, 'stripe']],
    );
    const detail = answered(await finance.GET('/v1/settlements/{id}', withId(settled[0]!.id)), 200);
    assert.deepEqual(
      detail.items.map((i) => [i.kind, i.payment, i.status]),
      [['capture', payment.id, 'accepted']],
    );
  });

  it('a later run of the schedule settles what the date got since: a supplementary run, nothing settled twice', async () => {
    const { stack, client } = suite;
    const later = answered(
      await client.POST('/v1/payments', { body: { amount: 1_700, currency: 'usd', psp: 'stripe', payment_method: 'pm_card_visa' } }),
      201,
    );
    assert.equal(later.status, 'captured');

    // The schedule skips a trigger while its previous action still runs (its overlap policy),
    // and the first run's workflow may close a moment after its settlement shows reconciled.
    const schedule = stack.client.schedule.getHandle(scheduleId);
    await eventually('the first scheduled run to close', async () => (await schedule.describe()).info.runningActions.length === 0);
    await schedule.trigger();

    const finance = await financeClient(stack);
    const second = `stl_${today().replaceAll('-', '')}_stripe_r2`;
    const detail = await eventually(
      'the second scheduled run to be reconciled',
      async () => {
        // 404 until the run has started.
        const { data } = await finance.GET('/v1/settlements/{id}', withId(second));
        return data?.status === 'reconciled' && data;
      },
      60_000,
    ).catch(async (error: Error) => {
      const runs = answered(await finance.GET('/v1/settlements', { params: { query: { date: today() } } }), 200);
      const actions = (await schedule.describe()).info.recentActions.map((a) => a.action.workflow.workflowId);
      return assert.fail(
        `${error.message}; the date's runs: ${JSON.stringify(runs.data.map((r) => [r.id, r.status]))}; the schedule's runs: ${actions.join(', ')}`,
      );
    });
    assert.deepEqual(
      detail.items.map((i) => [i.kind, i.payment, i.status]),
      [['capture', later.id, 'accepted']],
    );
  });
});

/** The environment a config was loaded from, as far as the schedule reads it. */
function configEnv(config: ReturnType<typeof loadConfig>): Record<string, string> {
  return {
    TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
    TEMPORAL_NAMESPACE: config.temporal.namespace,
    SETTLEMENT_SCHEDULE_ID: config.settlement.scheduleId ?? 'off',
  };
}
