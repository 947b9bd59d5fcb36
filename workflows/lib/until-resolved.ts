// A step whose activity the database refused for good (ActivityDataRejected: no retry can
// fix it) stops and waits for a person instead of retrying forever in silence. It raises an
// `activity_failed` exception with everything known (workflow, activity, step, error); the
// workflow keeps answering queries meanwhile. The person's decision comes as a signal:
// `retry` (once a fix is deployed) runs the step again, `fail` gives it up — refused where
// money may have moved, because a ledger posting after the PSP moved money is never dropped.
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { createExceptionActivities } from '../../activities/exceptions';
import { ACTIVITY_FAILED } from '../../domain/activity-failures';
import { activityFailedSignal, activityFailedSubject, type ActivityFailedDecision } from '../../contracts/activity-failed.contract';
import { ACTIVITY_DATA_REJECTED, STEP_ABANDONED } from '../../domain/failures';

/** Raising the exception is itself a write that must not be lost: retried without limit. */
const exceptionWrite = {
  startToCloseTimeout: '15s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s' },
} satisfies ActivityOptions;

const { raiseException } = proxyActivities<ReturnType<typeof createExceptionActivities>>(exceptionWrite);

export interface StoppedStep {
  /** Names the step within its workflow, stable across replays: `savePayment:v3`. */
  step: string;
  activity: string;
}

export interface UntilResolvedOptions {
  /** Who the exception is about, for the queue's filters; kept in its context. */
  about: { merchantId?: string; paymentId?: string; psp?: string };
  /** True while giving a step up moves no money and loses no record of money moved. */
  mayFail: () => boolean;
}

function dataRejectionOf(error: unknown): ApplicationFailure | undefined {
  // A local activity's failure arrives unwrapped, a regular one's as an ActivityFailure.
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof ApplicationFailure && cause.type === ACTIVITY_DATA_REJECTED ? cause : undefined;
}

/** Create in the workflow's constructor, before any await, so its signal handler is there first. */
export class UntilResolved {
  private readonly decisions = new Map<string, ActivityFailedDecision>();

  constructor(private readonly options: UntilResolvedOptions) {
    setHandler(activityFailedSignal, (decision) => {
      this.decisions.set(decision.subject, decision);
    });
  }

  /** Runs `call`; a data rejection stops here until a person decides. */
  async run<T>(stopped: StoppedStep, call: () => Promise<T>): Promise<T> {
    for (let raised = 1; ; raised++) {
      try {
        return await call();
      } catch (error) {
        const rejection = dataRejectionOf(error);
        if (!rejection || !patched('activity-failed-waits-for-a-person')) throw error;
        const decision = await this.askAPerson(stopped, rejection, raised);
        if (decision.action === 'fail') {
          throw ApplicationFailure.create({
            type: STEP_ABANDONED,
            message: `step ${stopped.step} (${stopped.activity}) given up by ${decision.by}: ${rejection.message}`,
            nonRetryable: true,
            cause: error as Error,
          });
        }
      }
    }
  }

  private async askAPerson(stopped: StoppedStep, rejection: ApplicationFailure, raised: number): Promise<ActivityFailedDecision> {
    const { workflowId, runId, workflowType } = workflowInfo();
    const subject = activityFailedSubject(workflowId, stopped.step);
    const failAllowed = this.options.mayFail();
    this.decisions.delete(subject);
    const { merchantId, paymentId, psp } = this.options.about;
    await raiseException({
      kind: ACTIVITY_FAILED,
      subject,
      // No merchant id: the merchant's own list would show the database's words.
      ...(paymentId ? { paymentId } : {}),
      ...(psp ? { psp } : {}),
      context: {
        workflowId,
        runId,
        workflowType,
        activity: stopped.activity,
        step: stopped.step,
        error: { type: rejection.type, message: rejection.message, details: rejection.details?.[0] ?? null },
        ...(merchantId ? { merchantId } : {}),
        timesRaised: raised,
        actions: failAllowed ? ['retry', 'fail'] : ['retry'],
        failAllowed,
      },
    });
    for (;;) {
      await condition(() => this.decisions.has(subject));
      const decision = this.decisions.get(subject)!;
      this.decisions.delete(subject);
      // The API refuses `fail` where money moved; a stale or forged signal is no exception.
      if (decision.action === 'retry' || failAllowed) return decision;
    }
  }
}
