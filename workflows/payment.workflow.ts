// One workflow per payment: check risk, route to a PSP and authorize (failing over only when
// the PSP was never reached), resolve an unknown outcome by lookup or webhook, wait for the
// shopper's 3-D Secure challenge, then capture (at once or on request), void an
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
  type LocalActivityOptions,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createExceptionActivities } from '../activities/exceptions';
import type { createLedgerActivities } from '../activities/ledger';
import type { createMerchantEventActivities } from '../activities/merchant-events/activities';
import type { createPaymentRecordActivities } from '../activities/payment-records';
import type { createPaymentTransitionActivities } from '../activities/payment-transition';
import type { AuthorizeRequest, AuthorizeResult, PspEvent, PspPaymentSnapshot } from '../activities/psp/gateway';
import type { createPspActivities } from '../activities/psp-activities';
import type { createRiskActivities } from '../activities/risk';
import type { createRoutingActivities } from '../activities/routing';
import { ACTIVITY_DATA_REJECTED } from '../domain/activity-failures';
import { eventsRaised } from '../domain/events';
import * as postings from '../domain/ledger';
import { captureParts, refundParts, type SellerPart } from '../domain/marketplace/allocate';
import {
  checkCancel,
  checkCapture,
  checkConfirm,
  checkRefund,
  isUndecided,
  refundableAmount,
  unexpectedState,
  type RuleViolation,
} from '../domain/payment/rules';
import * as transition from '../domain/payment/transitions';
import type { PaymentState, RefundState } from '../domain/payment/types';
import { PSP_NAMES, type PspName } from '../domain/psp';
import { riskFailure } from '../domain/risk';
import {
  awaitOutcomeUpdate,
  cancelUpdate,
  captureUpdate,
  confirmUpdate,
  disputeSignal,
  expireHoldUpdate,
  paymentStateQuery,
  paymentStatusAttribute,
  pspAttribute,
  pspEventSignal,
  refundUpdate,
  REQUEST_REFUSED,
  settledSignal,
  type ConfirmRequest,
  type PaymentInput,
  type RefundRequest,
} from './payment.contract';
import { UntilResolved } from './lib/until-resolved';

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
 * Authorizations are tried once: a failure that is not a clear "never reached" or "refused"
 * leaves the outcome unknown, and the workflow resolves it by lookup rather than by blind
 * retries (Kill Bill's UNKNOWN state). Lookups are single attempts inside a backoff loop.
 */
const pspDecisiveCall = {
  startToCloseTimeout: '20s',
  retry: { maximumAttempts: 1 },
} satisfies ActivityOptions;

/** Routing and risk read local state or a fast service; a few quick retries. */
const quickCall = {
  startToCloseTimeout: '10s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumAttempts: 5, nonRetryableErrorTypes: ['PspNotAvailable'] },
} satisfies ActivityOptions;

/**
 * Ledger postings and read-model writes retry without limit: both are idempotent (posting
 * key, version guard), and once the PSP has moved money the posting must not be lost.
 */
const ledgerWrite = {
  startToCloseTimeout: '15s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s' },
} satisfies ActivityOptions;

/**
 * The read model, the ledger and merchant events: as ledgerWrite, except that a write the
 * database refuses for good stops and waits for a person (UntilResolved) instead of retrying.
 */
const recordWrite = {
  ...ledgerWrite,
  retry: { ...ledgerWrite.retry, nonRetryableErrorTypes: [ACTIVITY_DATA_REJECTED] },
} satisfies ActivityOptions;

/**
 * The hot path: payments started from this patch on run routing, the risk check and each
 * transition's write (posting, read model and merchant events in one transaction) as local
 * activities, in the worker, without a task through the server each. Payments started before
 * it keep the activities they were recorded with (test/replay).
 */
const HOT_PATH = 'local-activities-one-write-per-transition';

/**
 * Local activities run at least once even when told once, and their results become durable
 * only when the workflow task completes. So: routing and the risk verdict are recorded with
 * the command that sends the authorization (the same task completion), never after it; the
 * transition write is idempotent and keeps retrying, past the local retry threshold on timers
 * the history records; the PSP calls stay regular activities.
 */
const localQuickCall = { startToCloseTimeout: quickCall.startToCloseTimeout, retry: quickCall.retry } satisfies LocalActivityOptions;
const localRecordWrite = { startToCloseTimeout: recordWrite.startToCloseTimeout, retry: recordWrite.retry } satisfies LocalActivityOptions;

/** How long an expired authorization waits before its void is tried again, when the PSP is down. */
const VOID_RETRY_INTERVAL = '1 hour';
/** How long a refund the PSP never answered waits before it is sent again (same key). */
const REFUND_RETRY_INTERVAL = '1 hour';

/**
 * Captures and voids the PSP confirms later (Adyen) are answered pending at once, and their
 * confirmation is awaited without the lock; before this patch the request waited under it.
 */
const MODIFICATION_CONFIRMED_OUTSIDE_LOCK = 'modification-confirmed-outside-lock';
/** A void of an abandoned 3-D Secure challenge no longer waits for its confirmation. */
const ABANDONED_CHALLENGE_VOID_UNCONFIRMED = 'abandoned-challenge-void-unconfirmed';
/** How long settlement's expireHold waits for the PSP to confirm the void it sent. */
const EXPIRED_VOID_CONFIRMATION_WAIT = '30 seconds';
/** For payments started before the deadline was part of their input. */
const DEFAULT_MODIFICATION_CONFIRM_DEADLINE_SECONDS = 3600;

