// One workflow per payout: reserve the seller's funds (or refuse the payout), wait for
// finance's approval above the threshold, send it through the seller's PSP, and wait for the
// PSP's word by webhook. Every change is ledger posting → read model → merchant event, in
// that order; failed and canceled payouts return the reserved funds, once.
import {
  ActivityFailure,
  type ActivityOptions,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { createLedgerActivities } from '../activities/ledger';
import type { createMerchantEventActivities } from '../activities/merchant-events/activities';
import type { createPayoutActivities } from '../activities/payouts/activities';
import type { PayoutEvent, PayoutResult } from '../domain/psp-gateway';
import type { MerchantEventType } from '../domain/events';
import {
  ACTIVITY_DATA_REJECTED,
  INSUFFICIENT_FUNDS,
  INVALID_POSTING,
  LEGACY_PAYOUT_PSP_NOT_CONFIGURED,
  POSTING_KEY_CONFLICT,
  PSP_NOT_CONFIGURED,
  PSP_REQUEST_REJECTED,
} from '../domain/failures';
import { payoutPaid, payoutReserved, payoutReturned, type PayoutRef, type Posting } from '../domain/ledger';
import { PAYOUT_REQUEST_REFUSED, refuse as refuseWith } from '../domain/failures';
import {
  approvePayoutUpdate,
  awaitReservationUpdate,
  BALANCE_INSUFFICIENT,
  cancelPayoutUpdate,
  payoutEventSignal,
  payoutStateQuery,
  type PayoutInput,
  type PayoutState,
} from '../contracts/payout.contract';
import { UntilResolved } from './lib/until-resolved';

/**
 * Sending the payout: generous bounded retries (about an hour), each under the same
 * idempotency key, so the PSP pays at most once however often we ask. A refusal is final.
 */
const pspSend = {
  startToCloseTimeout: '30s',
  retry: {
    initialInterval: '2s',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 12,
    nonRetryableErrorTypes: [PSP_REQUEST_REJECTED, PSP_NOT_CONFIGURED, LEGACY_PAYOUT_PSP_NOT_CONFIGURED],
  },
} satisfies ActivityOptions;

/**
 * Ledger postings, read-model writes and merchant events retry without limit: each is
 * idempotent (posting key, version guard, source key), and once funds move the record of it
 * must not be lost. An overdraft refusal is final.
 */
const recordWrite = {
  startToCloseTimeout: '15s',
  retry: {
    initialInterval: '500ms',
    backoffCoefficient: 2,
    maximumInterval: '30s',
    // A write the database refuses for good waits for a person instead (UntilResolved).
    nonRetryableErrorTypes: [INSUFFICIENT_FUNDS, INVALID_POSTING, POSTING_KEY_CONFLICT, ACTIVITY_DATA_REJECTED],
  },
} satisfies ActivityOptions;

/** How long a payout whose send went unanswered waits before it is sent again (same key). */
const RESEND_INTERVAL_MS = 60 * 60_000;

const { sendPayout } = proxyActivities<ReturnType<typeof createPayoutActivities>>(pspSend);
const { savePayout, reservePayout } = proxyActivities<ReturnType<typeof createPayoutActivities>>(recordWrite);
const { postLedgerTransaction } = proxyActivities<ReturnType<typeof createLedgerActivities>>(recordWrite);
const { publishObjectEvent } = proxyActivities<ReturnType<typeof createMerchantEventActivities>>(recordWrite);

/** Workflow time: deterministic on replay (the SDK pins Date to the workflow task's time). */
function now(): string {
  return new Date().toISOString();
}

function applicationCause(error: unknown): ApplicationFailure | undefined {
  return error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause : undefined;
}

/** Fails an Update the way the API maps to an answer: details[0] is the Refusal. */
function refuse(type: string, code: string, message: string, param?: string): never {
  refuseWith(type, { code, message, ...(param ? { param } : {}) });
}

/** The final state, or null when the balance could not cover the payout and nothing was reserved. */
export async function payoutWorkflow(input: PayoutInput): Promise<PayoutState | null> {
  return new Payout(input).run();
}

class Payout {
  /** Version 0 until the funds are reserved: nothing is in the read model before that. */
  private state: PayoutState;
  private reservation: 'pending' | 'reserved' | 'refused' = 'pending';
  /** Approve or cancel was accepted: from then on both are refused, even in the same activation. */
  private decided = false;
  /** PSP events, deduplicated by PSP and event id; kept from the start, so none sent early is lost. */
  private readonly events: PayoutEvent[] = [];
  private readonly seenEvents = new Set<string>();
  /** The reservation is on the books: from then on no step is given up (see `person`). */
  private booked = false;
  /**
   * Where a write the database refuses for good waits for a person. Only the reservation
   * itself may be given up (the payout then never existed); after it, the reserved funds and
   * whatever the PSP did must stay on the books.
   */
  private readonly person: UntilResolved;

  constructor(private readonly input: PayoutInput) {
    this.person = new UntilResolved({
      about: { merchantId: input.merchantId, psp: input.psp },
      mayFail: () => !this.booked,
    });
    this.state = {
      id: input.payoutId,
      merchantId: input.merchantId,
      sellerId: input.sellerId,
      amount: input.amount,
      currency: input.currency,
      psp: input.psp,
      method: input.method,
      status: 'pending',
      createdAt: input.createdAt,
      version: 0,
    };

    // Handlers first, before any await, so no message that arrives early is lost.
    setHandler(payoutStateQuery, () => this.state);
    setHandler(awaitReservationUpdate, async () => {
      await condition(() => this.reservation !== 'pending');
      if (this.reservation === 'refused') {
        refuse(BALANCE_INSUFFICIENT, 'balance_insufficient', 'The seller’s available balance does not cover this payout.', 'amount');
      }
      return this.state;
    });
    setHandler(approvePayoutUpdate, ({ approvedBy }) => this.approve(approvedBy), {
      validator: (_approval: { approvedBy: string }) => this.checkAwaitingApproval(),
    });
    setHandler(cancelPayoutUpdate, () => this.cancel(), { validator: () => this.checkAwaitingApproval() });
    setHandler(payoutEventSignal, (event) => {
      const key = `${event.psp}:${event.eventId}`;
      if (this.seenEvents.has(key)) return;
      // Only the payout's own PSP can say what became of it (the API checks this first). Once
      // patched, not before: a payout already running keeps what its history recorded.
      if (event.psp !== this.input.psp && patched('payout-ignores-foreign-psp-events')) {
        log.warn('payout event from another PSP ignored', { payoutId: this.input.payoutId, psp: event.psp, eventId: event.eventId });
        return;
      }
      this.seenEvents.add(key);
      this.events.push(event);
    });
  }

  async run(): Promise<PayoutState | null> {
    if (await this.reserve()) {
      await condition(() => this.state.status !== 'requires_approval');
      if (this.state.status === 'pending') await this.send();
      if (this.state.status === 'in_transit') await this.settle();
    }
    await condition(allHandlersFinished);
    return this.reservation === 'reserved' ? this.state : null;
  }

  private ref(): PayoutRef {
    const { payoutId, merchantId, sellerId, psp, amount, currency } = this.input;
    return { payoutId, merchantId, sellerId, psp, amount, currency };
  }

  /** False when the ledger refused the reservation: the payout never existed. */
  private async reserve(): Promise<boolean> {
    let status: PayoutState['status'];
    try {
      // The threshold applies to the seller's payouts of the last 24 hours, decided in the
      // reservation's own transaction; before this, to the payout alone, so splitting a large
      // payout avoided approval. Runs that started before keep their recorded decision.
      if (patched('payout-approval-over-24h')) {
        const payout = { ...this.state, version: this.state.version + 1 };
        ({ status } = await this.person.run({ step: `reservePayout:v${payout.version}`, activity: 'reservePayout' }, () =>
          reservePayout({ payout, approvalThreshold: this.input.approvalThreshold }),
        ));
      } else {
        await this.post(payoutReserved(this.ref()));
        status = this.input.amount > this.input.approvalThreshold ? 'requires_approval' : 'pending';
      }
    } catch (error) {
      if (applicationCause(error)?.type !== INSUFFICIENT_FUNDS) throw error;
      this.reservation = 'refused';
      return false;
    }
    this.booked = true;
    // Either way through commit: after reservePayout the save finds this version already
    // written and changes nothing, and the state moves on the one path every change takes.
    await this.commit({ ...this.state, status });
    this.reservation = 'reserved';
    return true;
  }

  private checkAwaitingApproval(): void {
    if (this.state.status !== 'requires_approval' || this.decided) {
      refuse(
        PAYOUT_REQUEST_REFUSED,
        'payout_not_awaiting_approval',
        `This payout is ${this.state.status}; only a payout awaiting approval can be approved or canceled.`,
      );
    }
  }

  private async approve(approvedBy: string): Promise<PayoutState> {
    // Another approve or cancel may have been accepted since this one was validated: check again.
    this.checkAwaitingApproval();
    this.decided = true;
    // The payout as approved: by the time the save returns, the send may have moved it on.
    return this.commit({ ...this.state, status: 'pending', approvedBy, approvedAt: now() });
  }

  private async cancel(): Promise<PayoutState> {
    this.checkAwaitingApproval();
    this.decided = true;
    await this.returnFunds({ status: 'canceled' }, 'payout.canceled');
    return this.state;
  }

  /** Ends with the payout in transit, or failed with its funds returned. */
  private async send(): Promise<void> {
    for (;;) {
      let result: PayoutResult;
      try {
        result = await sendPayout({
          psp: this.input.psp,
          payoutId: this.input.payoutId,
          sellerId: this.input.sellerId,
          amount: this.input.amount,
          currency: this.input.currency,
          idempotencyKey: `${this.input.payoutId}:send`,
        });
      } catch (error) {
        const cause = applicationCause(error);
        const notConfigured = cause?.type === PSP_NOT_CONFIGURED || cause?.type === LEGACY_PAYOUT_PSP_NOT_CONFIGURED;
        if (cause && (cause.type === PSP_REQUEST_REJECTED || notConfigured)) {
          const code = (cause.details?.[0] as { code?: string } | undefined)?.code;
          await this.fail(code ?? (notConfigured ? 'psp_not_configured' : 'psp_request_rejected'), cause.message);
          return;
        }
        // Unanswered even after the retries: the PSP may have paid, so the funds stay reserved
        // and the payout is sent again later under the same key, unless its webhook comes first.
        log.warn('payout send unanswered; sending again later', { payoutId: this.input.payoutId, error });
        const heard = await condition(() => this.outcomeEvent() !== undefined, RESEND_INTERVAL_MS);
        if (!heard) continue;
        await this.commit({ ...this.state, status: 'in_transit', pspPayoutReference: this.outcomeEvent()!.pspPayoutReference });
        return;
      }
      if (result.outcome === 'failed') {
        await this.fail(result.failureCode, result.failureMessage, result.pspPayoutReference);
      } else {
        await this.commit({ ...this.state, status: 'in_transit', pspPayoutReference: result.pspPayoutReference });
      }
      return;
    }
  }

  /** Waits for the PSP's webhook (it may already be here) and records what it says. */
  private async settle(): Promise<void> {
    await condition(() => this.outcomeEvent() !== undefined);
    const event = this.outcomeEvent()!;
    if (event.kind === 'payout_failed') {
      await this.fail(event.failureCode ?? 'payout_failed', event.failureMessage ?? 'The payment processor could not pay out.');
      return;
    }
    await this.post(payoutPaid(this.ref()));
    await this.commit({ ...this.state, status: 'paid' }, 'payout.paid');
  }

  /**
   * The first event about this payout. The API routes events by payout id or PSP reference;
   * one naming another payout or reference is a routing bug, ignored rather than acted on.
   */
  private outcomeEvent(): PayoutEvent | undefined {
    const reference = this.state.pspPayoutReference;
    return this.events.find(
      (e) =>
        (e.payoutId === undefined || e.payoutId === this.input.payoutId) && (reference === undefined || e.pspPayoutReference === reference),
    );
  }

  private async fail(failureCode: string, failureMessage: string, pspPayoutReference?: string): Promise<void> {
    const reference = pspPayoutReference ?? this.state.pspPayoutReference;
    await this.returnFunds(
      { status: 'failed', failureCode, failureMessage, ...(reference ? { pspPayoutReference: reference } : {}) },
      'payout.failed',
    );
  }

  /** Failed and canceled payouts end here, once: the returned posting's key makes a retry a no-op. */
  private async returnFunds(change: Partial<PayoutState>, type: MerchantEventType): Promise<void> {
    await this.post(payoutReturned(this.ref()));
    await this.commit({ ...this.state, ...change }, type);
  }

  /**
   * Saves the next version, then tells the merchant: they hear of a change once it is readable.
   * The state moves before the save, so a concurrent step builds on it and versions never repeat.
   */
  private async commit(next: PayoutState, event?: MerchantEventType): Promise<PayoutState> {
    const saved = { ...next, version: this.state.version + 1 };
    this.state = saved;
    const view = await this.person.run({ step: `savePayout:v${saved.version}`, activity: 'savePayout' }, () => savePayout(saved));
    if (!event) return saved;
    // payout.paid → payout:<id>:paid
    const sourceKey = `payout:${saved.id}:${event.slice('payout.'.length)}`;
    await this.person.run({ step: `publishObjectEvent:${event}`, activity: 'publishObjectEvent' }, () =>
      publishObjectEvent({ merchantId: saved.merchantId, type: event, object: view, paymentId: null, sourceKey }),
    );
    return saved;
  }

  private async post(posting: Posting): Promise<void> {
    await this.person.run({ step: `postLedgerTransaction:${posting.postingKey}`, activity: 'postLedgerTransaction' }, () =>
      postLedgerTransaction(posting),
    );
  }
}
