// Everything a caller needs to talk to a seller's payout schedule: one long-lived workflow
// per seller whose schedule is not `manual`.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { PayoutSchedule } from '../domain/marketplace/types';
import type { PspName } from '../domain/psp';

export interface PayoutScheduleInput {
  sellerId: string;
  merchantId: string;
  schedule: PayoutSchedule;
  psp: PspName;
  /** Runs fall at midnight in this IANA time zone (PLATFORM_TIME_ZONE). */
  timeZone: string;
  approvalThreshold: number;
}

/** The seller's schedule changed (`POST /v1/sellers/:id`); `manual` ends the workflow. */
export const scheduleChangedSignal = defineSignal<[PayoutSchedule]>('scheduleChanged');
/** ISO time of the next run, or null when the schedule is manual. */
export const nextPayoutRunQuery = defineQuery<string | null>('nextRun');

export function payoutScheduleWorkflowId(sellerId: string): string {
  return `payout-schedule-${sellerId}`;
}

/** The name the worker registers the workflow under; clients start it by this name. */
export const PAYOUT_SCHEDULE_WORKFLOW = 'payoutScheduleWorkflow';

/** The workflow's signature: clients type their calls with it instead of importing the workflow. */
export type PayoutScheduleWorkflow = (input: PayoutScheduleInput) => Promise<void>;