/** How long an unknown outcome waits before its first lookup, and at most between lookups. */
const LOOKUP_FIRST_INTERVAL_MS = 1_000;
const LOOKUP_MAX_INTERVAL_MS = 5 * 60_000;

const psp = proxyActivities<ReturnType<typeof createPspActivities>>(pspCall);
const pspOnce = proxyActivities<ReturnType<typeof createPspActivities>>(pspDecisiveCall);
type Deciders = ReturnType<typeof createRoutingActivities> & ReturnType<typeof createRiskActivities>;
const deciders = proxyActivities<Deciders>(quickCall);
const localDeciders = proxyLocalActivities<Deciders>(localQuickCall);
const { recordPaymentTransition } = proxyLocalActivities<ReturnType<typeof createPaymentTransitionActivities>>(localRecordWrite);
const { postLedgerTransaction } = proxyActivities<ReturnType<typeof createLedgerActivities>>(recordWrite);
const { savePayment } = proxyActivities<ReturnType<typeof createPaymentRecordActivities>>(recordWrite);
const { publishPaymentEvent } = proxyActivities<ReturnType<typeof createMerchantEventActivities>>(recordWrite);
const exceptions = proxyActivities<ReturnType<typeof createExceptionActivities>>(ledgerWrite);

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
  const cause = applicationCause(error);
  if (cause?.type === 'PspRequestRejected') {
    const code = (cause.details?.[0] as { code?: string } | undefined)?.code;
    return { failureCode: code ?? 'psp_request_rejected', failureMessage: cause.message };
  }
  return { failureCode: 'psp_unavailable', failureMessage: 'The payment processor could not be reached.' };
}

function applicationCause(error: unknown): ApplicationFailure | undefined {
  if (error instanceof ActivityFailure) return error.cause instanceof ApplicationFailure ? error.cause : undefined;
  // A local activity's failure reaches the workflow as the activity threw it, unwrapped.
  return error instanceof ApplicationFailure ? error : undefined;
}

/**
 * What a failed authorization attempt tells us: the request never reached the PSP (safe to
 * fail over), the PSP refused it (final), or anything else — a timeout, a dropped
 * connection, a 5xx, a crashed worker — after which the PSP may have authorized.
 */
function attemptFailure(error: unknown): 'not_reached' | 'rejected' | 'unknown' {
  const type = applicationCause(error)?.type;
  if (type === 'PspNotReached') return 'not_reached';
  if (type === 'PspRequestRejected') return 'rejected';
  return 'unknown';
}

const AUTHORIZATION_EVENTS: ReadonlyArray<PspEvent['kind']> = ['authorized', 'authorization_failed'];

/** The webhook events that confirm a pending capture or void, either way. */
const CONFIRMATIONS: Record<PendingModification['kind'], ReadonlyArray<PspEvent['kind']>> = {
  capture: ['captured', 'capture_failed'],
  cancel: ['canceled', 'cancel_failed'],
};

/** A void the PSP confirmed as failed (Adyen's CANCELLATION with success=false). */
function voidFailure(event: PspEvent): { failureCode: string; failureMessage: string } {
  return { failureCode: 'cancel_failed', failureMessage: event.failureMessage ?? 'The payment processor could not void the authorization.' };
}

/** A webhook's word on an authorization, in the shape of the PSP's own answer. */
function authorizationFromEvent(event: PspEvent, amount: number): AuthorizeResult {
  if (event.kind === 'authorized') {
    return { outcome: 'authorized', pspReference: event.pspReference, amountCapturable: event.amount ?? amount };
  }
  return {
    outcome: 'declined',
    pspReference: event.pspReference,
    failureCode: event.failureCode ?? 'card_declined',
    failureMessage: event.failureMessage ?? 'The payment processor declined the payment.',
  };
}

/** A capture or void the PSP accepted and will confirm by webhook; a payment has at most one. */
interface PendingModification {
  kind: 'capture' | 'cancel';
  /** The capture's amount; for a void, the hold it releases. */
  amount: number;
  /** A void's cause: the merchant's cancel, or the hold's expiry. */
  reason?: 'canceled' | 'expired';
  /** Index into the webhook events: only those received after the request was sent confirm it. */
  since: number;
  requestedAt: string;
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
  /** Webhook events received, deduplicated by the PSP's event id. */
  private readonly pspEvents: PspEvent[] = [];
  /** The PSP's answer fetched by a confirm request while the shopper was in a challenge. */
  private confirmedOutcome: AuthorizeResult | undefined;
  /** A cancel arrived while the authorization was undecided; it is voided once decided. */
  private cancelRequested = false;
  /** The acquirer accepted this payment's capture (the settlement workflow said so). */
  private captureSettled: boolean;
  /** The refund window closed: nothing is watched any more. */
  private closing = false;
  /** A capture or void waiting for the PSP's confirmation, awaited outside the lock. */
  private modification: PendingModification | undefined;
  /** Disputes of this payment the dispute workflows said are open: no refund meanwhile. */
  private readonly openDisputes: Set<string>;
  /** A PSP was asked to authorize: from then on money may have moved, and no step is given up. */
  private pspAsked: boolean;
  /** Where a write the database refuses for good waits for a person's decision. */
  private readonly person: UntilResolved;
  /** Started on the hot path (HOT_PATH): local activities, one write per transition. */
  private readonly hotPath: boolean;

