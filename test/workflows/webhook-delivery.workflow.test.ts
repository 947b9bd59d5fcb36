// The webhook delivery workflow on the time-skipping test server, with its activities mocked:
// the order it delivers a payment's events in, how long it keeps trying, and what it does
// after giving up. Retry backoff runs at its real length; the test server skips the waiting.
import { Context } from '@temporalio/activity';
import type { WorkflowHandle, WorkflowHandleWithSignaledRunId } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { createMerchantEventActivities } from '../../activities/merchant-events/activities';
import { workflowBundle } from '../../workers/workflow-bundle';
import {
  deliveryQueueQuery,
  eventQueuedSignal,
  webhookDeliveryWorkflowId,
  type WebhookDeliveryInput,
} from '../../contracts/webhook-delivery.contract';
import { webhookDeliveryWorkflow } from '../../workflows/webhook-delivery.workflow';
import { timeSkippingEnv, uniqueTaskQueue } from '../support/temporal';
import { DELIVERY_NOT_FOUND } from '../../domain/failures';

const THREE_DAYS_MS = 3 * 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

type DeliveryActivities = Pick<ReturnType<typeof createMerchantEventActivities>, 'deliverEvent' | 'markDeliveryFailed'>;
type DeliverInput = Parameters<DeliveryActivities['deliverEvent']>[0];

/** Mocked activities that record every attempt; `endpoint` decides how each attempt ends. */
class MockEndpoint {
  readonly attempts: Array<{ eventId: string; attempt: number }> = [];
  readonly delivered: string[] = [];
  readonly givenUp: string[] = [];
  readonly activities: DeliveryActivities;

  constructor(endpoint: (input: DeliverInput, attempt: number) => void = () => undefined) {
    this.activities = {
      deliverEvent: async (input) => {
        const { attempt } = Context.current().info;
        this.attempts.push({ eventId: input.eventId, attempt });
        endpoint(input, attempt);
        this.delivered.push(input.eventId);
        return 'delivered';
      },
      markDeliveryFailed: async ({ eventId }) => {
        this.givenUp.push(eventId);
      },
    };
  }

  attemptsAt(eventId: string): number {
    return this.attempts.filter((a) => a.eventId === eventId).length;
  }
}

/** A promise plus the function that resolves it, to wait for a mocked activity to be reached. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

type DeliveryHandle = WorkflowHandle<typeof webhookDeliveryWorkflow>;

/** Workflows a test left running; terminated after it so no retry of theirs outlives it. */
const started: DeliveryHandle[] = [];

interface Run {
  /** Hands one event to the (endpoint, payment) workflow, as publishPaymentEvent does. */
  queue(eventId: string): Promise<WorkflowHandleWithSignaledRunId<typeof webhookDeliveryWorkflow>>;
  /** Starts a run as continue-as-new would, with events already queued. */
  resume(queued: string[]): Promise<DeliveryHandle>;
}

async function withWorker<T>(mocks: MockEndpoint, body: (run: Run) => Promise<T>): Promise<T> {
  const env = await timeSkippingEnv();
  const taskQueue = uniqueTaskQueue('webhook-delivery');
  const input: WebhookDeliveryInput = { endpointId: `we_${randomUUID().slice(0, 8)}`, paymentId: `pay_${randomUUID().slice(0, 8)}` };
  const workflowId = webhookDeliveryWorkflowId(input.endpointId, input.paymentId);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: mocks.activities,
  });
  const track = <H extends DeliveryHandle>(handle: H): H => {
    started.push(handle);
    return handle;
  };
  const run: Run = {
    queue: async (eventId) =>
      track(
        await env.client.workflow.signalWithStart(webhookDeliveryWorkflow, {
          workflowId,
          taskQueue,
          args: [input],
          signal: eventQueuedSignal,
          signalArgs: [{ eventId }],
        }),
      ),
    resume: async (queued) =>
      track(await env.client.workflow.start(webhookDeliveryWorkflow, { workflowId, taskQueue, args: [{ ...input, queued }] })),
  };
  return worker.runUntil(() => body(run));
}

/** How long the run took in workflow time (the test server's skipped clock). */
async function runDurationMs(handle: DeliveryHandle): Promise<number> {
  const { startTime, closeTime } = await handle.describe();
  assert.ok(closeTime, 'the workflow has not closed');
  return closeTime.getTime() - startTime.getTime();
}

