// What the payment workflow tests share: typed activity mocks that record every call (with
// the workflow time it was scheduled at), and a harness that runs one worker per test on a
// task queue of its own against the time-skipping test server.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { createExceptionActivities } from '../../../activities/exceptions';
import type { createLedgerActivities } from '../../../activities/ledger';
import type { createMerchantEventActivities } from '../../../activities/merchant-events/activities';
import { decide, type createPaymentDecisionActivities } from '../../../activities/payment-decision';
import type { createPaymentRecordActivities } from '../../../activities/payment-records';
import type { createPaymentTransitionActivities } from '../../../activities/payment-transition';
import type { PspEvent } from '../../../domain/psp-gateway';
import type { createPspActivities } from '../../../activities/psp-activities';
import type { createRiskActivities } from '../../../activities/risk';
import type { createRoutingActivities } from '../../../activities/routing';
import type { RaisedEvent } from '../../../domain/events';
import type { Posting } from '../../../domain/ledger';
import type { RuleViolation } from '../../../domain/payment/rules';
import type { PaymentState } from '../../../domain/payment/types';
import { paymentWorkflowId, REQUEST_REFUSED, type PaymentInput } from '../../../contracts/payment.contract';
import { paymentWorkflow } from '../../../workflows/payment.workflow';
import { refusalDetails } from './failures';
import { RecordingMocks, type InputOf as ActivityInput, type RecordedCall } from './recording-mocks';
import { withTestWorker } from './worker-per-test';

export { pspNotConfigured, pspNotReached, pspRejected } from './failures';
export { deferred } from './recording-mocks';
export { prepareHarness } from './worker-per-test';

// ---------------------------------------------------------------------------------------
// Typed activity mocks that record every call
// ---------------------------------------------------------------------------------------

/** Every activity the payment workflow schedules, typed by the factories that build them. */
export type Activities = ReturnType<typeof createPspActivities> &
  ReturnType<typeof createPaymentDecisionActivities> &
  ReturnType<typeof createLedgerActivities> &
  ReturnType<typeof createPaymentRecordActivities> &
  ReturnType<typeof createPaymentTransitionActivities> &
  ReturnType<typeof createRoutingActivities> &
  ReturnType<typeof createRiskActivities> &
  ReturnType<typeof createExceptionActivities> &
  Pick<ReturnType<typeof createMerchantEventActivities>, 'publishPaymentEvent'>;
export type ActivityName = keyof Activities;
export type InputOf<K extends ActivityName> = ActivityInput<Activities, K>;
export type Call = RecordedCall<Activities>;

export class MockActivities extends RecordingMocks<Activities> {
  constructor(overrides: Partial<Activities> = {}) {
    // The decision asks the two mocks below (or a test's overrides of them), recorded as the
    // calls they are, through the worker's own composition.
    let recorded: Activities | undefined;
    super({
      decidePayment: (input) => decide(recorded!, input),
      choosePsps: async (r) => (r.requestedPsp ? [r.requestedPsp] : ['stripe']),
      assessRisk: async () => ({ decision: 'allow' }),
      authorizePayment: async (r) => ({ outcome: 'authorized', pspReference: `pi_${r.paymentId}`, amountCapturable: r.amount }),
      lookupAuthorization: async (r) => ({ outcome: 'authorized', pspReference: `pi_${r.paymentId}`, amountCapturable: r.amount }),
      completeAction: async (r) => ({
        outcome: 'authorized',
        pspReference: r.pspReference,
        amountCapturable: r.authorization.amount,
      }),
      capturePayment: async (r) => ({ outcome: 'captured', amountCaptured: r.amount }),
      cancelPayment: async () => ({ outcome: 'canceled' }),
      refundPayment: async (r) => ({ outcome: 'succeeded', pspRefundReference: `psp_${r.refundId}` }),
      retrievePayment: async (r) => ({
        pspReference: r.pspReference,
        status: 'canceled',
        amount: 0,
        amountCapturable: 0,
        amountCaptured: 0,
        currency: 'usd',
      }),
      postLedgerTransaction: async () => ({ transactionId: `ltx_${randomUUID()}`, created: true }),
      savePayment: async () => undefined,
      publishPaymentEvent: async () => ({ eventId: `evt_${randomUUID()}` }),
      recordPaymentTransition: async () => undefined,
      raiseException: async () => `exc_${randomUUID()}`,
      resolveException: async () => undefined,
      ...overrides,
    });
    recorded = this.activities;
  }