  constructor(private readonly input: PaymentInput) {
    this.hotPath = patched(HOT_PATH);
    this.state =
      input.resumeFrom ??
      transition.newPayment({
        id: input.paymentId,
        merchantId: input.merchantId,
        amount: input.amount,
        currency: input.currency,
        captureMethod: input.captureMethod,
        // Provisional until routing decides (run()); never written anywhere before that.
        psp: input.psp ?? PSP_NAMES[0],
        description: input.description,
        metadata: input.metadata,
        customer: input.customer,
        // Only when there are splits, so a payment without them keeps its state (and replays) as before.
        ...(input.splits ? { splits: input.splits } : {}),
        createdAt: input.createdAt,
      });
    this.published = this.state;
    this.starting = !input.resumeFrom;
    this.captureSettled = input.captureSettled ?? false;
    this.openDisputes = new Set(input.openDisputes ?? []);
    this.pspAsked = input.resumeFrom !== undefined;
    this.person = new UntilResolved({
      about: { merchantId: input.merchantId, paymentId: input.paymentId },
      mayFail: () => !this.pspAsked,
    });

    // Handlers first, before any await, so no message that arrives early is lost.
    setHandler(paymentStateQuery, () => this.published);
    setHandler(awaitOutcomeUpdate, async () => {
      await condition(() => !this.starting);
      return this.published;
    });
    setHandler(captureUpdate, ({ amount }) => this.exclusive(() => this.capture(amount)), {
      validator: ({ amount }) => this.check(checkCapture(this.state, amount)),
    });
    setHandler(
      cancelUpdate,
      () => {
        if (isUndecided(this.state)) this.cancelRequested = true;
        return this.exclusive(() => this.cancel());
      },
      { validator: () => this.check(checkCancel(this.state)) },
    );
    setHandler(confirmUpdate, (request: ConfirmRequest) => this.confirm(request), {
      validator: (_request: ConfirmRequest) => this.check(checkConfirm(this.state)),
    });
    setHandler(pspEventSignal, (event) => this.onPspEvent(event));
    setHandler(settledSignal, ({ kind }) => {
      if (kind === 'capture') this.captureSettled = true;
    });
    setHandler(
      expireHoldUpdate,
      async () => {
        await this.exclusive(() => this.expireHold());
        // Settlement asks so that the void is in the day's batches: one the PSP confirms later
        // (Adyen) is waited for a little, without the lock; a later one goes in the next day's.
        if (this.modification?.reason === 'expired') {
          await condition(() => this.modification === undefined, EXPIRED_VOID_CONFIRMATION_WAIT);
        }
        return this.published;
      },
      {
        validator: () => {
          const expired = this.state.status === 'authorized' && Date.parse(this.state.captureBefore!) <= nowMs();
          if (!expired) refuse({ code: 'hold_not_expired', message: 'Only an authorization past its capture deadline can be expired.' });
        },
      },
    );
    setHandler(refundUpdate, (request) => this.exclusive(() => this.refund(request)), {
      validator: (request) => {
        if (this.state.refunds.some((r) => r.id === request.refundId)) return;
        this.check(this.disputed() ?? checkRefund(this.state, request.amount));
      },
    });
    setHandler(disputeSignal, ({ disputeId, status }) => {
      if (status === 'opened') this.openDisputes.add(disputeId);
      else this.openDisputes.delete(disputeId);
    });
  }

  async run(): Promise<PaymentState> {
    if (!this.input.resumeFrom) await this.exclusive(() => this.start());
    if (this.state.status === 'authorized' && this.input.captureMethod === 'automatic') {
      await this.exclusive(() => this.capture(undefined)).catch((error) => {
        // The authorization stands; the hold expiry below voids it if nobody captures.
        log.warn('automatic capture failed', { paymentId: this.state.id, error });
      });
      // The create request answers with the capture's outcome once the PSP confirms it.
      await this.modificationConfirmed();
    }
    this.starting = false;
    // A capture or void that fails once confirmed leaves the authorization to hold again.
    while (this.state.status === 'authorized') {
      await this.holdUntilCapturedOrExpired();
      await this.modificationConfirmed();
    }
    if (this.state.status === 'captured') {
      const watch = this.watchSettlement();
      await this.acceptRefundsUntilWindowCloses();
      this.closing = true;
      await watch;
    }
    await condition(() => allHandlersFinished() && this.refundRetries === 0);
    return this.published;
  }

  private check(violation: RuleViolation | undefined): void {
    if (violation) refuse(violation);
  }

  /**
   * Refunds wait while a dispute is open: the disputed money is held for the cardholder's
   * bank, and refunding it too would return it twice. Decided here, where refunds are
   * serialised, not against the read model, which a dispute opening a moment ago may not
   * have reached.
   */
  private disputed(): RuleViolation | undefined {
    if (this.openDisputes.size === 0) return undefined;
    return { code: 'charge_disputed', message: 'This payment has an open dispute; it cannot be refunded until the dispute is closed.' };
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
    if (this.hotPath) return this.record(next);
    // Version 1 re-states the `processing` the API set at start. Redundant, but dropping it
    // would change the commands of payments already running (see test/replay).
    const statusChanged = next.status !== this.state.status || next.version === 1;
    const previous = this.state;
    this.state = next;
    await this.person.run({ step: `savePayment:v${next.version}`, activity: 'savePayment' }, () => savePayment(next));
    // Merchants hear of a transition only once the read model shows it.
    for (const event of eventsRaised(previous, next)) {
      await this.person.run({ step: `publishPaymentEvent:${event.type}:v${next.version}`, activity: 'publishPaymentEvent' }, () =>
        publishPaymentEvent({ ...event, payment: next }),
      );
    }
    const pspChanged = next.psp !== this.published.psp || next.version === 1;
    if (statusChanged || pspChanged) {
      upsertSearchAttributes([
        ...(statusChanged ? [{ key: paymentStatusAttribute, value: next.status }] : []),
        ...(pspChanged ? [{ key: pspAttribute, value: next.psp }] : []),
      ]);
    }
    this.published = next;
  }

