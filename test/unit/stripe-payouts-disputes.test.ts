import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import {
  assertEvidenceSubmitted,
  disputeEvidenceParams,
  payoutCreateParams,
  payoutResultFromPayout,
  UnmappableStripeResponseError,
} from '../../psp/stripe/mappers';
import { disputeEventFromStripeEvent, payoutEventFromStripeEvent, pspEventFromStripeEvent } from '../../psp/stripe/webhooks';
import { STRIPE_EVENT_FIELDS, stripeEvent } from '../support/stripe-events';

const DUE_BY = 1_767_830_400; // 2026-01-08T00:00:00Z

function payout(fields: Partial<Stripe.Payout>): Stripe.Payout {
  return {
    id: 'po_test',
    object: 'payout',
    amount: 12_500,
    currency: 'eur',
    failure_code: null,
    failure_message: null,
    metadata: { holdfast_payout: 'po_hf_1', holdfast_seller: 'sel_1' },
    status: 'pending',
    ...fields,
  } as Stripe.Payout;
}

function dispute(fields: Partial<Stripe.Dispute>): Stripe.Dispute {
  return {
    id: 'dp_test',
    object: 'dispute',
    amount: 1099,
    currency: 'eur',
    charge: 'ch_test',
    payment_intent: 'pi_test',
    reason: 'fraudulent',
    status: 'needs_response',
    evidence_details: { due_by: DUE_BY, has_evidence: false, past_due: false, submission_count: 0 },
    ...fields,
  } as Stripe.Dispute;
}

