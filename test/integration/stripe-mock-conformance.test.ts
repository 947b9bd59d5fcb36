// The adapter's requests checked against Stripe's real OpenAPI spec by stripe-mock, which
// refuses any request the spec does not allow and answers with canned fixture objects. So
// these tests assert that every request is accepted and that the mappers deal with Stripe's
// real object shapes; the statuses in the answers are canned, not the result of our calls.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type PspGateway, PspRequestError, type RefundReason } from '../../domain/psp-gateway';
import { createStripeGateway } from '../../psp/stripe/client';
import { UnmappableStripeResponseError } from '../../psp/stripe/mappers';
import { type RunningStripeMock, startStripeMock } from '../../devtools/stripe-mock';

describe('Stripe adapter conformance with stripe-mock', () => {
  let stripeMock: RunningStripeMock;
  let stripe: PspGateway;
  // stripe-mock answers with its fixture PaymentIntent's status, whatever we asked for.
  const CANNED_STATUS = 'requires_payment_method';

  before(async function () {
    // The first run installs stripe-mock with `go install`.
    this.timeout(10 * 60_000);
    stripeMock = await startStripeMock();
    stripe = createStripeGateway({ secretKey: 'sk_test_holdfast', baseUrl: stripeMock.url, timeoutMs: 10_000 });
  });

  after(async () => {
    await stripeMock?.stop();
  });

  const key = (step: string) => `${randomUUID()}:${step}`;

  it('an authorization request is accepted and its PaymentIntent mapped', async () => {
    const result = await stripe.authorize({
      paymentId: `pay_${randomUUID()}`,
      merchantId: 'mer_test',
      amount: 2000,
      currency: 'usd',
      paymentMethod: 'pm_card_visa',
      description: 'conformance',
      idempotencyKey: key('authorize'),
      returnUrl: 'https://shop.example/return',
    });
    // The canned requires_payment_method is what Stripe answers for a failed confirmation.
    assert.equal(result.outcome, 'declined');
    assert.match(result.pspReference ?? '', /^pi_/);
  });

  // lookupAuthorization searches, which stripe-mock answers with a canned list whatever the
  // query; the simulator's search checks it instead (stripe-adapter.test.ts).
  it('completing a 3-D Secure action retrieves the PaymentIntent and maps it', async () => {
    const result = await stripe.completeAction({
      authorization: {
        paymentId: `pay_${randomUUID()}`,
        merchantId: 'mer_test',
        amount: 2000,
        currency: 'usd',
        paymentMethod: 'pm_card_threeDSecure2Required',
        idempotencyKey: key('authorize'),
        returnUrl: 'https://shop.example/return',
      },
      pspReference: 'pi_conformance',
    });
    assert.equal(result.outcome, 'declined');
    assert.equal(result.pspReference, 'pi_conformance');
  });

  it('a partial capture request is accepted, and the mapper refuses a capture answer that is not captured', async () => {
    await assert.rejects(
      stripe.capture({ pspReference: 'pi_conformance', amount: 1000, currency: 'usd', idempotencyKey: key('capture') }),
      (error: unknown) => {
        // Had stripe-mock refused the request, this would be a PspRequestError.
        assert.ok(error instanceof UnmappableStripeResponseError, String(error));
        assert.match(error.message, new RegExp(CANNED_STATUS));
        return true;
      },
    );
  });

  it('a cancel request is accepted, and the mapper refuses a cancel answer that is not canceled', async () => {
    await assert.rejects(stripe.cancel({ pspReference: 'pi_conformance', idempotencyKey: key('cancel') }), (error: unknown) => {
      assert.ok(error instanceof UnmappableStripeResponseError, String(error));
      assert.match(error.message, new RegExp(CANNED_STATUS));
      return true;
    });
  });

  it('a refund request is accepted and its refund mapped', async () => {
    const result = await stripe.refund({
      pspReference: 'pi_conformance',
      amount: 300,
      currency: 'usd',
      reason: 'requested_by_customer',
      refundId: `ref_${randomUUID()}`,
      idempotencyKey: key('refund'),
    });
    assert.equal(result.outcome, 'succeeded');
    assert.match(result.pspRefundReference, /^re_/);
  });

  it('a retrieve request is accepted and its PaymentIntent mapped to a snapshot', async () => {
    const snapshot = await stripe.retrieve('pi_conformance');
    assert.equal(snapshot.pspReference, 'pi_conformance');
    assert.equal(snapshot.status, 'failed');
    assert.ok(Number.isSafeInteger(snapshot.amount) && snapshot.amount > 0);
    assert.match(snapshot.currency, /^[a-z]{3}$/);
  });

  it('a payout request is accepted and its payout mapped', async () => {
    const payoutId = `po_${randomUUID()}`;
    const result = await stripe.createPayout({
      payoutId,
      sellerId: `sel_${randomUUID()}`,
      amount: 12_500,
      currency: 'usd',
      idempotencyKey: key('payout'),
    });
    // The canned in_transit is a payout Stripe accepted and has not finished.
    assert.equal(result.outcome, 'pending');
    assert.match(result.pspPayoutReference ?? '', /^po_/);
  });

  it('a dispute evidence submission is accepted, and the mapper refuses an answer that is not under review', async () => {
    const submission = stripe.submitDisputeEvidence({
      pspDisputeReference: 'dp_conformance',
      pspReference: 'pi_conformance',
      text: 'The goods were delivered and signed for.',
      idempotencyKey: key('evidence'),
    });
    await assert.rejects(submission, (error: unknown) => {
      // Had stripe-mock refused the request, this would be a PspRequestError.
      assert.ok(error instanceof UnmappableStripeResponseError, String(error));
      assert.match(error.message, /dp_conformance.*warning_needs_response/);
      return true;
    });
  });

  it('a request outside the spec is refused, so the passes above mean something', async () => {
    const request = stripe.refund({
      pspReference: 'pi_conformance',
      amount: 300,
      currency: 'usd',
      reason: 'not_a_reason' as RefundReason,
      refundId: `ref_${randomUUID()}`,
      idempotencyKey: key('refund'),
    });
    await assert.rejects(request, (error: unknown) => {
      assert.ok(error instanceof PspRequestError, String(error));
      assert.match(error.message, /reason/);
      return true;
    });
  });
});