  /**
   * Call names without the bookkeeping around each commit (read model, merchant events) or the
   * decision that asks routing and risk (they are listed themselves). A
   * transition write that books a posting stands for the posting step (postLedgerTransaction
   * before the hot path), so the sequence reads the same on both paths.
   */
  steps(): ActivityName[] {
    return this.writes().flatMap((c): ActivityName[] => {
      if (c.name === 'savePayment' || c.name === 'publishPaymentEvent' || c.name === 'decidePayment') return [];
      if (c.name === 'recordPaymentTransition') return c.input.posting ? ['postLedgerTransaction'] : [];
      return [c.name];
    });
  }

  /**
   * The calls, each transition write once. A local activity runs at least once: a workflow
   * task that fails to complete (a signal arrived as it closed the workflow) runs it again,
   * which the real write, keyed by version, posting key and source keys, turns into a no-op.
   */
  private writes(): Call[] {
    const versions = new Set<number>();
    return this.calls.filter((c) => {
      if (c.name !== 'recordPaymentTransition') return true;
      if (versions.has(c.input.state.version)) return false;
      versions.add(c.input.state.version);
      return true;
    });
  }

  /** Every posting booked, by either path, in order. */
  postings(): Posting[] {
    return this.bookings().map((b) => b.posting);
  }

  /** Workflow time each posting was booked at. */
  postingTimes(): number[] {
    return this.bookings().map((b) => b.at);
  }

  postingKeys(): string[] {
    return this.postings().map((p) => p.postingKey);
  }

  /** Every payment state written to the read model, in order. */
  saved(): PaymentState[] {
    return this.writes().flatMap((c) => {
      if (c.name === 'savePayment') return [c.input];
      if (c.name === 'recordPaymentTransition') return [c.input.state];
      return [];
    });
  }

  savedVersions(): number[] {
    return this.saved().map((s) => s.version);
  }

  /** The merchant events published, by type, in order. */
  eventTypes(): string[] {
    return this.events().map((e) => e.type);
  }

  /** The merchant events published, in order, by either path. */
  events(): RaisedEvent[] {
    return this.writes().flatMap((c): RaisedEvent[] => {
      if (c.name === 'publishPaymentEvent') return [c.input];
      if (c.name === 'recordPaymentTransition') return c.input.events;
      return [];
    });
  }

  /** Resolves once an event of this type has been published, by either path. */
  published(type: string): Promise<void> {
    return this.calledWhere(
      (c) =>
        (c.name === 'publishPaymentEvent' && c.input.type === type) ||
        (c.name === 'recordPaymentTransition' && c.input.events.some((e) => e.type === type)),
    );
  }

  private bookings(): { posting: Posting; at: number }[] {
    return this.writes().flatMap((c) => {
      if (c.name === 'postLedgerTransaction') return [{ posting: c.input, at: c.at }];
      if (c.name === 'recordPaymentTransition' && c.input.posting) return [{ posting: c.input.posting, at: c.at }];
      return [];
    });
  }
}

/** A verified PSP webhook event about a payment, as the API signals it. */
export function pspEvent(event: Partial<PspEvent> & Pick<PspEvent, 'kind' | 'pspReference'>): PspEvent {
  return { psp: 'stripe', eventId: `evt_${randomUUID()}`, occurredAt: new Date().toISOString(), ...event };
}