  /**
   * Books a posting with the transition it belongs to. `next` is computed once the posting is
   * written: before the hot path that was a later workflow task, whose clock the state shows.
   */
  private async book(posting: postings.Posting, next: () => PaymentState): Promise<void> {
    if (this.hotPath) return this.record(next(), posting);
    await this.post(posting);
    await this.commit(next());
  }

  /**
   * The hot path's commit: the posting, the read model and the merchant events in one local
   * activity and one database transaction, then the search attributes that changed.
   */
  private async record(next: PaymentState, posting?: postings.Posting): Promise<void> {
    const previous = this.state;
    this.state = next;
    const events = eventsRaised(previous, next);
    await this.person.run({ step: `recordPaymentTransition:v${next.version}`, activity: 'recordPaymentTransition' }, () =>
      recordPaymentTransition({ state: next, ...(posting ? { posting } : {}), events }),
    );
    this.showInSearch(next);
    this.published = next;
  }

  /**
   * One upsert of what differs from what Temporal shows (the API set `processing`, and the
   * PSP when the merchant chose one), so the first write does not restate `processing`.
   */
  private showInSearch(next: PaymentState): void {
    const shown = workflowInfo().typedSearchAttributes;
    const changed = [
      ...(shown.get(paymentStatusAttribute) !== next.status ? [{ key: paymentStatusAttribute, value: next.status }] : []),
      ...(shown.get(pspAttribute) !== next.psp ? [{ key: pspAttribute, value: next.psp }] : []),
    ];
    if (changed.length > 0) upsertSearchAttributes(changed);
  }

  /** A ledger posting; one the database refuses waits for a person, and is never dropped once money moved. */
  private async post(posting: postings.Posting): Promise<void> {
    await this.person.run({ step: `postLedgerTransaction:${posting.postingKey}`, activity: 'postLedgerTransaction' }, () =>
      postLedgerTransaction(posting),
    );
  }

  private ref() {
    const { id: paymentId, merchantId, psp: pspName, currency } = this.state;
    return { paymentId, merchantId, psp: pspName, currency };
  }

  /** The sellers' parts of the capture (domain/marketplace/allocate); none without splits. */
  private sellerCaptureParts(captured: number): SellerPart[] {
    return captureParts(captured, this.state.amount, this.state.splits ?? []);
  }

  /** The sellers' parts of a refund, allocated cumulatively over the refunds before it. */
  private refundPosting(refund: RefundState) {
    const sellerParts = refundParts({
      refund: refund.amount,
      refundedBefore: this.state.amountRefunded,
      captured: this.state.amountCaptured,
      captureParts: this.sellerCaptureParts(this.state.amountCaptured),
    });
    return postings.refund({ ...this.ref(), refundId: refund.id, amount: refund.amount, sellerParts });
  }

  /** Routes, checks risk, and authorizes; ends with a decided or a pending-shopper payment. */
  private async start(): Promise<void> {
    const { input } = this;
    let candidates: PspName[];
    try {
      candidates = await this.deciders().choosePsps({
        paymentId: input.paymentId,
        merchantId: input.merchantId,
        currency: input.currency,
        amount: input.amount,
        requestedPsp: input.psp,
      });
    } catch (error) {
      await this.commit(this.state);
      const message = applicationCause(error)?.message ?? 'No payment processor is available for this payment.';
      await this.commit(transition.failed(this.state, now(), { failureCode: 'psp_not_available', failureMessage: message }));
      return;
    }
    this.state = { ...this.state, psp: candidates[0]! };
    await this.commit(this.state);

    const assessment = await this.deciders().assessRisk({
      paymentId: input.paymentId,
      amount: input.amount,
      currency: input.currency,
      email: input.customer?.email,
    });
    const blocked = riskFailure(assessment, input.amount, input.riskFallbackMaxAmount);
    if (blocked) {
      await this.commit(transition.failed(this.state, now(), blocked));
      return;
    }
    await this.authorize(candidates);
  }

  /** Routing and risk: local on the hot path, so recorded with the authorization's command. */
  private deciders(): Deciders {
    return this.hotPath ? localDeciders : deciders;
  }

  private authorizeRequest(): AuthorizeRequest {
    const { input } = this;
    return {
      paymentId: input.paymentId,
      merchantId: input.merchantId,
      amount: input.amount,
      currency: input.currency,
      paymentMethod: input.paymentMethod,
      description: input.description,
      // Per payment, not per PSP: each PSP scopes keys to its own account.
      idempotencyKey: `${input.paymentId}:authorize`,
      returnUrl: input.returnUrl,
    };
  }

