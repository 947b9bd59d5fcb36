// One workflow per payment: authorize, then capture (at once or on request), void an
// authorization nobody captured in time, and take refunds until the refund window closes.
// Every money movement is PSP call → ledger posting → read model, in that order, under one
// lock, so two requests never interleave their steps.
import {
  ActivityFailure,
  type ActivityOptions,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createLedgerActivities } from '../activities/ledger';
import type { createPaymentRecordActivities } from '../activities/payment-records';
import type { createPspActivities } from '../activities/psp-activities';
import * as postings from '../domain/ledger';
import { checkCancel, checkCapture, checkRefund, refundableAmount, type RuleViolation } from '../domain/payment/rules';
import * as transition from '../domain/payment/transitions';
import type { PaymentState, RefundState } from '../domain/payment/types';
import {
  awaitOutcomeUpdate,
  cancelUpdate,
  captureUpdate,
  paymentStateQuery,
  paymentStatusAttribute,
  refundUpdate,
  REQUEST_REFUSED,
  type PaymentInput,
  type RefundRequest,
} from './payment.contract';

/** PSP mutations: bounded retries with backoff; each retry carries the same idempotency key. */
const pspCall = {
  startToCloseTimeout: '20s',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '30s',
    maximumAttempts: 8,
    nonRetryableErrorTypes: ['PspRequestRejected'],
  },
} satisfies ActivityOptions;

/**
 * Ledger postings and read-model writes retry without limit: both are idempotent (posting
 * key, version guard), and once the PSP has moved money the posting must not be lost.
 */
const ledgerWrite = {
  startToCloseTimeout: '15s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s' },
} satisfies ActivityOptions;

/** How long an expired authorization waits before its void is tried again, when the PSP is down. */
const VOID_RETRY_INTERVAL = '1 hour';
/** How long a refund the PSP never answered waits before it is sent again (same key). */
const REFUND_RETRY_INTERVAL = '1 hour';

const psp = proxyActivities<ReturnType<typeof createPspActivities>>(pspCall);
const { postLedgerTransaction } = proxyActivities<ReturnType<typeof createLedgerActivities>>(ledgerWrite);
const { savePayment } = proxyActivities<ReturnType<typeof createPaymentRecordActivities>>(ledgerWrite);

/**
 * Workflow time, the only clock this file reads: deterministic on replay, because the SDK
 * pins Date to the time of the workflow task being processed.
 */
function nowMs(): number {
  return Date.now();
}

function now(): string {
  return new Date(nowMs()).toISOString();
}

function refuse(violation: RuleViolation): never {
  throw ApplicationFailure.create({
    type: REQUEST_REFUSED,
    message: violation.message,
    nonRetryable: true,
    details: [violation],
  });
}

/** A PSP call that failed for good, reduced to a code for the payment or refund. */
function pspFailure(error: unknown): { failureCode: string; failureMessage: string } {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) {
    const cause = error.cause;
    if (cause.type === 'PspRequestRejected') {
      const code = (cause.details?.[0] as { code?: string } | undefined)?.code;
      return { failureCode: code ?? 'psp_request_rejected', failureMessage: cause.message };
    }
  }
  return { failureCode: 'psp_unavailable', failureMessage: 'The payment processor could not be reached.' };
}

export async function paymentWorkflow(input: PaymentInput): Promise<PaymentState> {
  return new Payment(input).run();
}

class Payment {
  /** The working state; `published` is the last state the read model has. */
  private state: PaymentState;
  private published: PaymentState;
  /** A FIFO ticket lock: `serving` is the ticket whose step may run now. */
  private nextTicket = 0;
  private serving = 0;
  /** True until authorization (and, for automatic capture, the capture) has an outcome. */
  private starting: boolean;
  /** Refunds whose outcome at the PSP is unknown and that are being sent again. */
  private refundRetries = 0;

  constructor(private readonly input: PaymentInput) {
    this.state =
      input.resumeFrom ??
      transition.newPayment({
        id: input.paymentId,
        merchantId: input.merchantId,
        amount: input.amount,
        currency: input.currency,
        captureMethod: input.captureMethod,
        psp: input.psp,
        description: input.description,
        metadata: input.metadata,
        customer: input.customer,
        createdAt: input.createdAt,
      });
    this.published = this.state;
    this.starting = !input.resumeFrom;

    // Handlers first, before any await, so no message that arrives early is lost.
    setHandler(paymentStateQuery, () => this.published);
    setHandler(awaitOutcomeUpdate, async () => {
      await condition(() => !this.starting);
      return this.published;
    });
    setHandler(captureUpdate, ({ amount }) => this.exclusive(() => this.capture(amount)), {
      validator: ({ amount }) => this.check(checkCapture(this.state, amount)),
    });
    setHandler(cancelUpdate, () => this.exclusive(() => this.cancel()), {
      validator: () => this.check(checkCancel(this.state)),
    });
    setHandler(refundUpdate, (request) => this.exclusive(() => this.refund(request)), {
      validator: (request) => {
        if (this.state.refunds.some((r) => r.id === request.refundId)) return;
        this.check(checkRefund(this.state, request.amount));
      },
    });
  }

