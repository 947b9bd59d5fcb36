import assert from 'node:assert/strict';
import type { DisputeEvent, PayoutEvent, PspEvent } from '../../domain/psp-gateway';
import { checkDisputeEvent, checkPaymentEvent, checkPayoutEvent, isPossibleOrphanedCharge } from '../../api/psp-event-checks';

const OCCURRED = '2026-12-01T10:00:00.000Z';

function paymentEvent(fields: Partial<PspEvent> = {}): PspEvent {
  return { psp: 'stripe', eventId: 'evt_1', kind: 'captured', pspReference: 'pi_1', paymentId: 'pay_1', occurredAt: OCCURRED, ...fields };
}

function payoutEvent(fields: Partial<PayoutEvent> = {}): PayoutEvent {
  return {
    psp: 'stripe',
    eventId: 'evt_2',
    kind: 'payout_failed',
    pspPayoutReference: 'po_psp_1',
    payoutId: 'po_1',
    occurredAt: OCCURRED,
    ...fields,
  };
}

function disputeEvent(fields: Partial<DisputeEvent> = {}): DisputeEvent {
  return {
    psp: 'adyen',
    eventId: 'NOTIFICATION_OF_CHARGEBACK:CB1:true',
    kind: 'dispute_opened',
    pspDisputeReference: 'CB1',
    pspReference: 'ADYEN_PAY_1',
    paymentId: 'pay_1',
    amount: 1000,
    currency: 'eur',
    occurredAt: OCCURRED,
    ...fields,
  };
}

const stripePayment = { id: 'pay_1', psp: 'stripe' as const, pspReference: 'pi_1' };
const adyenPayment = { id: 'pay_1', psp: 'adyen' as const, pspReference: 'ADYEN_PAY_1' };

describe('PSP event checks', () => {
  describe('payment events', () => {
    it('accept an event from the payment’s PSP naming its reference', () => {
      assert.deepEqual(checkPaymentEvent(paymentEvent(), stripePayment), { accepted: true });
    });

    it('reject an event from another PSP, even naming the payment by our id', () => {
      assert.deepEqual(checkPaymentEvent(paymentEvent(), adyenPayment), { accepted: false, reason: 'psp_mismatch' });
    });

    it('reject an event naming another reference at the right PSP', () => {
      assert.deepEqual(checkPaymentEvent(paymentEvent({ pspReference: 'pi_other' }), stripePayment), {
        accepted: false,
        reason: 'psp_reference_mismatch',
      });
    });

    it('without a reference of ours yet, accept only an event naming the payment by our id', () => {
      const unknown = { id: 'pay_1', psp: 'stripe' as const, pspReference: null };
      assert.deepEqual(checkPaymentEvent(paymentEvent({ pspReference: 'pi_new' }), unknown), { accepted: true });
      assert.deepEqual(checkPaymentEvent(paymentEvent({ paymentId: undefined }), unknown), {
        accepted: false,
        reason: 'merchant_reference_mismatch',
      });
      assert.deepEqual(checkPaymentEvent(paymentEvent({ paymentId: 'pay_2' }), unknown), {
        accepted: false,
        reason: 'merchant_reference_mismatch',
      });
      assert.deepEqual(checkPaymentEvent(paymentEvent({ psp: 'adyen' }), unknown), { accepted: false, reason: 'psp_mismatch' });
    });

    it('check a refund event against the refund it names', () => {
      const event = paymentEvent({ kind: 'refunded', paymentId: undefined, refundId: 're_1', pspRefundReference: 're_psp_1' });
      assert.deepEqual(checkPaymentEvent(event, stripePayment, { id: 're_1', paymentId: 'pay_1', pspReference: 're_psp_1' }), {
        accepted: true,
      });
      // Not answered yet: the refund's own reference is not known.
      assert.deepEqual(checkPaymentEvent(event, stripePayment, { id: 're_1', paymentId: 'pay_1', pspReference: null }), { accepted: true });
      const refused = { accepted: false, reason: 'refund_mismatch' };
      assert.deepEqual(checkPaymentEvent(event, stripePayment, { id: 're_1', paymentId: 'pay_2', pspReference: null }), refused);
      assert.deepEqual(checkPaymentEvent(event, stripePayment, { id: 're_1', paymentId: 'pay_1', pspReference: 're_psp_2' }), refused);
      assert.deepEqual(checkPaymentEvent(event, stripePayment, undefined), refused);
      // A refund settled by a PSP that is not the payment's.
      assert.deepEqual(checkPaymentEvent({ ...event, psp: 'adyen' }, stripePayment, { id: 're_1', paymentId: 'pay_1' }), {
        accepted: false,
        reason: 'psp_mismatch',
      });
    });
  });

  describe('payout events', () => {
    it('reject a failure from a PSP that is not the payout’s', () => {
      assert.deepEqual(checkPayoutEvent(payoutEvent({ psp: 'adyen' }), { id: 'po_1', psp: 'stripe', pspReference: null }), {
        accepted: false,
        reason: 'psp_mismatch',
      });
    });

    it('match the payout’s reference once the PSP gave one, else our payout id', () => {
      const sent = { id: 'po_1', psp: 'stripe' as const, pspReference: 'po_psp_1' };
      assert.deepEqual(checkPayoutEvent(payoutEvent(), sent), { accepted: true });
      assert.deepEqual(checkPayoutEvent(payoutEvent({ pspPayoutReference: 'po_psp_2' }), sent), {
        accepted: false,
        reason: 'psp_reference_mismatch',
      });
      const unanswered = { id: 'po_1', psp: 'stripe' as const, pspReference: null };
      assert.deepEqual(checkPayoutEvent(payoutEvent(), unanswered), { accepted: true });
      assert.deepEqual(checkPayoutEvent(payoutEvent({ payoutId: undefined }), unanswered), {
        accepted: false,
        reason: 'merchant_reference_mismatch',
      });
    });
  });

  describe('dispute events', () => {
    it('accept a dispute of the payment’s reference at its PSP', () => {
      assert.deepEqual(checkDisputeEvent(disputeEvent(), adyenPayment), { accepted: true });
    });

    it('reject a dispute that names the payment by merchantReference but disputes another reference', () => {
      assert.deepEqual(checkDisputeEvent(disputeEvent({ pspReference: 'ADYEN_OTHER' }), adyenPayment), {
        accepted: false,
        reason: 'psp_reference_mismatch',
      });
    });

    it('reject an event moving a known dispute to another payment', () => {
      assert.deepEqual(checkDisputeEvent(disputeEvent(), adyenPayment, { paymentId: 'pay_2' }), {
        accepted: false,
        reason: 'dispute_payment_mismatch',
      });
      assert.deepEqual(checkDisputeEvent(disputeEvent(), adyenPayment, { paymentId: 'pay_1' }), { accepted: true });
    });
  });

  it('call it a possible orphaned charge when money moved at a PSP that is not the object’s', () => {
    for (const kind of ['authorized', 'captured', 'refunded', 'payout_paid', 'dispute_lost']) {
      assert.equal(isPossibleOrphanedCharge({ kind }, 'psp_mismatch'), true, kind);
    }
    for (const kind of ['authorization_failed', 'capture_failed', 'canceled', 'payout_failed']) {
      assert.equal(isPossibleOrphanedCharge({ kind }, 'psp_mismatch'), false, kind);
    }
    assert.equal(isPossibleOrphanedCharge({ kind: 'captured' }, 'psp_reference_mismatch'), false);
  });
});
