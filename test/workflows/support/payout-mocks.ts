// What the payout and payout schedule workflow tests share: typed activity mocks that record
// every call (with the workflow time it was scheduled at), input builders, and a harness that
// runs one worker per test on a task queue of its own against the time-skipping test server.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import type { createLedgerActivities } from '../../../activities/ledger';
import type { createMerchantEventActivities } from '../../../activities/merchant-events/activities';
import type { createPayoutActivities } from '../../../activities/payouts/activities';
import type { PayoutEvent } from '../../../domain/psp-gateway';
import { payoutView } from '../../../views/payout';
import { payoutReserved } from '../../../domain/ledger';
import type { PayoutScheduleInput } from '../../../contracts/payout-schedule.contract';
import { payoutScheduleWorkflowId } from '../../../contracts/payout-schedule.contract';
import { payoutScheduleWorkflow } from '../../../workflows/payout-schedule.workflow';
import { payoutWorkflowId, type PayoutInput } from '../../../contracts/payout.contract';
import { payoutWorkflow } from '../../../workflows/payout.workflow';
import { refusalDetails } from './failures';
import { RecordingMocks, type InputOf as ActivityInput } from './recording-mocks';
import { withTestWorker } from './worker-per-test';

export { deferred } from './recording-mocks';
export { prepareHarness } from './worker-per-test';

export type PayoutActivities = ReturnType<typeof createPayoutActivities> &
  ReturnType<typeof createLedgerActivities> &
  Pick<ReturnType<typeof createMerchantEventActivities>, 'publishObjectEvent'>;
export type InputOf<K extends keyof PayoutActivities> = ActivityInput<PayoutActivities, K>;

export class PayoutMocks extends RecordingMocks<PayoutActivities> {
  constructor(overrides: Partial<PayoutActivities> = {}) {
    // The reservation posts through the (recorded, overridable) ledger mock, so postingKeys()
    // and an overdraft refusal read the same whichever way the workflow reserves.
    let self: PayoutMocks | undefined;
    super({
      reservePayout: async ({ payout, approvalThreshold }) => {
        await self!.activities.postLedgerTransaction(payoutReserved({ ...payout, payoutId: payout.id }));
        return { status: payout.amount > approvalThreshold ? 'requires_approval' : 'pending' };
      },
      postLedgerTransaction: async () => ({ transactionId: `ltx_${randomUUID()}`, created: true }),
      savePayout: async (state) => payoutView(state),
      sendPayout: async (r) => ({ outcome: 'pending', pspPayoutReference: `psp_${r.payoutId}` }),
      payableBalances: async () => [],
      publishObjectEvent: async () => ({ eventId: `evt_${randomUUID()}` }),
      ...overrides,
    });
    self = this;
  }

  postingKeys(): string[] {
    return this.inputsOf('postLedgerTransaction').map((p) => p.postingKey);
  }

  /** Status and version of every read-model write, in order. */
  saved(): string[] {
    return this.inputsOf('savePayout').map((s) => `${s.status}@${s.version}`);
  }

  events(): string[] {
    return this.inputsOf('publishObjectEvent').map((e) => `${e.type} ${e.sourceKey}`);
  }
}

/** The ledger's overdraft refusal, as the ledger activity raises it. */
export function insufficientFunds(): ApplicationFailure {
  return ApplicationFailure.create({ type: 'InsufficientFunds', message: 'would overdraw', nonRetryable: true });
}

/** A unique 1000 usd manual payout through stripe, below an approval threshold of 10000. */
export function newPayoutInput(overrides: Partial<PayoutInput> = {}): PayoutInput {
  return {
    payoutId: `po_${randomUUID().replaceAll('-', '')}`,
    merchantId: 'mer_test',
    sellerId: 'sel_test',
    amount: 1000,
    currency: 'usd',
    psp: 'stripe',
    method: 'manual',
    approvalThreshold: 10_000,
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

/** A verified PSP webhook about a payout, as the API signals it. */
export function payoutEvent(event: Pick<PayoutEvent, 'kind' | 'pspPayoutReference'> & Partial<PayoutEvent>): PayoutEvent {
  return { psp: 'stripe', eventId: `evt_${randomUUID()}`, occurredAt: new Date().toISOString(), ...event };
}

/** The failure details an Update was refused with; asserts the failure's type. */
export function refusalOf(update: Promise<unknown>, type: string): Promise<{ code: string; message: string; param?: string }> {
  return refusalDetails(update, type);
}

export type PayoutHandle = WorkflowHandle<typeof payoutWorkflow>;
export type ScheduleHandle = WorkflowHandle<typeof payoutScheduleWorkflow>;

export interface PayoutRun {
  env: TestWorkflowEnvironment;
  client: Client;
  startPayout(input: PayoutInput): Promise<PayoutHandle>;
  startSchedule(input: PayoutScheduleInput): Promise<ScheduleHandle>;
  /** Ends this workflow (one a workflow under test started) with the test's own. */
  adopt(workflowId: string): void;
}

/**
 * Runs `body` with a worker on a task queue of its own, serving the mocks. Workflows still
 * running afterwards (payouts waiting for a webhook) are ended once at rest.
 */
export async function withPayoutWorker<T>(mocks: PayoutMocks, body: (run: PayoutRun) => Promise<T>): Promise<T> {
  return withTestWorker('payout-workflow', mocks.activities, ({ env, taskQueue, track }) =>
    body({
      env,
      client: env.client,
      async startPayout(input) {
        const workflowId = payoutWorkflowId(input.payoutId);
        return track(await env.client.workflow.start(payoutWorkflow, { taskQueue, workflowId, args: [input] }));
      },
      async startSchedule(input) {
        const workflowId = payoutScheduleWorkflowId(input.sellerId);
        return track(await env.client.workflow.start(payoutScheduleWorkflow, { taskQueue, workflowId, args: [input] }));
      },
      adopt(workflowId) {
        track(env.client.workflow.getHandle(workflowId));
      },
    }),
  );
}