describe('Stripe payouts and disputes mapping', () => {
  describe('requests', () => {
    it('a payout carries the amount in minor units and holdfast payout and seller ids in metadata', () => {
      const params = payoutCreateParams({ payoutId: 'po_hf_1', sellerId: 'sel_1', amount: 12_500, currency: 'eur', idempotencyKey: 'k' });
      assert.equal(params.amount, 12_500);
      assert.equal(params.currency, 'eur');
      assert.deepEqual(params.metadata, { holdfast_payout: 'po_hf_1', holdfast_seller: 'sel_1' });
      assert.match(params.description ?? '', /po_hf_1/);
    });

    it('a payout of no money is refused before it reaches Stripe', () => {
      assert.throws(
        () => payoutCreateParams({ payoutId: 'p', sellerId: 's', amount: 0, currency: 'eur', idempotencyKey: 'k' }),
        RangeError,
      );
    });

    it('dispute evidence goes as uncategorized text and is submitted at once', () => {
      const params = disputeEvidenceParams({
        pspDisputeReference: 'dp_1',
        pspReference: 'pi_1',
        text: 'Delivered, signed for.',
        idempotencyKey: 'k',
      });
      assert.deepEqual(params, { evidence: { uncategorized_text: 'Delivered, signed for.' }, submit: true });
    });
  });

  describe('payoutResultFromPayout', () => {
    for (const status of ['pending', 'in_transit']) {
      it(`a payout ${status} is pending under its Stripe id`, () => {
        assert.deepEqual(payoutResultFromPayout(payout({ status })), { outcome: 'pending', pspPayoutReference: 'po_test' });
      });
    }

    it("a failed payout is failed with Stripe's failure code and message", () => {
      const result = payoutResultFromPayout(
        payout({ status: 'failed', failure_code: 'account_closed', failure_message: 'The bank account has been closed.' }),
      );
      assert.deepEqual(result, {
        outcome: 'failed',
        pspPayoutReference: 'po_test',
        failureCode: 'account_closed',
        failureMessage: 'The bank account has been closed.',
      });
    });

    it('a canceled payout is failed with code canceled', () => {
      const result = payoutResultFromPayout(payout({ status: 'canceled' }));
      assert.equal(result.outcome, 'failed');
      assert.equal(result.outcome === 'failed' && result.failureCode, 'canceled');
    });

    for (const status of ['paid', 'reticulating']) {
      it(`a payout answered ${status} is unmappable, not a default`, () => {
        assert.throws(
          () => payoutResultFromPayout(payout({ status })),
          (error: unknown) => {
            assert.ok(error instanceof UnmappableStripeResponseError);
            assert.match(error.message, new RegExp(status));
            return true;
          },
        );
      });
    }
  });

  describe('assertEvidenceSubmitted', () => {
    it('a dispute under review has its evidence', () => {
      assert.doesNotThrow(() => assertEvidenceSubmitted(dispute({ status: 'under_review' })));
      assert.doesNotThrow(() => assertEvidenceSubmitted(dispute({ status: 'warning_under_review' })));
    });

    it('a dispute still needing a response after a submission is unmappable', () => {
      assert.throws(() => assertEvidenceSubmitted(dispute({ status: 'needs_response' })), UnmappableStripeResponseError);
    });
  });

  describe('payoutEventFromStripeEvent', () => {
    it('payout.paid is payout_paid with holdfast payout id', () => {
      assert.deepEqual(payoutEventFromStripeEvent(stripeEvent('payout.paid', payout({ status: 'paid' }))), {
        ...STRIPE_EVENT_FIELDS,
        kind: 'payout_paid',
        pspPayoutReference: 'po_test',
        payoutId: 'po_hf_1',
      });
    });

    it("payout.failed is payout_failed with Stripe's failure code and message", () => {
      const failed = payout({ status: 'failed', failure_code: 'no_account', failure_message: 'No such account.' });
      assert.deepEqual(payoutEventFromStripeEvent(stripeEvent('payout.failed', failed)), {
        ...STRIPE_EVENT_FIELDS,
        kind: 'payout_failed',
        pspPayoutReference: 'po_test',
        payoutId: 'po_hf_1',
        failureCode: 'no_account',
        failureMessage: 'No such account.',
      });
    });

    it('a payout without holdfast metadata maps without a payout id', () => {
      const mapped = payoutEventFromStripeEvent(stripeEvent('payout.paid', payout({ status: 'paid', metadata: {} })));
      assert.equal(mapped?.payoutId, undefined);
      assert.equal(mapped?.pspPayoutReference, 'po_test');
    });

    it('other payout events and other types map to nothing', () => {
      assert.equal(payoutEventFromStripeEvent(stripeEvent('payout.created', payout({}))), undefined);
      assert.equal(payoutEventFromStripeEvent(stripeEvent('payout.updated', payout({}))), undefined);
      assert.equal(payoutEventFromStripeEvent(stripeEvent('charge.dispute.created', dispute({}))), undefined);
    });

    it('the payment event mapper leaves payout events alone', () => {
      assert.equal(pspEventFromStripeEvent(stripeEvent('payout.paid', payout({ status: 'paid' }))), undefined);
    });
  });

  describe('disputeEventFromStripeEvent', () => {
    const opened = {
      ...STRIPE_EVENT_FIELDS,
      kind: 'dispute_opened',
      pspDisputeReference: 'dp_test',
      pspReference: 'pi_test',
      amount: 1099,
      currency: 'eur',
      reason: 'fraudulent',
      evidenceDueBy: '2026-01-08T00:00:00.000Z',
    };

    for (const type of ['charge.dispute.created', 'charge.dispute.funds_withdrawn']) {
      it(`${type} is dispute_opened with amount, reason and due date`, () => {
        assert.deepEqual(disputeEventFromStripeEvent(stripeEvent(type, dispute({}))), opened);
      });
    }

    it('an expanded PaymentIntent gives the reference and holdfast payment id', () => {
      const intent = {
        id: 'pi_test',
        object: 'payment_intent',
        metadata: { holdfast_payment_id: 'pay_1' },
      } as unknown as Stripe.PaymentIntent;
      const mapped = disputeEventFromStripeEvent(stripeEvent('charge.dispute.created', dispute({ payment_intent: intent })));
      assert.deepEqual(mapped, { ...opened, paymentId: 'pay_1' });
    });

    it('charge.dispute.closed won is dispute_won, lost is dispute_lost', () => {
      assert.equal(disputeEventFromStripeEvent(stripeEvent('charge.dispute.closed', dispute({ status: 'won' })))?.kind, 'dispute_won');
      const lost = disputeEventFromStripeEvent(stripeEvent('charge.dispute.closed', dispute({ status: 'lost' })));
      assert.deepEqual(lost, { ...opened, kind: 'dispute_lost' });
    });

    it('an inquiry closed without a chargeback maps to nothing', () => {
      assert.equal(disputeEventFromStripeEvent(stripeEvent('charge.dispute.closed', dispute({ status: 'warning_closed' }))), undefined);
    });

    it('a closed dispute in a status holdfast does not know is unmappable', () => {
      assert.throws(
        () => disputeEventFromStripeEvent(stripeEvent('charge.dispute.closed', dispute({ status: 'under_review' }))),
        UnmappableStripeResponseError,
      );
    });

    it('a dispute of a bare charge, and other dispute events, map to nothing', () => {
      assert.equal(disputeEventFromStripeEvent(stripeEvent('charge.dispute.created', dispute({ payment_intent: null }))), undefined);
      assert.equal(disputeEventFromStripeEvent(stripeEvent('charge.dispute.funds_reinstated', dispute({ status: 'won' }))), undefined);
      assert.equal(disputeEventFromStripeEvent(stripeEvent('charge.dispute.updated', dispute({}))), undefined);
      assert.equal(disputeEventFromStripeEvent(stripeEvent('payout.paid', payout({ status: 'paid' }))), undefined);
    });

    it('the payment event mapper leaves dispute events alone', () => {
      assert.equal(pspEventFromStripeEvent(stripeEvent('charge.dispute.created', dispute({}))), undefined);
    });
  });
});
