// Adyen payouts (Payout API v68) and chargebacks (Disputes API v30): the real Adyen adapter
// against the simulator's Adyen face, with a local endpoint receiving its signed notifications
// and holdfast's notification mappers reading them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  disputeEventsFromAdyenNotification,
  payoutEventsFromAdyenNotification,
  verifyAdyenNotificationItem,
} from '../../psp/adyen/notifications';
import { type DisputeEvent, type PayoutEvent, type PayoutRequest, type PspGateway, PspRequestError } from '../../domain/psp-gateway';
import type { SimDisputeSummary } from '../../sim/disputes';
import { SIM_ADYEN_HMAC_KEY } from '../../sim/credentials';
import { type RunningSimulator, startSimulator } from '../../sim/server';
import { type NotificationSink, notificationSink, type ReceivedNotificationItem, simAdyenGateway } from '../support/adyen-simulator';
import { eventually } from '../support/eventually';
import { simulatorClient } from '../support/simulator-client';

describe('Adyen payouts and disputes against the PSP simulator', () => {
  let sim: RunningSimulator;
  let sink: NotificationSink;
  let adyen: PspGateway;

  before(async () => {
    sink = await notificationSink();
    sim = await startSimulator({ webhookTarget: sink.url });
    adyen = simAdyenGateway(sim);
  });

  after(async () => {
    await sim.close();
    await sink.close();
  });

  /** The signed item with this event code and pspReference, once it has arrived. */
  async function notified(
    eventCode: string,
    pspReference: string,
  ): Promise<{ notificationItems: Array<{ NotificationRequestItem: ReceivedNotificationItem }> }> {
    const item = await eventually(
      `${eventCode} for ${pspReference}`,
      async () => sink.items.find((candidate) => candidate.eventCode === eventCode && candidate.pspReference === pspReference),
      10_000,
    );
    assert.equal(verifyAdyenNotificationItem(item, SIM_ADYEN_HMAC_KEY), true, `the HMAC of ${eventCode} verifies`);
    return { notificationItems: [{ NotificationRequestItem: item }] };
  }

  async function payoutEvent(eventCode: string, pspReference: string): Promise<PayoutEvent> {
    const events = payoutEventsFromAdyenNotification(await notified(eventCode, pspReference));
    assert.equal(events.length, 1);
    return events[0];
  }

  async function disputeEvent(eventCode: string, disputeReference: string): Promise<DisputeEvent> {
    const events = disputeEventsFromAdyenNotification(await notified(eventCode, disputeReference));
    assert.equal(events.length, 1);
    return events[0];
  }

  async function control(body: Record<string, unknown>): Promise<{ dispute: SimDisputeSummary }> {
    const response = await fetch(`${sim.url}/_sim/control`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 200, `${String(body.action)} is accepted: ${await response.clone().text()}`);
    return (await response.json()) as { dispute: SimDisputeSummary };
  }

  function payout(fields: Partial<PayoutRequest> = {}): PayoutRequest {
    const payoutId = `po_${randomUUID()}`;
    return { payoutId, sellerId: `sel_${randomUUID()}`, amount: 12_345, currency: 'eur', idempotencyKey: `${payoutId}:submit`, ...fields };
  }

  /** A payment authorized and captured at the face, as a dispute needs. */
  async function capturedPayment(amount = 5000): Promise<{ paymentId: string; pspReference: string }> {
    const paymentId = `pay_${randomUUID()}`;
    const authorized = await adyen.authorize({
      paymentId,
      merchantId: 'mer_disputes',
      amount,
      currency: 'eur',
      paymentMethod: 'pm_card_visa',
      idempotencyKey: `${paymentId}:authorize`,
      returnUrl: `https://shop.example/return?payment=${paymentId}`,
    });
    assert.equal(authorized.outcome, 'authorized');
    if (authorized.outcome !== 'authorized') throw new Error('unreachable');
    await adyen.capture({ pspReference: authorized.pspReference, amount, currency: 'eur', idempotencyKey: `${paymentId}:capture` });
    return { paymentId, pspReference: authorized.pspReference };
  }

  function evidence(dispute: SimDisputeSummary) {
    return {
      pspDisputeReference: dispute.dispute_reference,
      pspReference: dispute.psp_reference,
      text: 'The cardholder signed for the parcel on 3 March (tracking 1Z999). Invoice and delivery photo on file.',
      idempotencyKey: `${dispute.dispute_reference}:evidence`,
    };
  }

  describe('payouts', () => {
    it('a payout is pending until PAYOUT_THIRDPARTY success=true says it was paid', async () => {
      const request = payout();
      const result = await adyen.createPayout(request);
      assert.equal(result.outcome, 'pending');
      if (result.outcome !== 'pending') return;
      assert.match(result.pspPayoutReference, /^[0-9A-Z]{16}$/);
      const event = await payoutEvent('PAYOUT_THIRDPARTY', result.pspPayoutReference);
      assert.deepEqual(
        [event.psp, event.kind, event.pspPayoutReference, event.payoutId, event.eventId],
        ['adyen', 'payout_paid', result.pspPayoutReference, request.payoutId, `PAYOUT_THIRDPARTY:${result.pspPayoutReference}:true`],
      );
    });

    it('after payout_failure for the seller, PAYOUT_THIRDPARTY success=false fails the payout with the bank code', async () => {
      const request = payout();
      await control({ action: 'payout_failure', seller: request.sellerId, failure_code: 'account_closed' });
      const result = await adyen.createPayout(request);
      assert.equal(result.outcome, 'pending', 'Adyen only learns of the failure from the bank, after answering');
      if (result.outcome !== 'pending') return;
      const event = await payoutEvent('PAYOUT_THIRDPARTY', result.pspPayoutReference);
      assert.deepEqual([event.kind, event.failureCode, event.payoutId], ['payout_failed', 'account_closed', request.payoutId]);
    });

    it('a payout retried with the same idempotency key is made once and notified once', async () => {
      const request = payout();
      const first = await adyen.createPayout(request);
      const second = await adyen.createPayout(request);
      assert.deepEqual(second, first);
      if (first.outcome !== 'pending') return assert.fail('pending');
      await payoutEvent('PAYOUT_THIRDPARTY', first.pspPayoutReference);
      const calls = (await simulatorClient(sim.url).requests(request.payoutId)).filter((call) => call.path.endsWith('/submitThirdParty'));
      assert.equal(calls.length, 2);
      // A notification of the replay would have been sent before one of a later payout.
      const another = await adyen.createPayout(payout({ sellerId: request.sellerId }));
      if (another.outcome !== 'pending') return assert.fail('pending');
      await payoutEvent('PAYOUT_THIRDPARTY', another.pspPayoutReference);
      assert.equal(sink.items.filter((item) => item.merchantReference === request.payoutId).length, 1);
    });

    it('a payout of nothing is refused before anything is sent', async () => {
      await assert.rejects(adyen.createPayout(payout({ amount: 0 })), RangeError);
    });
  });

  describe('disputes', () => {
    it('a dispute on a captured payment arrives as NOTIFICATION_OF_CHARGEBACK: dispute_opened with amount and due date', async () => {
      const payment = await capturedPayment(5000);
      const { dispute } = await control({
        action: 'dispute',
        psp_reference: payment.pspReference,
        amount: 3000,
        reason: '13.1',
        due_in_seconds: 3600,
      });
      assert.deepEqual(
        [dispute.psp, dispute.psp_reference, dispute.amount, dispute.currency, dispute.status, dispute.evidence_submitted],
        ['adyen', payment.pspReference, 3000, 'eur', 'open', false],
      );
      const event = await disputeEvent('NOTIFICATION_OF_CHARGEBACK', dispute.dispute_reference);
      assert.deepEqual(
        [
          event.kind,
          event.pspDisputeReference,
          event.pspReference,
          event.paymentId,
          event.amount,
          event.currency,
          event.reason,
          event.evidenceDueBy,
        ],
        [
          'dispute_opened',
          dispute.dispute_reference,
          payment.pspReference,
          payment.paymentId,
          3000,
          'eur',
          '13.1',
          dispute.evidence_due_by,
        ],
      );
      const dueIn = Date.parse(event.evidenceDueBy!) - Date.now();
      assert.ok(dueIn > 3_000_000 && dueIn <= 3_600_000, `evidence is due in about an hour (${dueIn} ms)`);
    });

    it('a dispute defaults to the captured amount, reason 10.4 and seven days; a second one on the payment is refused', async () => {
      const payment = await capturedPayment(4200);
      const { dispute } = await control({ action: 'dispute', psp_reference: payment.pspReference });
      assert.equal(dispute.amount, 4200);
      const event = await disputeEvent('NOTIFICATION_OF_CHARGEBACK', dispute.dispute_reference);
      assert.equal(event.reason, '10.4');
      const days = (Date.parse(event.evidenceDueBy!) - Date.now()) / 86_400_000;
      assert.ok(days > 6.9 && days <= 7, `due in seven days (${days})`);
      const again = await fetch(`${sim.url}/_sim/control`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'dispute', psp_reference: payment.pspReference }),
      });
      assert.equal(again.status, 400);
      const tooMuch = await capturedPayment(1000);
      const over = await fetch(`${sim.url}/_sim/control`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'dispute', psp_reference: tooMuch.pspReference, amount: 1001 }),
      });
      assert.equal(over.status, 400, 'more than was captured');
    });

    it('evidence is supplied and the dispute defended; winning sends CHARGEBACK (Responded) then CHARGEBACK_REVERSED', async () => {
      const payment = await capturedPayment();
      const { dispute } = await control({ action: 'dispute', psp_reference: payment.pspReference });
      await disputeEvent('NOTIFICATION_OF_CHARGEBACK', dispute.dispute_reference);
      await adyen.submitDisputeEvidence(evidence(dispute));
      // A retry under the same key replays both answers: still fine.
      await adyen.submitDisputeEvidence(evidence(dispute));

      const closed = await control({ action: 'dispute_outcome', psp_reference: payment.pspReference, outcome: 'won' });
      assert.deepEqual([closed.dispute.status, closed.dispute.evidence_submitted], ['won', true]);
      const chargeback = await disputeEvent('CHARGEBACK', dispute.dispute_reference);
      assert.equal(chargeback.kind, 'dispute_opened', 'the funds are debited while the scheme decides');
      const reversed = await disputeEvent('CHARGEBACK_REVERSED', dispute.dispute_reference);
      assert.deepEqual([reversed.kind, reversed.pspReference, reversed.amount], ['dispute_won', payment.pspReference, 5000]);
      const statuses = sink.items
        .filter((item) => item.pspReference === dispute.dispute_reference)
        .map((item) => `${item.eventCode}:${item.additionalData?.disputeStatus}`);
      assert.deepEqual(statuses, ['NOTIFICATION_OF_CHARGEBACK:Undefended', 'CHARGEBACK:Responded', 'CHARGEBACK_REVERSED:Won']);
    });

    it('losing sends one CHARGEBACK with disputeStatus Lost: dispute_lost; evidence after that is refused', async () => {
      const payment = await capturedPayment();
      const { dispute } = await control({ action: 'dispute', psp_reference: payment.pspReference });
      await control({ action: 'dispute_outcome', psp_reference: payment.pspReference, outcome: 'lost' });
      const lost = await disputeEvent('CHARGEBACK', dispute.dispute_reference);
      assert.deepEqual([lost.kind, lost.paymentId, lost.amount], ['dispute_lost', payment.paymentId, 5000]);
      await assert.rejects(adyen.submitDisputeEvidence(evidence(dispute)), (error: unknown) => {
        assert.ok(error instanceof PspRequestError, String(error));
        assert.equal(error.code, 'dispute_not_defendable');
        assert.match(error.message, /closed/);
        return true;
      });
      assert.equal(
        sink.items.filter((item) => item.pspReference === dispute.dispute_reference && item.eventCode === 'CHARGEBACK').length,
        1,
      );
    });

    it('evidence for a dispute Adyen does not know is refused', async () => {
      await assert.rejects(
        adyen.submitDisputeEvidence({
          pspDisputeReference: 'NOSUCHDISPUTE000',
          pspReference: 'X',
          text: 'x',
          idempotencyKey: randomUUID(),
        }),
        PspRequestError,
      );
    });
  });
});
