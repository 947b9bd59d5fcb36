// The daily settlement schedule: a Temporal Schedule that starts dailySettlementWorkflow at
// the cut-off, in the platform's time zone. Created when a worker starts, and brought in
// line with the configuration when it already exists, so changing SETTLEMENT_CUTOFF and
// restarting is all it takes.
import { ScheduleAlreadyRunning, type Client, type ScheduleOptions } from '@temporalio/client';
import type { Config } from '../config/config';
import type { PspName } from '../domain/psp';
import type { DailySettlementInput } from '../contracts/settlement.contract';

export async function ensureSettlementSchedule(client: Client, config: Config, psps: PspName[]): Promise<string | undefined> {
  const { scheduleId, cutoff, timeZone } = config.settlement;
  if (scheduleId === undefined || psps.length === 0) return undefined;
  const [hour, minute] = cutoff.split(':').map(Number) as [number, number];
  const input: DailySettlementInput = { psps, timeZone, cutoff };
  const options = {
    scheduleId,
    spec: { calendars: [{ hour, minute }], timezone: timeZone },
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'dailySettlementWorkflow',
      workflowId: `${scheduleId}-run`,
      taskQueue: config.temporal.taskQueue,
      args: [input],
    },
    // A missed cut-off (the cluster was down) still runs once within a day; never twice at once.
    policies: { overlap: 'SKIP' as const, catchupWindow: '1 day' },
  } satisfies ScheduleOptions;
  try {
    await client.schedule.create(options);
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec: options.spec, action: options.action }));
  }
  return scheduleId;
}
