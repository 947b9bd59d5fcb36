// The one place a payment's shared state lives: what it is now, what the read model shows,
// the lock its money movements take turns on, and what handlers have heard. The modules of
// this folder each take a PaymentContext and own one concern; only this class writes state
// to the read model (commit, book), so every concern changes the payment the same way.
import { patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { AuthorizeRequest, AuthorizeResult, PspEvent } from '../../domain/psp-gateway';
import { eventsRaised } from '../../domain/events';
import type * as postings from '../../domain/ledger';
import * as transition from '../../domain/payment/transitions';
import type { PaymentState } from '../../domain/payment/types';
import { PSP_NAMES } from '../../domain/psp';
import { refuse, REQUEST_REFUSED, type Refusal } from '../../domain/failures';
import { TicketLock } from '../lib/ticket-lock';
import { UntilResolved } from '../lib/until-resolved';
import { paymentStatusAttribute, pspAttribute, type PaymentInput } from '../../contracts/payment.contract';
import { postLedgerTransaction, publishPaymentEvent, recordPaymentTransition, savePayment } from './activities';

/**
 * The hot path: payments started from this patch on run routing, the risk check and each
 * transition's write (posting, read model and merchant events in one transaction) as local
 * activities, in the worker, without a task through the server each. Payments started before
 * it keep the activities they were recorded with (test/replay).
 */
const HOT_PATH = 'local-activities-one-write-per-transition';

/**
 * The hot path's second shape, one patch for everything it changed, because each patch costs
 * every new payment's history a marker and an upsert of TemporalChangeVersion (the SDK's):
 * - a payment with automatic capture asks the PSP for a sale: the authorization and the capture
 *   in one call (Stripe; Adyen authorizes alone, see AuthorizeRequest.captureNow), so one PSP
 *   call and one workflow task fewer on the way to the answer;
 * - routing and the risk check are one local activity (authorization.ts);
 * - a sale's two writes show the search attributes once, after the second.
 * New runs record only this marker. Runs recorded with HOT_PATH alone keep that shape.
 */
const HOT_PATH_V2 = 'hot-path-v2-sale-one-decision';

const AUTHORIZATION_EVENTS: ReadonlyArray<PspEvent['kind']> = ['authorized', 'authorization_failed'];
/** A sale's webhook says captured (Stripe's payment_intent.succeeded): that decides it too. */
const SALE_EVENTS: ReadonlyArray<PspEvent['kind']> = [...AUTHORIZATION_EVENTS, 'captured'];

/**
 * Workflow time, the only clock this folder reads: deterministic on replay, because the SDK
 * pins Date to the time of the workflow task being processed.
 */
export function nowMs(): number {
  return Date.now();
}

export function now(): string {
  return new Date(nowMs()).toISOString();
}

/** Refuses an Update with the payment's refusal type; the API answers it (api/refusals.ts). */
export function refusePayment(refusal: Refusal): never {
  refuse(REQUEST_REFUSED, refusal);
}

/** Refuses when a rule was broken; returns otherwise. */
export function check(violation: Refusal | undefined): void {
  if (violation) refusePayment(violation);
}

/** A capture or void the PSP accepted and will confirm by webhook; a payment has at most one. */
export interface PendingModification {
  kind: 'capture' | 'cancel';
  /** The capture's amount; for a void, the hold it releases. */
  amount: number;
  /** A void's cause: the merchant's cancel, or the hold's expiry. */
  reason?: 'canceled' | 'expired';
  /** Index into the webhook events: only those received after the request was sent confirm it. */
  since: number;
  requestedAt: string;
}

export class PaymentContext {
  /** The working state; `published` is the last state the read model has. */
  state: PaymentState;
  published: PaymentState;
  /** Money movements run one at a time, in arrival order. */
  readonly lock = new TicketLock();
  /** True until authorization (and, for automatic capture, the capture) has an outcome. */
  starting: boolean;
  /** Refunds whose outcome at the PSP is unknown and that are being sent again. */
  refundRetries = 0;
  /** Webhook events received, deduplicated by the PSP's event id. */
  readonly pspEvents: PspEvent[] = [];
  /** The PSP's answer fetched by a confirm request while the shopper was in a challenge. */
  confirmedOutcome: AuthorizeResult | undefined;
  /** A cancel arrived while the authorization was undecided; it is voided once decided. */
  cancelRequested = false;
  /** The acquirer accepted this payment's capture (the settlement workflow said so). */
  captureSettled: boolean;
  /** The refund window closed: nothing is watched any more. */
  closing = false;
  /** A capture or void waiting for the PSP's confirmation, awaited outside the lock. */
  modification: PendingModification | undefined;
  /** Disputes of this payment the dispute workflows said are open: no refund meanwhile. */
  readonly openDisputes: Set<string>;
  /** A PSP was asked to authorize: from then on money may have moved, and no step is given up. */
  pspAsked: boolean;
  /** Where a write the database refuses for good waits for a person's decision. */
  private readonly person: UntilResolved;
  /** Started on the hot path (HOT_PATH, or its second shape): local activities, one write per transition. */
  readonly hotPath: boolean;
  /** Started on the hot path's second shape (HOT_PATH_V2). */
  readonly hotPathV2: boolean;
  /** The authorization asks for a sale: automatic capture, on the second shape. */
  readonly sale: boolean;

  constructor(readonly input: PaymentInput) {
    // The newest shape first: a new run records its marker alone.
    this.hotPathV2 = patched(HOT_PATH_V2);
    this.hotPath = this.hotPathV2 || patched(HOT_PATH);
    this.sale = this.hotPathV2 && !input.resumeFrom && input.captureMethod === 'automatic';
    this.state =
      input.resumeFrom ??
      transition.newPayment({
        id: input.paymentId,
        merchantId: input.merchantId,
        amount: input.amount,
        currency: input.currency,
        captureMethod: input.captureMethod,
        // Provisional until routing decides (authorization.ts); never written anywhere before that.
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
  }

  async commit(next: PaymentState): Promise<void> {
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
  async book(posting: postings.Posting, next: () => PaymentState, { showLater = false } = {}): Promise<void> {
    if (this.hotPath) return this.record(next(), posting, showLater);
    await this.post(posting);
    await this.commit(next());
  }

  /**
   * The hot path's commit: the posting, the read model and the merchant events in one local
   * activity and one database transaction, then the search attributes that changed, unless
   * another write of the same workflow task follows and shows them (`showLater`).
   */
  private async record(next: PaymentState, posting?: postings.Posting, showLater = false): Promise<void> {
    const previous = this.state;
    this.state = next;
    const events = eventsRaised(previous, next);
    await this.person.run({ step: `recordPaymentTransition:v${next.version}`, activity: 'recordPaymentTransition' }, () =>
      recordPaymentTransition({ state: next, ...(posting ? { posting } : {}), events }),
    );
    if (!showLater) this.showInSearch(next);
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

  /** What every posting of this payment names. */
  ref() {
    const { id: paymentId, merchantId, psp: pspName, currency } = this.state;
    return { paymentId, merchantId, psp: pspName, currency };
  }

  /** The authorization as sent to the PSP, and sent again under the same key. */
  authorizeRequest(): AuthorizeRequest {
    const { input } = this;
    return {
      paymentId: input.paymentId,
      merchantId: input.merchantId,
      amount: input.amount,
      currency: input.currency,
      paymentMethod: input.paymentMethod,
      description: input.description,
      ...(input.statementDescriptor === undefined ? {} : { statementDescriptor: input.statementDescriptor }),
      // Per payment, not per PSP: each PSP scopes keys to its own account.
      idempotencyKey: `${input.paymentId}:authorize`,
      returnUrl: input.returnUrl,
      ...(this.sale ? { captureNow: true } : {}),
    };
  }

  /** The webhook that decided the authorization at the PSP it was sent to, if one came. */
  authorizationEvent(): PspEvent | undefined {
    const deciding = this.sale ? SALE_EVENTS : AUTHORIZATION_EVENTS;
    return this.pspEvents.find((e) => e.psp === this.state.psp && deciding.includes(e.kind));
  }
}