  /**
   * Tries the candidates in order. Only a request that never reached a PSP moves on to the
   * next one: after any other failure the first PSP may have authorized, and a second PSP
   * would charge the card twice, so the outcome is resolved where it was sent.
   */
  private async authorize(candidates: PspName[]): Promise<void> {
    for (const candidate of candidates) {
      if (candidate !== this.state.psp) await this.commit(transition.routedTo(this.state, now(), candidate));
      let outcome: AuthorizeResult;
      try {
        this.pspAsked = true;
        outcome = await pspOnce.authorizePayment({ psp: candidate, ...this.authorizeRequest() });
      } catch (error) {
        const failure = attemptFailure(error);
        if (failure === 'not_reached') continue;
        if (failure === 'rejected') {
          await this.commit(transition.failed(this.state, now(), pspFailure(error)));
          return;
        }
        outcome = await this.resolveUnknownOutcome();
      }
      await this.applyAuthorization(outcome);
      return;
    }
    await this.commit(
      transition.failed(this.state, now(), {
        failureCode: 'psp_unavailable',
        failureMessage: 'No payment processor could be reached.',
      }),
    );
  }

  private authorizationEvent(): PspEvent | undefined {
    return this.pspEvents.find((e) => e.psp === this.state.psp && AUTHORIZATION_EVENTS.includes(e.kind));
  }

  /**
   * The PSP may have authorized but its answer was lost. Looks the payment up with backoff
   * until the PSP answers, or a webhook tells first; past the deadline a person is told too.
   * Captures and cancels wait on the lock meanwhile, so nothing races the resolution.
   */
  private async resolveUnknownOutcome(): Promise<AuthorizeResult> {
    await this.commit(transition.outcomeUnknown(this.state, now()));
    // The create request answers now: `processing` with reason `psp_outcome_unknown`.
    this.starting = false;
    const since = now();
    const deadline = nowMs() + this.input.outcomeUnknownDeadlineSeconds * 1000;
    let interval = LOOKUP_FIRST_INTERVAL_MS;
    let lookups = 0;
    let escalated = false;
    let outcome: AuthorizeResult | undefined;
    for (;;) {
      const event = this.authorizationEvent();
      if (event) {
        outcome = authorizationFromEvent(event, this.input.amount);
        break;
      }
      lookups++;
      outcome = await this.lookUp();
      if (outcome) break;
      if (!escalated && nowMs() >= deadline) {
        await exceptions.raiseException({
          kind: 'psp_outcome_unknown',
          merchantId: this.state.merchantId,
          paymentId: this.state.id,
          context: {
            psp: this.state.psp,
            idempotencyKey: this.authorizeRequest().idempotencyKey,
            since,
            lookups,
            amount: this.state.amount,
            currency: this.state.currency,
          },
        });
        escalated = true;
      }
      await condition(() => this.authorizationEvent() !== undefined, interval);
      interval = Math.min(interval * 2, LOOKUP_MAX_INTERVAL_MS);
    }
    if (escalated) {
      await exceptions.resolveException({
        kind: 'psp_outcome_unknown',
        paymentId: this.state.id,
        resolution: { outcome: outcome.outcome, lookups, at: now() },
      });
    }
    return outcome;
  }

  /** The PSP's answer, or undefined while it cannot give one. */
  private async lookUp(): Promise<AuthorizeResult | undefined> {
    const request = { psp: this.state.psp, ...this.authorizeRequest() };
    try {
      const found = await pspOnce.lookupAuthorization(request);
      if (found.outcome !== 'not_found') return found;
      // The PSP never saw it: send it again under the same key, which it performs at most once.
      return await pspOnce.authorizePayment(request);
    } catch {
      // Unreachable, refused or ambiguous again: still unknown; the next lookup decides.
      return undefined;
    }
  }

  private async applyAuthorization(outcome: AuthorizeResult): Promise<void> {
    switch (outcome.outcome) {
      case 'declined':
        await this.commit(transition.failed(this.state, now(), outcome));
        return;
      case 'requires_action':
        await this.awaitShopper(outcome.pspReference, outcome.redirectUrl);
        return;
      case 'authorized':
        await this.recordAuthorization(outcome.pspReference, outcome.amountCapturable);
    }
  }

  private async recordAuthorization(pspReference: string, amountCapturable: number): Promise<void> {
    await this.book(postings.authorizationHold({ ...this.ref(), amount: amountCapturable }), () => {
      const captureBefore = new Date(nowMs() + this.input.captureBeforeSeconds * 1000).toISOString();
      return transition.authorized(this.state, now(), { pspReference, amountCapturable, captureBefore });
    });
  }

  /**
   * 3-D Secure: the shopper is sent to the PSP's challenge. The PSP's webhook (or a confirm
   * request when the shopper is back) decides; no decision in time, or a cancel, voids it.
   */
  private async awaitShopper(pspReference: string, redirectUrl: string): Promise<void> {
    if (this.state.status !== 'requires_action') {
      await this.commit(
        transition.requiresAction(this.state, now(), { pspReference, nextAction: { type: 'redirect_to_url', url: redirectUrl } }),
      );
    }
    this.starting = false;
    const decided = await condition(
      () => this.authorizationEvent() !== undefined || this.confirmedOutcome !== undefined || this.cancelRequested,
      this.input.actionTimeoutSeconds * 1000,
    );
    const event = this.authorizationEvent();
    const outcome = event ? authorizationFromEvent(event, this.input.amount) : this.confirmedOutcome;
    if (decided && outcome && !this.cancelRequested) {
      await this.applyAuthorization(outcome);
      return;
    }
    // Abandoned or canceled. The void also releases an authorization whose webhook is late.
    // Nothing is held on the books yet, so its confirmation is not awaited: a void that fails
    // leaves the PSP to let the authorization lapse, as one refused at once does.
    const since = this.pspEvents.length;
    let failure = await this.sendVoid();
    if (failure === 'pending') failure = patched(ABANDONED_CHALLENGE_VOID_UNCONFIRMED) ? undefined : await this.voidConfirmation(since);
    if (failure) {
      log.warn('could not void an abandoned 3-D Secure payment; the PSP lets it lapse', { paymentId: this.state.id, failure });
    }
    await this.commit(transition.canceled(this.state, now(), decided ? 'canceled' : 'expired'));
  }

