// The baseline: a bare workflow scheduling as many activities, one after another, as a
// payment with automatic capture does (route, save, risk check, authorize, post hold, save,
// publish payment.authorized, capture, post capture, save, publish payment.captured), so the
// difference to the payment run is holdfast's own cost.
import { proxyActivities } from '@temporalio/workflow';
import type { baselineActivities } from './activities';

const { noop } = proxyActivities<typeof baselineActivities>({ startToCloseTimeout: '10s' });

export const PAYMENT_ACTIVITY_COUNT = 11;

export async function bareWorkflow(activityCount: number): Promise<void> {
  for (let i = 0; i < activityCount; i++) await noop();
}