  async run(): Promise<PaymentState> {
    if (!this.input.resumeFrom) {
      await this.commit(this.state);
      await this.exclusive(() => this.authorize());
    }
    if (this.state.status === 'authorized' && this.input.captureMethod === 'automatic') {
      await this.exclusive(() => this.capture(undefined)).catch((error) => {
        // The authorization stands; the hold expiry below voids it if nobody captures.
        log.warn('automatic capture failed', { paymentId: this.state.id, error });
      });
    }
    this.starting = false;
    if (this.state.status === 'authorized') await this.holdUntilCapturedOrExpired();
    if (this.state.status === 'captured') await this.acceptRefundsUntilWindowCloses();
    await condition(() => allHandlersFinished() && this.refundRetries === 0);
    return this.published;
  }

  private check(violation: RuleViolation | undefined): void {
    if (violation) refuse(violation);
  }

  /**
   * Runs money movements one at a time, in arrival order; a handler re-checks its rule once
   * its turn comes. A ticket, not a flag: condition() releases every waiter whose predicate
   * holds in one pass, so `await condition(() => !busy); busy = true` lets several through.
   */
  private async exclusive<T>(step: () => Promise<T>): Promise<T> {
    const ticket = this.nextTicket++;
    await condition(() => this.serving === ticket);
    try {
      return await step();
    } finally {
      this.serving++;
    }
  }

  private idle(): boolean {
    return this.serving === this.nextTicket;
  }

  private async commit(next: PaymentState): Promise<void> {
    // Version 1 re-states the `processing` the API set at start. Redundant, but dropping it
    // would change the commands of payments already running (see test/replay).
    const statusChanged = next.status !== this.state.status || next.version === 1;
    this.state = next;
    await savePayment(next);
    if (statusChanged) upsertSearchAttributes([{ key: paymentStatusAttribute, value: next.status }]);
    this.published = next;
  }

  private ref() {
    const { id: paymentId, merchantId, psp: pspName, currency } = this.state;
    return { paymentId, merchantId, psp: pspName, currency };
  }

  private async authorize(): Promise<void> {
    const { input } = this;
    let outcome;
    try {
      outcome = await psp.authorizePayment({
        psp: input.psp,
        paymentId: input.paymentId,
        merchantId: input.merchantId,
        amount: input.amount,
        currency: input.currency,
        paymentMethod: input.paymentMethod,
        description: input.description,
        idempotencyKey: `${input.paymentId}:authorize`,
      });
    } catch (error) {
      await this.commit(transition.failed(this.state, now(), pspFailure(error)));
      return;
    }
    if (outcome.outcome === 'declined') {
      await this.commit(transition.failed(this.state, now(), outcome));
      return;
    }
    await postLedgerTransaction(postings.authorizationHold({ ...this.ref(), amount: outcome.amountCapturable }));
    const captureBefore = new Date(nowMs() + input.captureBeforeSeconds * 1000).toISOString();
    await this.commit(
      transition.authorized(this.state, now(), {
        pspReference: outcome.pspReference,
        amountCapturable: outcome.amountCapturable,
        captureBefore,
      }),
    );
  }

  private async capture(requested: number | undefined): Promise<PaymentState> {
    this.check(checkCapture(this.state, requested));
    const amount = requested ?? this.state.amountCapturable;
    let result;
    try {
      result = await psp.capturePayment({
        psp: this.state.psp,
        pspReference: this.state.pspReference!,
        amount,
        currency: this.state.currency,
        idempotencyKey: `${this.state.id}:capture:${amount}`,
      });
    } catch (error) {
      const failure = pspFailure(error);
      refuse({ code: failure.failureCode, message: failure.failureMessage });
    }
    await this.recordCapture(result.amountCaptured);
    return this.published;
  }

  private async recordCapture(amount: number): Promise<void> {
    await postLedgerTransaction(
      postings.capture({ ...this.ref(), authorizedAmount: this.state.amountCapturable, amount, feeBps: this.input.feeBps }),
    );
    await this.commit(transition.captured(this.state, now(), amount));
  }

  private async cancel(): Promise<PaymentState> {
    this.check(checkCancel(this.state));
    const failure = await this.voidAtPsp();
    if (failure) refuse({ code: failure.failureCode, message: failure.failureMessage });
    await this.releaseHold('canceled');
    return this.published;
  }

  /** The PSP's failure, or undefined once the authorization is voided there. */
  private async voidAtPsp(): Promise<ReturnType<typeof pspFailure> | undefined> {
    try {
      await psp.cancelPayment({
        psp: this.state.psp,
        pspReference: this.state.pspReference!,
        idempotencyKey: `${this.state.id}:cancel`,
      });
      return undefined;
    } catch (error) {
      return pspFailure(error);
    }
  }