  private async confirm(request: ConfirmRequest): Promise<PaymentState> {
    let outcome: AuthorizeResult;
    try {
      outcome = await pspOnce.completeAction({
        psp: this.state.psp,
        authorization: this.authorizeRequest(),
        pspReference: this.state.pspReference!,
        redirectResult: request.redirectResult,
      });
    } catch (error) {
      const failure = pspFailure(error);
      refuse({ code: failure.failureCode, message: failure.failureMessage });
    }
    // Still in the challenge: the payment stays as it is.
    if (outcome.outcome === 'requires_action' || this.state.status !== 'requires_action') return this.published;
    this.confirmedOutcome = outcome;
    // `published`, not `state`: the answer is the decision once the read model has it.
    await condition(() => this.published.status !== 'requires_action');
    return this.published;
  }

  /**
   * Webhook events. Authorization events wake whoever waits for them; refund confirmations
   * settle their refund. An event for a step already past (a duplicate, or one arriving out
   * of order) finds nothing waiting and changes nothing: a payment never moves backwards.
   */
  private async onPspEvent(event: PspEvent): Promise<void> {
    if (this.pspEvents.some((e) => e.eventId === event.eventId && e.psp === event.psp)) return;
    this.pspEvents.push(event);
    if (event.kind === 'refunded' || event.kind === 'refund_failed') {
      // Only the PSP the refund went to can settle it (the API checks this first). Once
      // patched, not before: a payment already running keeps what its history recorded.
      if (event.psp !== this.state.psp && patched('refund-settlement-checks-psp')) return;
      await this.exclusive(() => this.settleRefund(event));
    }
  }

  private async settleRefund(event: PspEvent): Promise<void> {
    const refund = this.state.refunds.find((r) => r.id === event.refundId);
    if (!refund || refund.status !== 'pending') return;
    if (event.kind === 'refunded') {
      await this.book(this.refundPosting(refund), () => transition.refundSucceeded(this.state, now(), refund.id, event.pspRefundReference ?? ''));
    } else {
      await this.commit(
        transition.refundFailed(this.state, now(), refund.id, {
          failureCode: event.failureCode ?? 'refund_failed',
          pspReference: event.pspRefundReference,
        }),
      );
    }
  }

  /**
   * Waits for the webhook that confirms an asynchronous modification (Adyen). Only events
   * received since the request was sent count: an earlier attempt's answer decides nothing.
   */
  private async confirmation(kinds: ReadonlyArray<PspEvent['kind']>, since: number): Promise<PspEvent> {
    const find = () => this.pspEvents.slice(since).find((e) => e.psp === this.state.psp && kinds.includes(e.kind));
    await condition(() => find() !== undefined);
    return find()!;
  }

  /**
   * The PSP accepted a capture or void and confirms it later (Adyen). The payment says so
   * (`capture_pending` / `cancel_pending`) and the request is answered with that at once; the
   * confirmation is awaited outside the lock, so queries and other requests are answered
   * meanwhile (another capture or cancel is refused until it is confirmed).
   */
  private async modificationRequested(modification: PendingModification): Promise<void> {
    this.modification = modification;
    await this.commit(transition.modificationRequested(this.state, modification.requestedAt, modification));
    void this.awaitModificationConfirmation(modification);
  }

  private async voidRequested(reason: 'canceled' | 'expired', since: number): Promise<void> {
    await this.modificationRequested({ kind: 'cancel', amount: this.state.amountCapturable, reason, since, requestedAt: now() });
  }

  /** Returns once no capture or void waits for the PSP's confirmation. */
  private async modificationConfirmed(): Promise<void> {
    await condition(() => this.modification === undefined);
  }

  private modificationConfirmation(modification: PendingModification): PspEvent | undefined {
    const kinds = CONFIRMATIONS[modification.kind];
    return this.pspEvents.slice(modification.since).find((e) => e.psp === this.state.psp && kinds.includes(e.kind));
  }

  /**
   * Waits for a pending modification's webhook. Past the deadline the PSP is asked where the
   * payment stands, where it can say (Adyen cannot: it has no lookup); still unconfirmed, it
   * lands on the exceptions list once, and the wait goes on: the webhook decides, however late.
   */
  private async awaitModificationConfirmation(modification: PendingModification): Promise<void> {
    const deadlineSeconds = this.input.modificationConfirmDeadlineSeconds ?? DEFAULT_MODIFICATION_CONFIRM_DEADLINE_SECONDS;
    const confirmed = () => this.modificationConfirmation(modification) !== undefined;
    let escalated = false;
    let outcome: string;
    if (await condition(confirmed, deadlineSeconds * 1000)) {
      outcome = await this.exclusive(() => this.applyConfirmation(modification, this.modificationConfirmation(modification)!));
    } else {
      const atPsp = await this.lookUpModification();
      if (atPsp?.status === (modification.kind === 'capture' ? 'captured' : 'canceled')) {
        outcome = await this.exclusive(() => this.applyLookup(modification, atPsp));
      } else {
        await exceptions.raiseException({
          kind: 'modification_unconfirmed',
          merchantId: this.state.merchantId,
          paymentId: this.state.id,
          psp: this.state.psp,
          context: {
            modification: modification.kind,
            amount: modification.amount,
            currency: this.state.currency,
            pspReference: this.state.pspReference,
            requestedAt: modification.requestedAt,
            deadlineSeconds,
            lookedUp: atPsp !== undefined,
          },
        });
        escalated = true;
        await condition(confirmed);
        outcome = await this.exclusive(() => this.applyConfirmation(modification, this.modificationConfirmation(modification)!));
      }
    }
    if (escalated) {
      await exceptions.resolveException({ kind: 'modification_unconfirmed', paymentId: this.state.id, resolution: { outcome, at: now() } });
    }
    this.modification = undefined;
  }