// ---------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------

export type PaymentHandle = WorkflowHandle<typeof paymentWorkflow>;

/** Workflows a test left running; terminated after it so no timer of theirs outlives it. */
const started: PaymentHandle[] = [];

/** A safety net for afterEach: withWorker already ends what its test started. */
export async function terminateStarted(): Promise<void> {
  for (const handle of started.splice(0)) {
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') await handle.terminate('test finished');
  }
}

export interface Run {
  env: TestWorkflowEnvironment;
  /** The worker's own task queue. */
  taskQueue: string;
  start(input: PaymentInput): Promise<PaymentHandle>;
}

/** Runs `body` with a worker on a task queue of its own, serving the mocked activities. */
export async function withWorker<T>(mocks: MockActivities, body: (run: Run) => Promise<T>): Promise<T> {
  return withTestWorker('payment-workflow', mocks.activities, ({ env, taskQueue, track }) =>
    body({
      env,
      taskQueue,
      async start(input) {
        const handle = await env.client.workflow.start(paymentWorkflow, {
          taskQueue,
          workflowId: paymentWorkflowId(input.paymentId),
          args: [input],
        });
        started.push(handle);
        return track(handle);
      },
    }),
  );
}

/** The refusal an Update failed with: asserts its shape and returns the rule violation. */
export function refusalOf(update: Promise<unknown>): Promise<RuleViolation> {
  return refusalDetails<RuleViolation>(update, REQUEST_REFUSED);
}

/** Update ids of every Update the workflow's history records as accepted or completed. */
export async function updatesInHistory(handle: PaymentHandle): Promise<{ accepted: string[]; completed: string[] }> {
  const history = await handle.fetchHistory();
  const accepted: string[] = [];
  const completed: string[] = [];
  for (const event of history.events ?? []) {
    const acceptedId = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId;
    if (acceptedId) accepted.push(acceptedId);
    const completedId = event.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId;
    if (completedId) completed.push(completedId);
  }
  return { accepted, completed };
}

/**
 * The workflow's history reduced to what ordering assertions need, in history order:
 * `scheduled:<activity>`, `signaled:<signal>`, `update-accepted:<id>`, `update-completed:<id>`.
 */
export async function historyLabels(handle: PaymentHandle): Promise<string[]> {
  const history = await handle.fetchHistory();
  const labels: string[] = [];
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes?.activityType?.name;
    if (scheduled) labels.push(`scheduled:${scheduled}`);
    const signaled = event.workflowExecutionSignaledEventAttributes?.signalName;
    if (signaled) labels.push(`signaled:${signaled}`);
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId;
    if (accepted) labels.push(`update-accepted:${accepted}`);
    const completed = event.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId;
    if (completed) labels.push(`update-completed:${completed}`);
  }
  return labels;
}

/** Workflow time of the payment's first history event of this type. */
export function eventTime(state: { history: { type: string; at: string }[] }, type: string): number {
  const event = state.history.find((e) => e.type === type);
  assert.ok(event, `no ${type} event in ${state.history.map((e) => e.type).join(', ')}`);
  return Date.parse(event.at);
}

/** When the workflow closed, in workflow time (the test server's skipped clock). */
export async function closeTime(handle: PaymentHandle): Promise<number> {
  const { closeTime: closed } = await handle.describe();
  assert.ok(closed, 'the workflow has not closed');
  return closed.getTime();
}

export function assertStrictlyIncreasing(versions: number[]): void {
  assert.ok(versions.length > 0, 'no savePayment call');
  for (let i = 1; i < versions.length; i++) {
    assert.ok(versions[i]! > versions[i - 1]!, `savePayment versions not strictly increasing: ${versions.join(', ')}`);
  }
}

export function entryAmount(posting: InputOf<'postLedgerTransaction'>, account: string): number | undefined {
  return posting.entries.find((e) => e.account === account)?.amount;
}
