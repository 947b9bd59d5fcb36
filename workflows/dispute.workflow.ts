// One workflow per dispute (chargeback) at a PSP: holds each holder's share of the disputed
// amount in the ledger, takes the merchant's evidence until the due date (reminding them once
// shortly before it), and when the PSP decides, gives the held money back or gives it up.
// Every change is ledger posting → read model → merchant event, in that order, one step at a
// time.
import {
  ActivityFailure,
  type ActivityOptions,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { createDisputeActivities, DisputedPayment } from '../activities/disputes/activities';
import type { createLedgerActivities } from '../activities/ledger';
import type { createMerchantEventActivities } from '../activities/merchant-events/activities';
import type { DisputeEvent } from '../domain/psp-gateway';
import {
  ACTIVITY_DATA_REJECTED,
  INVALID_POSTING,
  PAYMENT_NOT_FOUND,
  POSTING_KEY_CONFLICT,
  PSP_NOT_CONFIGURED,
  PSP_NOT_REACHED,
  PSP_REQUEST_REJECTED,
} from '../domain/failures';
import type { MerchantEventType } from '../domain/events';
import { disputeHeld, disputeLost, disputeWon, type DisputeRef, type Posting } from '../domain/ledger';
import { captureParts, disputeShares } from '../domain/marketplace/allocate';
import { DISPUTE_REQUEST_REFUSED, refuse as refuseWith } from '../domain/failures';
import type { DisputeShare } from '../domain/marketplace/types';
import {
  disputeEventSignal,
  disputeStateQuery,
  submitEvidenceUpdate,
  type DisputeInput,
  type DisputeState,
} from '../contracts/dispute.contract';
import { TicketLock } from './lib/ticket-lock';
import { UntilResolved } from './lib/until-resolved';
import { disputeSignal, paymentWorkflowId, type DisputeNotice } from '../contracts/payment.contract';

/**
 * Submitting evidence: a few quick retries under the same idempotency key, no more — the
 * merchant's request waits on it. A refusal is final.
 */
const pspCall = {
  startToCloseTimeout: '20s',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '10s',
    maximumAttempts: 5,
    nonRetryableErrorTypes: [PSP_REQUEST_REJECTED, PSP_NOT_REACHED, PSP_NOT_CONFIGURED],
  },
} satisfies ActivityOptions;

/**
 * Ledger postings, the read model and merchant events retry without limit: each is
 * idempotent (posting key, version guard, event source key), and the PSP has already moved
 * the money, so none of them may be lost. Only a bug or a missing payment stops them.
 */
const recordWrite = {
  startToCloseTimeout: '15s',
  retry: {
    initialInterval: '500ms',
    backoffCoefficient: 2,
    maximumInterval: '30s',
    // A write the database refuses for good waits for a person instead (UntilResolved).
    nonRetryableErrorTypes: [PAYMENT_NOT_FOUND, INVALID_POSTING, POSTING_KEY_CONFLICT, ACTIVITY_DATA_REJECTED],
  },
} satisfies ActivityOptions;

const { submitEvidenceToPsp } = proxyActivities<ReturnType<typeof createDisputeActivities>>(pspCall);
const { disputedPayment, saveDispute } = proxyActivities<ReturnType<typeof createDisputeActivities>>(recordWrite);
const { postLedgerTransaction } = proxyActivities<ReturnType<typeof createLedgerActivities>>(recordWrite);
const { publishObjectEvent } = proxyActivities<ReturnType<typeof createMerchantEventActivities>>(recordWrite);

/** Workflow time: deterministic on replay, because the SDK pins Date to the workflow task. */
function nowMs(): number {
  return Date.now();
}

function refuse(code: string, message: string): never {
  refuseWith(DISPUTE_REQUEST_REFUSED, { code, message });
}

/**
 * Who bears the disputed amount: each seller the share of it that its split gives it of the
 * capture, the merchant the rest. A PSP may dispute more than was captured (an issuer's fee
 * or currency conversion); a seller never bears more than its share of what it was paid, so
 * the excess is the merchant's.
 */
function sharesOf(disputed: number, payment: DisputedPayment): DisputeShare[] {
  const parts = captureParts(payment.amountCaptured, payment.amount, payment.splits ?? []);
  const covered = Math.min(disputed, payment.amountCaptured);
  const [merchant, ...sellers] = disputeShares(covered, payment.amountCaptured, parts);
  return [{ seller: null, amount: merchant!.amount + (disputed - covered) }, ...sellers];
}

export async function disputeWorkflow(input: DisputeInput): Promise<DisputeState> {
  return new Dispute(input).run();
}