describe('webhook delivery workflow (time-skipping, mocked activities)', function () {
  this.timeout(120_000);

  before(async function () {
    // The first test pays for starting the test server and bundling the workflow code.
    this.timeout(300_000);
    await Promise.all([timeSkippingEnv(), workflowBundle()]);
  });

  afterEach(async () => {
    for (const handle of started.splice(0)) {
      const { status } = await handle.describe();
      if (status.name === 'RUNNING') await handle.terminate('test finished');
    }
  });

  it("keeps a payment's order: later events wait while the first fails several times", async () => {
    const firstAttempt = deferred();
    const mocks = new MockEndpoint(({ eventId }, attempt) => {
      if (eventId !== 'evt_1') return;
      firstAttempt.resolve();
      if (attempt <= 4) throw new Error('endpoint answered HTTP 500');
    });

    await withWorker(mocks, async ({ queue }) => {
      const handle = await queue('evt_1');
      // Queued while evt_1 is failing: they must not overtake it.
      await firstAttempt.promise;
      await queue('evt_2');
      await queue('evt_3');
      await handle.result();
    });

    assert.deepEqual(mocks.delivered, ['evt_1', 'evt_2', 'evt_3']);
    assert.deepEqual(
      mocks.attempts.map((a) => `${a.eventId}#${a.attempt}`),
      ['evt_1#1', 'evt_1#2', 'evt_1#3', 'evt_1#4', 'evt_1#5', 'evt_2#1', 'evt_3#1'],
    );
    assert.deepEqual(mocks.givenUp, []);
  });

  it('gives up on an event after 3 days of backoff, records it failed, and delivers the next', async () => {
    const mocks = new MockEndpoint(({ eventId }) => {
      if (eventId === 'evt_dead') throw new Error('connect ECONNREFUSED');
    });

    const handle = await withWorker(mocks, async ({ queue }) => {
      const first = await queue('evt_dead');
      await queue('evt_next');
      await first.result();
      return first;
    });

    assert.deepEqual(mocks.givenUp, ['evt_dead']);
    assert.deepEqual(mocks.delivered, ['evt_next']);
    assert.deepEqual([...new Set(mocks.attempts.map((a) => a.eventId))], ['evt_dead', 'evt_next']);
    const took = await runDurationMs(handle);
    // Temporal gives up at the last attempt whose successor would miss the 3-day deadline.
    assert.ok(took > THREE_DAYS_MS - HOUR_MS && took <= THREE_DAYS_MS, `gave up after ${took / HOUR_MS} hours`);
    // Doubling from 1 s reaches the 1 h cap at attempt 13 (~68 min in); then hourly: 83 in 72 h.
    const attempts = mocks.attemptsAt('evt_dead');
    assert.ok(attempts >= 82 && attempts <= 84, `${attempts} attempts`);
  });

  it('gives up at once when the delivery does not exist, without 3 days of retries', async () => {
    const mocks = new MockEndpoint(({ eventId }) => {
      if (eventId === 'evt_gone') throw ApplicationFailure.nonRetryable('no such delivery', DELIVERY_NOT_FOUND);
    });

    const handle = await withWorker(mocks, async ({ queue }) => {
      const first = await queue('evt_gone');
      await queue('evt_after');
      await first.result();
      return first;
    });

    assert.equal(mocks.attemptsAt('evt_gone'), 1);
    assert.deepEqual(mocks.givenUp, ['evt_gone']);
    assert.deepEqual(mocks.delivered, ['evt_after']);
    assert.ok((await runDurationMs(handle)) < HOUR_MS);
  });

  it('an event queued again while it is still waiting is delivered once', async () => {
    const firstAttempt = deferred();
    const mocks = new MockEndpoint(({ eventId }, attempt) => {
      if (eventId !== 'evt_a') return;
      firstAttempt.resolve();
      // Failing twice keeps it waiting (1 s, then 2 s) while it is queued again.
      if (attempt <= 2) throw new Error('endpoint answered HTTP 503');
    });

    await withWorker(mocks, async ({ queue }) => {
      const handle = await queue('evt_a');
      await firstAttempt.promise;
      await queue('evt_b');
      await queue('evt_b');
      await queue('evt_a');
      assert.deepEqual(await handle.query(deliveryQueueQuery), ['evt_a', 'evt_b']);
      await handle.result();
    });

    assert.deepEqual(mocks.delivered, ['evt_a', 'evt_b']);
  });

  it('finishes when its queue is empty; a later event starts a new run', async () => {
    const mocks = new MockEndpoint();

    const [first, second] = await withWorker(mocks, async ({ queue }) => {
      const one = await queue('evt_1');
      await one.result();
      const two = await queue('evt_2');
      await two.result();
      return [one, two];
    });

    assert.deepEqual(mocks.delivered, ['evt_1', 'evt_2']);
    assert.notEqual(first.signaledRunId, second.signaledRunId);
  });

  it('a continued run delivers the events it carried before those queued later', async () => {
    const mocks = new MockEndpoint();

    await withWorker(mocks, async ({ queue, resume }) => {
      const continued = await resume(['evt_1', 'evt_2']);
      // Joins the continued run, or starts the next one if that run has finished already.
      const latest = await queue('evt_3');
      // One result() at a time: the test server's time skipping misbehaves with two waiting.
      await latest.result();
      await continued.result();
    });

    assert.deepEqual(mocks.delivered, ['evt_1', 'evt_2', 'evt_3']);
  });
});
