// What the dispute workflow tests share: typed mocks of the activities it schedules, recording
// each call with the workflow time it was scheduled at, and a harness that starts a dispute
// the way the API does (signal-with-start with the opening event), one worker and task queue
// per test, on the time-skipping test server.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import type { createDisputeActivities } from '../../../activities/disputes/activities';
import type { createLedgerActivities } from '../../../activities/ledger';
import type { createMerchantEventActivities } from '../../../activities/merchant-events/activities';
import type { DisputeEvent } from '../../../domain/psp-gateway';
import { disputeView } from '../../../views/dispute';
import { DISPUTE_REQUEST_REFUSED, disputeEventSignal, disputeWorkflowId, type DisputeInput } from '../../../contracts/dispute.contract';
import { disputeWorkflow } from '../../../workflows/dispute.workflow';
import { refusalDetails } from './failures';
import { RecordingMocks, type InputOf as ActivityInput } from './recording-mocks';
import { withTestWorker } from './worker-per-test';

export { pspRejected } from './failures';
export { deferred } from './recording-mocks';
export { prepareHarness as prepareDisputeHarness } from './worker-per-test';

export type DisputeActivities = ReturnType<typeof createDisputeActivities> &
  Pick<ReturnType<typeof createLedgerActivities>, 'postLedgerTransaction'> &
  Pick<ReturnType<typeof createMerchantEventActivities>, 'publishObjectEvent'>;
export type InputOf<K extends keyof DisputeActivities> = ActivityInput<DisputeActivities, K>;

export class DisputeMocks extends RecordingMocks<DisputeActivities> {
  /** By default the payment was 10000 captured in full, not split, and every call succeeds. */
  constructor(overrides: Partial<DisputeActivities> = {}) {
    super({
      disputedPayment: async () => ({ amount: 10_000, amountCaptured: 10_000, splits: null }),
      saveDispute: async (state) => disputeView(state),
      submitEvidenceToPsp: async () => undefined,
      postLedgerTransaction: async () => ({ transactionId: `ltx_${randomUUID()}`, created: true }),
      publishObjectEvent: async () => ({ eventId: `evt_${randomUUID()}` }),
      ...overrides,
    });
  }

  postingKeys(): string[] {
    return this.inputsOf('postLedgerTransaction').map((p) => p.postingKey);
  }

  /** The merchant events published, by type, in order. */
  eventTypes(): string[] {
    return this.inputsOf('publishObjectEvent').map((e) => e.type);
  }

  /** Workflow time each event of this type was published at. */
  eventTimes(type: string): number[] {
    return this.calls.filter((c) => c.name === 'publishObjectEvent' && c.input.type === type).map((c) => c.at);
  }

  savedVersions(): number[] {
    return this.inputsOf('saveDispute').map((s) => s.version);
  }
}

/** A unique 3333 usd dispute at stripe, due `dueInMs` after the test server's now. */
export async function newDisputeInput(
  env: TestWorkflowEnvironment,
  { dueInMs = 7 * 24 * 3600_000, ...overrides }: Partial<DisputeInput> & { dueInMs?: number } = {},
): Promise<DisputeInput> {
  const disputeId = `dp_${randomUUID().replaceAll('-', '')}`;
  return {
    disputeId,
    merchantId: 'mer_test',
    paymentId: `pay_${randomUUID().replaceAll('-', '')}`,
    psp: 'stripe',
    pspDisputeReference: `du_${disputeId}`,
    pspReference: `pi_${disputeId}`,
    amount: 3333,
    currency: 'usd',
    reason: 'fraudulent',
    evidenceDueBy: new Date((await env.currentTimeMs()) + dueInMs).toISOString(),
    reminderSeconds: 2 * 24 * 3600,
    ...overrides,
  };
}

/** A verified PSP webhook about this dispute, as the API signals it; a fresh event id unless given. */
export function disputeEvent(input: DisputeInput, kind: DisputeEvent['kind'], overrides: Partial<DisputeEvent> = {}): DisputeEvent {
  return {
    psp: input.psp,
    eventId: `evt_${randomUUID()}`,
    kind,
    pspDisputeReference: input.pspDisputeReference,
    pspReference: input.pspReference,
    paymentId: input.paymentId,
    amount: input.amount,
    currency: input.currency,
    reason: input.reason,
    evidenceDueBy: input.evidenceDueBy,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

export type DisputeHandle = WorkflowHandle<typeof disputeWorkflow>;

export interface DisputeRun {
  env: TestWorkflowEnvironment;
  /** Starts the dispute as the API does: signal-with-start with its opening event. */
  start(input: DisputeInput): Promise<DisputeHandle>;
}

/** Runs `body` with a worker on a task queue of its own, serving the mocked activities. */
export async function withDisputeWorker<T>(mocks: DisputeMocks, body: (run: DisputeRun) => Promise<T>): Promise<T> {
  return withTestWorker('dispute-workflow', mocks.activities, ({ env, taskQueue, track }) =>
    body({
      env,
      async start(input) {
        const handle = await env.client.workflow.signalWithStart(disputeWorkflow, {
          taskQueue,
          workflowId: disputeWorkflowId(input.disputeId),
          args: [input],
          signal: disputeEventSignal,
          signalArgs: [disputeEvent(input, 'dispute_opened')],
        });
        return track(handle);
      },
    }),
  );
}

/** The refusal an Update failed with: asserts its type and returns details[0]. */
export function refusalOf(update: Promise<unknown>): Promise<{ code: string; message: string }> {
  return refusalDetails(update, DISPUTE_REQUEST_REFUSED);
}

/** How many Updates the workflow's history records as accepted (a validator's refusal leaves none). */
export async function acceptedUpdates(handle: DisputeHandle): Promise<number> {
  const { events } = await handle.fetchHistory();
  return (events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
}