class Dispute {
  /** The state the read model has (saved last). */
  private state: DisputeState;
  /** The API object saveDispute answered with last; merchant events carry it, unread here. */
  private view: Record<string, unknown> | undefined;
  /** The hold is posted and `dispute.created` published: every other step comes after. */
  private held = false;
  /** The PSP's decision, from the first outcome event; evidence is refused from then on. */
  private outcome: 'won' | 'lost' | undefined;
  /** Evidence accepted by the validator and not yet settled at the PSP. */
  private evidenceInFlight = false;
  /** `psp:eventId` of every event received: webhooks are delivered at least once. */
  private readonly seenEvents = new Set<string>();
  /** Steps run one at a time, in arrival order, so evidence, the reminder and the decision never interleave their writes. */
  private readonly lock = new TicketLock();
  /**
   * Where a write the database refuses for good waits for a person. Never given up: the PSP
   * took the disputed money before the dispute reached us, so its postings must be booked.
   */
  private readonly person: UntilResolved;

  constructor(private readonly input: DisputeInput) {
    this.person = new UntilResolved({
      about: { merchantId: input.merchantId, paymentId: input.paymentId, psp: input.psp },
      mayFail: () => false,
    });
    this.state = {
      id: input.disputeId,
      merchantId: input.merchantId,
      paymentId: input.paymentId,
      psp: input.psp,
      pspDisputeReference: input.pspDisputeReference,
      amount: input.amount,
      currency: input.currency,
      reason: input.reason,
      status: 'needs_response',
      evidenceDueBy: input.evidenceDueBy,
      shares: [],
      createdAt: workflowInfo().startTime.toISOString(),
      version: 0,
    };

    // Handlers first, before any await: the opening event comes with the start, and an
    // outcome or evidence may follow before the hold is posted.
    setHandler(disputeStateQuery, () => this.state);
    setHandler(disputeEventSignal, (event) => this.onEvent(event));
    setHandler(submitEvidenceUpdate, ({ text }) => this.submitEvidence(text), {
      validator: (request) => this.checkEvidence(request?.text),
    });
  }

  async run(): Promise<DisputeState> {
    // The payment hears first, so no refund slips in once the dispute shows anywhere.
    if (patched('dispute-tells-payment')) await this.tellPayment('opened');
    await this.lock.exclusive(() => this.hold());
    this.held = true;
    const reminder = this.remindBeforeDue();
    await condition(() => this.outcome !== undefined);
    await this.lock.exclusive(() => this.close(this.outcome!));
    await reminder;
    await condition(allHandlersFinished);
    return this.state;
  }

  /**
   * Tells the payment's workflow, which refuses refunds while a dispute is open: the refund
   * check must happen where refunds are serialised, not against the read model. A payment
   * whose workflow has finished (its refund window closed) takes no refunds anyway.
   */
  private async tellPayment(status: DisputeNotice['status']): Promise<void> {
    const payment = getExternalWorkflowHandle(paymentWorkflowId(this.input.paymentId));
    try {
      await payment.signal(disputeSignal, { disputeId: this.input.disputeId, status });
    } catch (error) {
      log.info('the payment workflow was not told of its dispute: it has finished', {
        disputeId: this.input.disputeId,
        status,
        error,
      });
    }
  }

  private onEvent(event: DisputeEvent): void {
    const key = `${event.psp}:${event.eventId}`;
    if (this.seenEvents.has(key)) return;
    this.seenEvents.add(key);
    if (event.psp !== this.input.psp || event.pspDisputeReference !== this.input.pspDisputeReference) {
      log.warn('dispute event for another dispute ignored', { disputeId: this.input.disputeId, eventId: event.eventId });
      return;
    }
    // The input is the first opening; later ones (Stripe funds_withdrawn, Adyen CHARGEBACK) restate it.
    if (event.kind === 'dispute_opened') return;
    if (this.outcome) {
      // The first decision stands; a contradicting one needs a person, not an automatic reversal.
      log.warn('second dispute outcome ignored', { disputeId: this.input.disputeId, outcome: this.outcome, eventId: event.eventId });
      return;
    }
    this.outcome = event.kind === 'dispute_won' ? 'won' : 'lost';
  }

  /** What must still hold when evidence is sent, as well as when it was asked for. */
  private checkOpen(): void {
    if (this.outcome) refuse('dispute_closed', 'The dispute is closed: the payment processor has decided it.');
    if (nowMs() >= Date.parse(this.input.evidenceDueBy)) {
      refuse('dispute_evidence_past_due', `Evidence was due by ${this.input.evidenceDueBy}.`);
    }
  }