  /** Books a confirmed capture or void, or records its failure; returns the event's kind. */
  private async applyConfirmation(modification: PendingModification, event: PspEvent): Promise<string> {
    if (event.kind === 'captured') {
      await this.recordCapture(modification.amount);
    } else if (event.kind === 'canceled') {
      await this.releaseHold(modification.reason ?? 'canceled');
    } else {
      await this.commit(transition.modificationFailed(this.state, now(), { kind: modification.kind, failureCode: `${modification.kind}_failed` }));
      // An expired hold stays on the books only while the PSP holds it: ask, then book.
      if (modification.reason === 'expired') await this.expiredHoldVoided(await this.lookUpModification());
    }
    return event.kind;
  }

  /** Books the capture or void a lookup found done at the PSP. */
  private async applyLookup(modification: PendingModification, atPsp: PspPaymentSnapshot): Promise<string> {
    if (modification.kind === 'capture') await this.recordCapture(atPsp.amountCaptured);
    else await this.releaseHold(modification.reason ?? 'canceled');
    return atPsp.status;
  }

  /**
   * Where the PSP says the payment stands, or undefined when it cannot say (no lookup, or
   * unreachable). Only a lookup showing the modification done decides; anything else could
   * be a confirmation still on its way.
   */
  private async lookUpModification(): Promise<PspPaymentSnapshot | undefined> {
    try {
      return await this.retrieveIfSupported();
    } catch {
      return undefined;
    }
  }

  private async capture(requested: number | undefined): Promise<PaymentState> {
    // Waited behind an undecided authorization: re-checked against the decision.
    if (this.state.status !== 'authorized') refuse(unexpectedState(this.state, 'captured'));
    this.check(checkCapture(this.state, requested));
    const amount = requested ?? this.state.amountCapturable;
    // A capture the PSP failed is a new request when tried again: a new key, or the PSP would
    // replay its first answer and never confirm.
    const failedBefore = this.pspEvents.filter((e) => e.kind === 'capture_failed').length;
    const since = this.pspEvents.length;
    let result;
    try {
      result = await psp.capturePayment({
        psp: this.state.psp,
        pspReference: this.state.pspReference!,
        amount,
        currency: this.state.currency,
        idempotencyKey: `${this.state.id}:capture:${amount}${failedBefore > 0 ? `:${failedBefore}` : ''}`,
      });
    } catch (error) {
      const failure = pspFailure(error);
      refuse({ code: failure.failureCode, message: failure.failureMessage });
    }
    if (result.outcome === 'pending' && patched(MODIFICATION_CONFIRMED_OUTSIDE_LOCK)) {
      await this.modificationRequested({ kind: 'capture', amount: result.amountCaptured, since, requestedAt: now() });
      return this.published;
    }
    if (result.outcome === 'pending') {
      const confirmation = await this.confirmation(['captured', 'capture_failed'], since);
      if (confirmation.kind === 'capture_failed') {
        const message = confirmation.failureMessage ?? 'The payment processor could not capture the payment.';
        refuse({ code: 'capture_failed', message });
      }
    }
    await this.recordCapture(result.amountCaptured);
    return this.published;
  }

  private async recordCapture(amount: number): Promise<void> {
    const posting = postings.capture({
      ...this.ref(),
      authorizedAmount: this.state.amountCapturable,
      amount,
      feeBps: this.input.feeBps,
      sellerParts: this.sellerCaptureParts(amount),
    });
    await this.book(posting, () => transition.captured(this.state, now(), amount));
  }

  private async cancel(): Promise<PaymentState> {
    // Canceled while the shopper was in a challenge: the authorize step already voided it.
    if (this.cancelRequested && this.state.status === 'canceled') return this.published;
    if (this.state.status !== 'authorized') refuse(unexpectedState(this.state, 'canceled'));
    this.check(checkCancel(this.state));
    const since = this.pspEvents.length;
    const answer = await this.sendVoid();
    if (answer === 'pending' && patched(MODIFICATION_CONFIRMED_OUTSIDE_LOCK)) {
      await this.voidRequested('canceled', since);
      return this.published;
    }
    const failure = answer === 'pending' ? await this.voidConfirmation(since) : answer;
    if (failure) refuse({ code: failure.failureCode, message: failure.failureMessage });
    await this.releaseHold('canceled');
    return this.published;
  }

  /** Asks the PSP to void: its failure, `pending` when it confirms later, or undefined once voided. */
  private async sendVoid(): Promise<ReturnType<typeof pspFailure> | 'pending' | undefined> {
    try {
      const result = await psp.cancelPayment({
        psp: this.state.psp,
        pspReference: this.state.pspReference!,
        idempotencyKey: `${this.state.id}:cancel`,
      });
      return result.outcome === 'pending' ? 'pending' : undefined;
    } catch (error) {
      return pspFailure(error);
    }
  }