  private async releaseHold(reason: 'canceled' | 'expired'): Promise<void> {
    await postLedgerTransaction(postings.holdRelease({ ...this.ref(), amount: this.state.amountCapturable, reason }));
    await this.commit(transition.canceled(this.state, now(), reason));
  }

  private async refund(request: RefundRequest): Promise<RefundState> {
    const existing = this.state.refunds.find((r) => r.id === request.refundId);
    if (existing) return existing;
    this.check(checkRefund(this.state, request.amount));
    const amount = request.amount ?? refundableAmount(this.state);
    const pending: RefundState = {
      id: request.refundId,
      amount,
      status: 'pending',
      reason: request.reason,
      createdAt: now(),
    };
    await this.commit(transition.refundStarted(this.state, pending));
    const answered = await this.sendRefund(pending);
    if (!answered) void this.resendUntilAnswered(pending.id);
    return transition.findRefund(this.state, request.refundId);
  }

  /**
   * Sends a refund to the PSP and records its answer. False when the PSP could not be reached:
   * it may or may not have refunded, so the refund stays pending and its amount reserved —
   * marking it failed would invite a second refund of the same money.
   */
  private async sendRefund(refund: RefundState): Promise<boolean> {
    let result;
    try {
      result = await psp.refundPayment({
        psp: this.state.psp,
        pspReference: this.state.pspReference!,
        amount: refund.amount,
        currency: this.state.currency,
        reason: refund.reason,
        refundId: refund.id,
        idempotencyKey: refund.id,
      });
    } catch (error) {
      const failure = pspFailure(error);
      if (failure.failureCode === 'psp_unavailable') return false;
      result = { outcome: 'failed' as const, failureCode: failure.failureCode, pspRefundReference: undefined };
    }
    if (result.outcome === 'succeeded') {
      await postLedgerTransaction(postings.refund({ ...this.ref(), refundId: refund.id, amount: refund.amount }));
      await this.commit(transition.refundSucceeded(this.state, now(), refund.id, result.pspRefundReference));
    } else if (result.outcome === 'failed') {
      await this.commit(
        transition.refundFailed(this.state, now(), refund.id, {
          failureCode: result.failureCode,
          pspReference: result.pspRefundReference,
        }),
      );
    }
    // A PSP that answers `pending` confirms later by webhook; the refund stays reserved.
    return true;
  }

  /** Sends an unanswered refund again, with the same idempotency key, until the PSP answers. */
  private async resendUntilAnswered(refundId: string): Promise<void> {
    this.refundRetries++;
    try {
      let answered = false;
      while (!answered) {
        await sleep(REFUND_RETRY_INTERVAL);
        answered = await this.exclusive(() => this.sendRefund(transition.findRefund(this.state, refundId)));
      }
    } finally {
      this.refundRetries--;
    }
  }

  private async holdUntilCapturedOrExpired(): Promise<void> {
    const remainingMs = Math.max(0, Date.parse(this.state.captureBefore!) - nowMs());
    // A zero timeout would mean "no timeout" to condition(); an expired hold is voided now.
    const settled = remainingMs > 0 && (await condition(() => this.state.status !== 'authorized', remainingMs));
    if (settled) return;
    for (;;) {
      const done = await this.exclusive(async () => {
        // A capture may have won the lock while the timer fired.
        if (this.state.status !== 'authorized') return true;
        const failure = await this.voidAtPsp();
        if (failure?.failureCode === 'psp_unavailable') return false;
        if (failure) {
          // Refused: ask the PSP what it holds before touching the ledger. A capture whose
          // answer never reached us is recorded as the capture it was.
          const atPsp = await psp.retrievePayment({ psp: this.state.psp, pspReference: this.state.pspReference! });
          if (atPsp.status === 'captured') {
            await this.recordCapture(atPsp.amountCaptured);
            return true;
          }
        }
        // Voided, or refused because the PSP's own hold lapsed first (Stripe cancels an
        // uncaptured PaymentIntent after 7 days): either way no money is held any more.
        await this.releaseHold('expired');
        return true;
      });
      if (done) return;
      // The PSP is down: keep the hold on the books and try again, without holding the lock.
      await sleep(VOID_RETRY_INTERVAL);
    }
  }

  private async acceptRefundsUntilWindowCloses(): Promise<void> {
    const capturedAt = this.state.history.find((e) => e.type === 'captured')!.at;
    const closesAt = Date.parse(capturedAt) + this.input.refundWindowSeconds * 1000;
    for (;;) {
      const remainingMs = closesAt - nowMs();
      if (remainingMs <= 0) return;
      const woke = await condition(
        () => transition.isFullyRefunded(this.state) || workflowInfo().continueAsNewSuggested,
        remainingMs,
      );
      if (!woke || transition.isFullyRefunded(this.state)) return;
      // A long refund history: carry the state into a fresh run once in-flight refunds finish.
      await condition(() => allHandlersFinished() && this.idle() && this.refundRetries === 0);
      await continueAsNew<typeof paymentWorkflow>({ ...this.input, resumeFrom: this.state });
    }
  }
}