  private checkEvidence(text: unknown): void {
    this.checkOpen();
    if (this.evidenceInFlight || this.state.evidenceSubmittedAt) {
      refuse('dispute_evidence_already_submitted', 'Evidence for this dispute has already been submitted.');
    }
    if (typeof text !== 'string' || text.trim() === '') refuse('dispute_evidence_empty', 'The evidence text is empty.');
  }

  private async submitEvidence(text: string): Promise<DisputeState> {
    this.evidenceInFlight = true;
    try {
      await condition(() => this.held);
      return await this.lock.exclusive(async () => {
        // Waiting for the hold or the lock, the due date may have passed or the PSP decided.
        this.checkOpen();
        const { disputeId, psp, pspDisputeReference, pspReference } = this.input;
        try {
          await submitEvidenceToPsp({ psp, pspDisputeReference, pspReference, text, idempotencyKey: `${disputeId}:evidence` });
        } catch (error) {
          const cause = error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause : undefined;
          if (cause?.type === PSP_REQUEST_REJECTED) refuse('psp_refused_evidence', cause.message);
          if (cause?.type === PSP_NOT_CONFIGURED)
            refuse('psp_not_configured', `holdfast has no gateway for ${psp} here; the evidence was not sent.`);
          refuse('psp_unavailable', 'The payment processor could not be reached; the evidence may be submitted again.');
        }
        await this.commit(
          { ...this.state, status: 'under_review', evidenceText: text, evidenceSubmittedAt: new Date(nowMs()).toISOString() },
          { type: 'dispute.updated', step: 'evidence_submitted' },
        );
        return this.state;
      });
    } finally {
      this.evidenceInFlight = false;
    }
  }

  /** Divides the disputed amount, holds each share, and tells the merchant. */
  private async hold(): Promise<void> {
    const shares = sharesOf(this.input.amount, await disputedPayment({ paymentId: this.input.paymentId }));
    await this.post(disputeHeld(this.ref(shares)));
    await this.commit({ ...this.state, shares }, { type: 'dispute.created', step: 'created' });
  }

  /**
   * One `dispute.evidence_due_soon` at due − reminderSeconds, unless evidence or a decision
   * came first. A dispute opened already inside that window gets none: `dispute.created`
   * told the merchant the due date moments ago.
   */
  private async remindBeforeDue(): Promise<void> {
    const remindAt = Date.parse(this.input.evidenceDueBy) - this.input.reminderSeconds * 1000;
    if (remindAt <= nowMs()) return;
    const answered = () => this.outcome !== undefined || this.state.evidenceSubmittedAt !== undefined;
    if (await condition(answered, remindAt - nowMs())) return;
    await this.lock.exclusive(async () => {
      // Evidence that was on its way when the timer fired has been answered by now.
      if (answered()) return;
      await this.publish({ type: 'dispute.evidence_due_soon', step: 'evidence_due_soon' });
    });
  }

  private async close(outcome: 'won' | 'lost'): Promise<void> {
    // Before the read model shows it closed, so a refund asked for then is not refused.
    if (patched('dispute-tells-payment')) await this.tellPayment('closed');
    const ref = this.ref(this.state.shares);
    await this.post(outcome === 'won' ? disputeWon(ref) : disputeLost(ref));
    await this.commit(
      { ...this.state, status: outcome, closedAt: new Date(nowMs()).toISOString() },
      { type: 'dispute.closed', step: 'closed' },
    );
  }

  /** Saves the next version, then tells the merchant: they hear of a change once it is readable. */
  private async commit(next: DisputeState, event: { type: MerchantEventType; step: string }): Promise<void> {
    const saved = { ...next, version: this.state.version + 1 };
    this.view = await this.person.run({ step: `saveDispute:v${saved.version}`, activity: 'saveDispute' }, () => saveDispute(saved));
    this.state = saved;
    await this.publish(event);
  }

  /** The step names the business fact, so a retried publish records the event once. */
  private async publish({ type, step }: { type: MerchantEventType; step: string }): Promise<void> {
    const event = {
      merchantId: this.state.merchantId,
      type,
      object: this.view!,
      paymentId: this.state.paymentId,
      sourceKey: `dispute:${this.state.id}:${step}`,
    };
    await this.person.run({ step: `publishObjectEvent:${step}`, activity: 'publishObjectEvent' }, () => publishObjectEvent(event));
  }

  private async post(posting: Posting): Promise<void> {
    await this.person.run({ step: `postLedgerTransaction:${posting.postingKey}`, activity: 'postLedgerTransaction' }, () =>
      postLedgerTransaction(posting),
    );
  }

  private ref(shares: readonly DisputeShare[]): DisputeRef {
    const { disputeId, merchantId, paymentId, psp, currency } = this.input;
    return { disputeId, merchantId, paymentId, psp, currency, shares };
  }
}
