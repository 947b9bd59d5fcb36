// Payouts and disputes through the real Stripe adapter (official SDK, real HTTP) against the
// simulator's Stripe face, with its signed webhooks received by a small HTTP server standing
// in for holdfast and mapped by the adapter's event mappers.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { type PayoutRequest, type PspGateway, PspRequestError } from '../../domain/psp-gateway';
import { disputeEventFromStripeEvent, payoutEventFromStripeEvent } from '../../psp/stripe/webhooks';
import type { SimDisputeSummary } from '../../sim/disputes';
import { type RunningSimulator, startSimulator } from '../../sim/server';
import { eventually } from '../support/eventually';
import {
  simStripeGateway,
  simStripeSdk,
  startStripeSimulator,
  type StripeDelivery,
  type StripeSimulator,
  verifiedStripeEvents,
} from '../support/stripe-simulator';

const CAPTURED = 5000;

describe('Stripe payouts and disputes against the PSP simulator', () => {
  let sim: RunningSimulator;
  let stripe: PspGateway;
  /** The SDK itself, to read what the adapter does not. */
  let sdk: Stripe;
  let deliveries: StripeDelivery[];
  let simulator: StripeSimulator;

  before(async () => {
    simulator = await startStripeSimulator();
    ({ sim, stripe, sdk, deliveries } = simulator);
  });

  after(() => simulator.close());

  /** The webhooks received about one Stripe object, once there are `count`; each signature is checked on the way. */
  async function eventsAbout(objectId: string, count: number): Promise<Stripe.Event[]> {
    return eventually(
      `${count} webhooks about ${objectId}`,
      async () => {
        const events = verifiedStripeEvents(deliveries).filter((event) => (event.data.object as { id?: string }).id === objectId);
        return events.length >= count ? events : undefined;
      },
      10_000,
    );
  }

  function payoutRequest(fields: Partial<PayoutRequest> = {}): PayoutRequest {
    const payoutId = `po_hf_${randomUUID()}`;
    return {
      payoutId,
      sellerId: `sel_${randomUUID()}`,
      amount: 12_500,
      currency: 'usd',
      idempotencyKey: `${payoutId}:payout`,
      ...fields,
    };
  }

  async function pendingPayout(request: PayoutRequest): Promise<string> {
    const result = await stripe.createPayout(request);
    assert.equal(result.outcome, 'pending');
    return result.pspPayoutReference as string;
  }

  /** A PaymentIntent authorized for CAPTURED minor units, not yet captured. */
  async function authorizedPayment(gateway = stripe): Promise<{ paymentId: string; pspReference: string }> {
    const paymentId = `pay_${randomUUID()}`;
    const authorized = await gateway.authorize({
      paymentId,
      merchantId: 'mer_test',
      amount: CAPTURED,
      currency: 'usd',
      paymentMethod: 'pm_card_visa',
      idempotencyKey: `${paymentId}:authorize`,
      returnUrl: 'https://shop.example/return',
    });
    assert.equal(authorized.outcome, 'authorized');
    return { paymentId, pspReference: authorized.pspReference as string };
  }

  /** A PaymentIntent authorized and captured for CAPTURED minor units. */
  async function capturedPayment(gateway = stripe): Promise<string> {
    const { paymentId, pspReference } = await authorizedPayment(gateway);
    await gateway.capture({ pspReference, amount: CAPTURED, currency: 'usd', idempotencyKey: `${paymentId}:capture` });
    return pspReference;
  }

  async function control(command: Record<string, unknown>, simulator = sim): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${simulator.url}/_sim/control`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(command),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function openDispute(pspReference: string, options: Record<string, unknown> = {}): Promise<SimDisputeSummary> {
    const { status, body } = await control({ action: 'dispute', psp_reference: pspReference, ...options });
    assert.equal(status, 200, JSON.stringify(body));
    return body.dispute as SimDisputeSummary;
  }

  async function closeDispute(pspReference: string, outcome: string): Promise<SimDisputeSummary> {
    const { status, body } = await control({ action: 'dispute_outcome', psp_reference: pspReference, outcome });
    assert.equal(status, 200, JSON.stringify(body));
    return body.dispute as SimDisputeSummary;
  }

  function submitEvidence(dispute: SimDisputeSummary, idempotencyKey = `${dispute.dispute_reference}:${randomUUID()}`) {
    return stripe.submitDisputeEvidence({
      pspDisputeReference: dispute.dispute_reference,
      pspReference: dispute.psp_reference,
      text: 'The goods were delivered and signed for.',
      idempotencyKey,
    });
  }

  async function rejectsAsRequestError(call: Promise<unknown>, message: RegExp): Promise<void> {
    await assert.rejects(call, (error: unknown) => {
      assert.ok(error instanceof PspRequestError, `expected a PspRequestError, got ${String(error)}`);
      assert.match(error.message, message);
      return true;
    });
  }

  describe('payouts', () => {
    it('a payout is answered pending, then payout.paid arrives signed and maps to payout_paid', async () => {
      const request = payoutRequest();
      const reference = await pendingPayout(request);
      assert.match(reference, /^po_/);

      const [paid] = await eventsAbout(reference, 1);
      assert.equal(paid?.type, 'payout.paid');
      assert.deepEqual(payoutEventFromStripeEvent(paid!), {
        psp: 'stripe',
        eventId: paid!.id,
        kind: 'payout_paid',
        pspPayoutReference: reference,
        payoutId: request.payoutId,
        occurredAt: new Date(paid!.created * 1000).toISOString(),
      });
      const retrieved = await sdk.payouts.retrieve(reference);
      assert.equal(retrieved.status, 'paid');
      assert.equal(retrieved.amount, 12_500);
      assert.deepEqual(retrieved.metadata, { holdfast_payout: request.payoutId, holdfast_seller: request.sellerId });
    });

    it("after payout_failure a seller's next payout fails by payout.failed with that code", async () => {
      const request = payoutRequest();
      const { status } = await control({ action: 'payout_failure', seller: request.sellerId, failure_code: 'no_account' });
      assert.equal(status, 200);
      const reference = await pendingPayout(request);

      const [failed] = await eventsAbout(reference, 1);
      assert.equal(failed?.type, 'payout.failed');
      const mapped = payoutEventFromStripeEvent(failed!);
      assert.equal(mapped?.kind, 'payout_failed');
      assert.equal(mapped?.payoutId, request.payoutId);
      assert.equal(mapped?.failureCode, 'no_account');
      assert.ok(mapped?.failureMessage);
    });

    it('payout_failure without a code fails payouts with account_closed, and other sellers are paid', async () => {
      const failing = payoutRequest();
      await control({ action: 'payout_failure', seller: failing.sellerId });
      const failingReference = await pendingPayout(failing);
      const paidReference = await pendingPayout(payoutRequest());

      const [failed] = await eventsAbout(failingReference, 1);
      assert.equal(payoutEventFromStripeEvent(failed!)?.failureCode, 'account_closed');
      const [paid] = await eventsAbout(paidReference, 1);
      assert.equal(payoutEventFromStripeEvent(paid!)?.kind, 'payout_paid');
    });

    it('a retried createPayout with the same idempotency key creates one payout', async () => {
      const request = payoutRequest();
      const first = await pendingPayout(request);
      const retried = await pendingPayout(request);
      assert.equal(retried, first);
      const [paid] = await eventsAbout(first, 1);
      assert.equal(paid?.type, 'payout.paid');
      const aboutThisPayout = deliveries.filter((delivery) => delivery.body.includes(request.payoutId));
      assert.equal(aboutThisPayout.length, 1);
    });

    it('a payout request Stripe refuses is a PspRequestError', async () => {
      await rejectsAsRequestError(stripe.createPayout(payoutRequest({ currency: 'us dollars' })), /currency/);
    });
  });

  describe('disputes', () => {
    it('a dispute sends created and funds_withdrawn, both mapped to dispute_opened with amount and due date', async () => {
      const pspReference = await capturedPayment();
      const dispute = await openDispute(pspReference, { amount: 3000, reason: 'product_not_received', due_in_seconds: 3600 });
      assert.equal(dispute.status, 'open');
      assert.match(dispute.dispute_reference, /^dp_/);
      assert.ok(Math.abs(Date.parse(dispute.evidence_due_by) - (Date.now() + 3600_000)) < 5_000);

      const events = await eventsAbout(dispute.dispute_reference, 2);
      assert.deepEqual(events.map((event) => event.type).sort(), ['charge.dispute.created', 'charge.dispute.funds_withdrawn']);
      for (const event of events) {
        const mapped = disputeEventFromStripeEvent(event);
        assert.equal(mapped?.kind, 'dispute_opened');
        assert.equal(mapped?.pspDisputeReference, dispute.dispute_reference);
        assert.equal(mapped?.pspReference, pspReference);
        assert.equal(mapped?.amount, 3000);
        assert.equal(mapped?.currency, 'usd');
        assert.equal(mapped?.reason, 'product_not_received');
        assert.equal(mapped?.evidenceDueBy, dispute.evidence_due_by);
      }
    });

    it('a dispute defaults to the captured amount, reason fraudulent and a week to answer', async () => {
      const dispute = await openDispute(await capturedPayment());
      assert.equal(dispute.amount, CAPTURED);
      assert.ok(Math.abs(Date.parse(dispute.evidence_due_by) - (Date.now() + 7 * 86_400_000)) < 5_000);
      const retrieved = await sdk.disputes.retrieve(dispute.dispute_reference);
      assert.equal(retrieved.reason, 'fraudulent');
      assert.equal(retrieved.status, 'needs_response');
    });

    it('submitted evidence moves the dispute under review, once', async () => {
      const dispute = await openDispute(await capturedPayment());
      const key = `${dispute.dispute_reference}:evidence`;
      await submitEvidence(dispute, key);
      // A retry with the same key is the same submission, answered again.
      await submitEvidence(dispute, key);

      const retrieved = await sdk.disputes.retrieve(dispute.dispute_reference);
      assert.equal(retrieved.status, 'under_review');
      assert.equal(retrieved.evidence_details.submission_count, 1);
      assert.equal(retrieved.evidence.uncategorized_text, 'The goods were delivered and signed for.');
      await rejectsAsRequestError(submitEvidence(dispute), /already been submitted/);
    });

    it('evidence after the dispute closed is refused', async () => {
      const pspReference = await capturedPayment();
      const dispute = await openDispute(pspReference);
      await closeDispute(pspReference, 'lost');
      await rejectsAsRequestError(submitEvidence(dispute), /closed/);
    });

    it('evidence after the due date is refused', async () => {
      const dispute = await openDispute(await capturedPayment(), { due_in_seconds: 1 });
      const dueBy = Date.parse(dispute.evidence_due_by) / 1000;
      // Stripe's clock counts whole seconds: the due date has passed once the second after it began.
      await eventually('the due date to pass', async () => Date.now() / 1000 >= dueBy + 1);
      await rejectsAsRequestError(submitEvidence(dispute), /was due by/);
    });

    it('a dispute won sends funds_reinstated and closed won, mapped to dispute_won', async () => {
      const pspReference = await capturedPayment();
      const opened = await openDispute(pspReference);
      await submitEvidence(opened);
      const closed = await closeDispute(pspReference, 'won');
      assert.equal(closed.status, 'won');
      assert.equal(closed.evidence_submitted, true);

      const events = await eventsAbout(opened.dispute_reference, 4);
      const closedEvent = events.find((event) => event.type === 'charge.dispute.closed');
      assert.ok(events.some((event) => event.type === 'charge.dispute.funds_reinstated'));
      assert.equal((closedEvent?.data.object as Stripe.Dispute).status, 'won');
      const mapped = disputeEventFromStripeEvent(closedEvent!);
      assert.equal(mapped?.kind, 'dispute_won');
      assert.equal(mapped?.amount, CAPTURED);
    });

    it('a dispute lost sends closed lost, mapped to dispute_lost, and nothing reinstated', async () => {
      const pspReference = await capturedPayment();
      const opened = await openDispute(pspReference);
      await closeDispute(pspReference, 'lost');

      const events = await eventsAbout(opened.dispute_reference, 3);
      assert.deepEqual(events.map((event) => event.type).sort(), [
        'charge.dispute.closed',
        'charge.dispute.created',
        'charge.dispute.funds_withdrawn',
      ]);
      const closedEvent = events.find((event) => event.type === 'charge.dispute.closed');
      assert.equal(disputeEventFromStripeEvent(closedEvent!)?.kind, 'dispute_lost');
    });

    it('control requests the simulator cannot honour answer 400', async () => {
      const pspReference = await capturedPayment();
      const refused = async (command: Record<string, unknown>, message: RegExp) => {
        const { status, body } = await control(command);
        assert.equal(status, 400, JSON.stringify(body));
        assert.match((body.error as { message: string }).message, message);
      };
      await refused({ action: 'dispute', psp_reference: 'pi_unknown' }, /no captured payment/);
      await refused({ action: 'dispute', psp_reference: pspReference, amount: CAPTURED + 1 }, /more than/);
      await refused({ action: 'dispute', psp_reference: pspReference, reason: 'bored' }, /reason/);
      await refused({ action: 'dispute_outcome', psp_reference: pspReference, outcome: 'won' }, /no open dispute/);

      await openDispute(pspReference);
      await refused({ action: 'dispute', psp_reference: pspReference }, /already has an open dispute/);
      await refused({ action: 'dispute_outcome', psp_reference: pspReference, outcome: 'draw' }, /won or lost/);
      await refused({ action: 'dispute_outcome', psp_reference: 'pi_unknown', outcome: 'lost' }, /no captured payment/);
    });

    it('a payment authorized but not captured cannot be disputed', async () => {
      const { pspReference } = await authorizedPayment();
      const { status } = await control({ action: 'dispute', psp_reference: pspReference });
      assert.equal(status, 400);
    });
  });

  describe('a restarted simulator', () => {
    it('keeps its payouts and disputes', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'stripe-sim-'));
      const stateFile = path.join(dir, 'simulator.json');
      let restarted: RunningSimulator | undefined;
      try {
        const first = await startSimulator({ stateFile });
        const gateway = simStripeGateway(first);
        const payout = await gateway.createPayout(payoutRequest());
        const { status, body } = await control({ action: 'dispute', psp_reference: await capturedPayment(gateway) }, first);
        assert.equal(status, 200);
        const dispute = body.dispute as SimDisputeSummary;
        await first.close();

        restarted = await startSimulator({ stateFile });
        const after = simStripeSdk(restarted);
        assert.equal((await after.payouts.retrieve(payout.pspPayoutReference as string)).status, 'paid');
        assert.equal((await after.disputes.retrieve(dispute.dispute_reference)).status, 'needs_response');
        const outcome = await control({ action: 'dispute_outcome', psp_reference: dispute.psp_reference, outcome: 'won' }, restarted);
        assert.equal(outcome.status, 200);
      } finally {
        await restarted?.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