  /** Waits, under the lock, for a pending void's confirmation (payments started before the patch). */
  private async voidConfirmation(since: number): Promise<ReturnType<typeof pspFailure> | undefined> {
    const confirmation = await this.confirmation(['canceled', 'cancel_failed'], since);
    return confirmation.kind === 'cancel_failed' ? voidFailure(confirmation) : undefined;
  }

  private async releaseHold(reason: 'canceled' | 'expired'): Promise<void> {
    const posting = postings.holdRelease({ ...this.ref(), amount: this.state.amountCapturable, reason });
    await this.book(posting, () => transition.canceled(this.state, now(), reason));
  }

  private async refund(request: RefundRequest): Promise<RefundState> {
    const existing = this.state.refunds.find((r) => r.id === request.refundId);
    if (existing) return existing;
    // A dispute may have opened while this refund waited for the lock.
    this.check(this.disputed() ?? checkRefund(this.state, request.amount));
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
      const { pspRefundReference } = result;
      await this.book(this.refundPosting(refund), () => transition.refundSucceeded(this.state, now(), refund.id, pspRefundReference));
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
        answered = await this.exclusive(() => this.resendRefund(refundId));
      }
    } finally {
      this.refundRetries--;
    }
  }

  /**
   * One resend, under the lock. Its webhook may have settled the refund while it waited: a
   * settled refund is never settled again (sent again, the PSP's replayed answer would count
   * its amount twice).
   */
  private async resendRefund(refundId: string): Promise<boolean> {
    const refund = transition.findRefund(this.state, refundId);
    if (refund.status !== 'pending' && patched('refund-settled-once')) return true;
    return this.sendRefund(refund);
  }

  private async holdUntilCapturedOrExpired(): Promise<void> {
    const remainingMs = Math.max(0, Date.parse(this.state.captureBefore!) - nowMs());
    // A zero timeout would mean "no timeout" to condition(); an expired hold is voided now.
    const settled = remainingMs > 0 && (await condition(() => this.state.status !== 'authorized', remainingMs));
    if (settled) return;
    for (;;) {
      const done = await this.exclusive(() => this.expireHold());
      if (done) return;
      // The PSP is down: keep the hold on the books and try again, without holding the lock.
      await sleep(VOID_RETRY_INTERVAL);
    }
  }

  /** Voids an expired hold; false when the PSP could not be reached and it must be tried again. */
  private async expireHold(): Promise<boolean> {
    // A capture may have won the lock while the timer fired, or wait for its confirmation.
    if (this.state.status !== 'authorized' || this.modification) return true;
    const since = this.pspEvents.length;
    const answer = await this.sendVoid();
    if (answer === 'pending' && patched(MODIFICATION_CONFIRMED_OUTSIDE_LOCK)) {
      await this.voidRequested('expired', since);
      return true;
    }
    const failure = answer === 'pending' ? await this.voidConfirmation(since) : answer;
    if (failure?.failureCode === 'psp_unavailable') return false;
    // Refused: ask the PSP what it holds before touching the ledger.
    await this.expiredHoldVoided(failure ? await this.retrieveIfSupported() : undefined);
    return true;
  }

  /**
   * Books an expired hold's void, given what the PSP said when the void was refused. A capture
   * whose answer never reached us is recorded as the capture it was. Otherwise voided, or
   * refused because the PSP's own hold lapsed first (Stripe cancels an uncaptured
   * PaymentIntent after 7 days): either way no money is held any more.
   */
  private async expiredHoldVoided(atPsp: PspPaymentSnapshot | undefined): Promise<void> {
    if (atPsp?.status === 'captured') await this.recordCapture(atPsp.amountCaptured);
    else await this.releaseHold('expired');
  }

  /** Adyen has no payment lookup; its refused void is settled by its lapsed authorization. */
  private async retrieveIfSupported() {
    try {
      return await psp.retrievePayment({ psp: this.state.psp, pspReference: this.state.pspReference! });
    } catch (error) {
      if (attemptFailure(error) === 'rejected') return undefined;
      throw error;
    }
  }

  /**
   * Shadow reconciliation: a capture the acquirer has not accepted within the deadline lands
   * on the exceptions list, and comes off it when the settlement arrives. Payments started
   * without a deadline (before settlement existed) do not watch, so their histories replay.
   */
  private async watchSettlement(): Promise<void> {
    const deadlineSeconds = this.input.settlementDeadlineSeconds;
    if (deadlineSeconds === undefined || this.captureSettled) return;
    const capturedAt = this.state.history.find((e) => e.type === 'captured')!.at;
    const remainingMs = Date.parse(capturedAt) + deadlineSeconds * 1000 - nowMs();
    const ended = () => this.captureSettled || this.closing;
    if (remainingMs > 0 && (await condition(ended, remainingMs))) return;
    if (this.closing) return;
    const subject = { kind: 'capture_unsettled', paymentId: this.state.id };
    await exceptions.raiseException({
      ...subject,
      merchantId: this.state.merchantId,
      psp: this.state.psp,
      context: {
        capturedAt,
        deadlineSeconds,
        amountCaptured: this.state.amountCaptured,
        currency: this.state.currency,
        pspReference: this.state.pspReference,
      },
    });
    await condition(ended);
    if (this.captureSettled) await exceptions.resolveException({ ...subject, resolution: { settled: true, at: now() } });
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
      await continueAsNew<typeof paymentWorkflow>({
        ...this.input,
        resumeFrom: this.state,
        captureSettled: this.captureSettled,
        openDisputes: this.openDisputes.size > 0 ? [...this.openDisputes] : undefined,
      });
    }
  }
}
