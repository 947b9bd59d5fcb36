import assert from 'node:assert/strict';
import { checkCancel, checkCapture, checkConfirm, checkRefund, FINAL_STATUSES, refundableAmount } from '../../domain/payment/rules';
import * as transition from '../../domain/payment/transitions';
import type { PaymentState, PaymentStatus, RefundState } from '../../domain/payment/types';

const T0 = '2030-01-01T00:00:00.000Z';
const T1 = '2030-01-01T00:00:01.000Z';
const T2 = '2030-01-01T00:00:02.000Z';
const T3 = '2030-01-01T00:00:03.000Z';

const ALL_STATUSES: PaymentStatus[] = ['processing', 'requires_action', 'authorized', 'captured', 'failed', 'canceled'];

function created(amount = 1000): PaymentState {
  return transition.newPayment({
    id: 'pay_1',
    merchantId: 'mer_1',
    amount,
    currency: 'usd',
    captureMethod: 'manual',
    psp: 'stripe',
    metadata: {},
    createdAt: T0,
  });
}

function authorized(amount = 1000): PaymentState {
  return transition.authorized(created(amount), T1, {
    pspReference: 'pi_1',
    amountCapturable: amount,
    captureBefore: '2030-01-08T00:00:01.000Z',
  });
}

function captured(amount = 1000): PaymentState {
  return transition.captured(authorized(amount), T2, amount);
}

/** A state in the given status, as the workflow could reach it (or forced, for statuses it reaches by webhook). */
function inStatus(status: PaymentStatus): PaymentState {
  switch (status) {
    case 'processing':
      return created();
    case 'authorized':
      return authorized();
    case 'captured':
      return captured();
    case 'failed':
      return transition.failed(created(), T1, { failureCode: 'card_declined', failureMessage: 'Declined.' });
    case 'canceled':
      return transition.canceled(authorized(), T2, 'canceled');
    case 'requires_action':
      return { ...created(), status: 'requires_action' };
  }
}

function pendingRefund(id: string, amount: number): RefundState {
  return { id, amount, status: 'pending', createdAt: T3 };
}

describe('payment state machine', () => {
  describe('which request each status allows', () => {
    // Undecided payments (processing, requires_action) accept captures and cancels, which wait
    // behind the authorization's outcome and are checked again once it is known.
    const ACCEPTING_CAPTURE_AND_CANCEL = ['authorized', 'processing', 'requires_action'];

    it('allows a capture of an authorized payment, or one still undecided', () => {
      for (const status of ALL_STATUSES) {
        const violation = checkCapture(inStatus(status), undefined);
        if (ACCEPTING_CAPTURE_AND_CANCEL.includes(status)) assert.equal(violation, undefined, status);
        else assert.equal(violation?.code, 'payment_unexpected_state', status);
      }
    });

    it('refuses a capture above the amount while the payment is undecided', () => {
      const violation = checkCapture({ ...inStatus('processing'), amount: 1000 }, 1001);
      assert.equal(violation?.code, 'amount_too_large');
      assert.equal(checkCapture({ ...inStatus('processing'), amount: 1000 }, 1000), undefined);
    });

    it('allows a cancel of an authorized payment, or one still undecided', () => {
      for (const status of ALL_STATUSES) {
        const violation = checkCancel(inStatus(status));
        if (ACCEPTING_CAPTURE_AND_CANCEL.includes(status)) assert.equal(violation, undefined, status);
        else assert.equal(violation?.code, 'payment_unexpected_state', status);
      }
    });

    it('allows a confirm only while the shopper has an action to complete', () => {
      for (const status of ALL_STATUSES) {
        const violation = checkConfirm(inStatus(status));
        if (status === 'requires_action') assert.equal(violation, undefined, status);
        else assert.equal(violation?.code, 'payment_unexpected_state', status);
      }
    });

    it('allows a refund only of a captured payment', () => {
      for (const status of ALL_STATUSES) {
        const violation = checkRefund(inStatus(status), undefined);
        if (status === 'captured') assert.equal(violation, undefined, status);
        else assert.equal(violation?.code, 'payment_unexpected_state', status);
      }
    });

    it('names the status and the refused action in the message', () => {
      assert.equal(checkRefund(inStatus('canceled'), 100)?.message, "This payment's status is canceled; it cannot be refunded.");
      assert.equal(checkCapture(inStatus('failed'), undefined)?.message, "This payment's status is failed; it cannot be captured.");
    });

    it('treats failed and canceled as final, but not captured (refunds still arrive)', () => {
      assert.deepEqual([...FINAL_STATUSES].sort(), ['canceled', 'failed']);
      assert.equal(FINAL_STATUSES.has('captured'), false);
    });
  });

  describe("a capture or void awaiting the PSP's confirmation", () => {
    it('refuses another capture or cancel until it is confirmed, with payment_modification_pending', () => {
      for (const kind of ['capture', 'cancel'] as const) {
        const pending = transition.modificationRequested(authorized(1000), T2, { kind, amount: 1000 });
        assert.equal(checkCapture(pending, undefined)?.code, 'payment_modification_pending');
        assert.equal(checkCapture(pending, 500)?.code, 'payment_modification_pending');
        assert.equal(checkCancel(pending)?.code, 'payment_modification_pending');
        assert.equal(checkRefund(pending, undefined)?.code, 'payment_unexpected_state');
        const failed = transition.modificationFailed(pending, T3, { kind, failureCode: `${kind}_failed` });
        assert.equal(checkCapture(failed, undefined), undefined);
        assert.equal(checkCancel(failed), undefined);
      }
    });
  });

  describe('capture amounts', () => {
    it('allows capturing exactly the amount capturable, or less', () => {
      assert.equal(checkCapture(authorized(1000), 1000), undefined);
      assert.equal(checkCapture(authorized(1000), 1), undefined);
    });

    it('refuses capturing more than the amount capturable, naming the amount parameter', () => {
      assert.deepEqual(checkCapture(authorized(1000), 1001), {
        code: 'amount_too_large',
        message: 'The capture amount (1001) exceeds the amount capturable (1000).',
        param: 'amount',
      });
    });
  });

  describe('refund amounts', () => {
    it('allows refunding exactly what is left, and refuses one minor unit more', () => {
      assert.equal(checkRefund(captured(1000), 1000), undefined);
      const violation = checkRefund(captured(1000), 1001);
      assert.equal(violation?.code, 'amount_too_large');
      assert.equal(violation?.param, 'amount');
    });

    it('counts pending refunds against what is left, so two concurrent refunds cannot overdraw', () => {
      const withPending = transition.refundStarted(captured(1000), pendingRefund('re_a', 600));
      assert.equal(refundableAmount(withPending), 400);
      assert.equal(checkRefund(withPending, 400), undefined);
      const violation = checkRefund(withPending, 600);
      assert.equal(violation?.code, 'amount_too_large');
      assert.match(violation!.message, /\(400\)/);
    });

    it('gives a failed refund its amount back', () => {
      const started = transition.refundStarted(captured(1000), pendingRefund('re_a', 600));
      const failed = transition.refundFailed(started, T3, 're_a', { failureCode: 'insufficient_funds' });
      assert.equal(refundableAmount(failed), 1000);
      assert.equal(checkRefund(failed, 1000), undefined);
    });

    it('subtracts succeeded refunds from what is left', () => {
      const started = transition.refundStarted(captured(1000), pendingRefund('re_a', 300));
      const succeeded = transition.refundSucceeded(started, T3, 're_a', 're_psp_a');
      assert.equal(refundableAmount(succeeded), 700);
    });

    it('refuses any refund of a fully refunded payment as already refunded', () => {
      const started = transition.refundStarted(captured(1000), pendingRefund('re_a', 1000));
      const refunded = transition.refundSucceeded(started, T3, 're_a', 're_psp_a');
      assert.equal(checkRefund(refunded, undefined)?.code, 'charge_already_refunded');
      assert.equal(checkRefund(refunded, 1)?.code, 'charge_already_refunded');
    });

    it('refuses a refund while pending refunds reserve the whole captured amount', () => {
      const reserved = transition.refundStarted(captured(1000), pendingRefund('re_a', 1000));
      assert.equal(checkRefund(reserved, undefined)?.code, 'charge_already_refunded');
    });

    it('only has the captured amount to refund after a partial capture', () => {
      const partial = transition.captured(authorized(1000), T2, 600);
      assert.equal(refundableAmount(partial), 600);
      assert.equal(checkRefund(partial, 601)?.code, 'amount_too_large');
    });
  });

  describe('transitions', () => {
    it('start a payment processing at version 1 with a created event', () => {
      const state = created(1000);
      assert.equal(state.status, 'processing');
      assert.equal(state.version, 1);
      assert.deepEqual(state.history, [{ type: 'created', at: T0, amount: 1000 }]);
      assert.deepEqual([state.amountCapturable, state.amountCaptured, state.amountRefunded, state.refunds.length], [0, 0, 0, 0]);
    });

    it('bump the version by one on every transition and append its event to the history', () => {
      const steps: PaymentState[] = [created()];
      steps.push(transition.authorized(steps.at(-1)!, T1, { pspReference: 'pi_1', amountCapturable: 1000, captureBefore: T3 }));
      steps.push(transition.captured(steps.at(-1)!, T2, 1000));
      steps.push(transition.refundStarted(steps.at(-1)!, pendingRefund('re_a', 100)));
      steps.push(transition.refundSucceeded(steps.at(-1)!, T3, 're_a', 're_psp_a'));
      assert.deepEqual(
        steps.map((s) => s.version),
        [1, 2, 3, 4, 5],
      );
      assert.deepEqual(
        steps.at(-1)!.history.map((e) => e.type),
        ['created', 'authorized', 'captured', 'refund_succeeded'],
      );
    });

    it('do not change the state they were given', () => {
      const before = authorized();
      const snapshot = structuredClone(before);
      transition.captured(before, T2, 1000);
      transition.canceled(before, T2, 'expired');
      assert.deepEqual(before, snapshot);
    });

    it('record the authorization: psp reference, amount capturable and deadline', () => {
      const state = authorized(1000);
      assert.equal(state.status, 'authorized');
      assert.equal(state.pspReference, 'pi_1');
      assert.equal(state.amountCapturable, 1000);
      assert.equal(state.captureBefore, '2030-01-08T00:00:01.000Z');
      assert.deepEqual(state.history.at(-1), { type: 'authorized', at: T1, amount: 1000 });
    });

    it('record a failure with its code and message, keeping an earlier psp reference', () => {
      const state = transition.failed({ ...created(), pspReference: 'pi_early' }, T1, {
        failureCode: 'card_declined',
        failureMessage: 'Your card was declined.',
      });
      assert.equal(state.status, 'failed');
      assert.equal(state.failureCode, 'card_declined');
      assert.equal(state.failureMessage, 'Your card was declined.');
      assert.equal(state.pspReference, 'pi_early');
      assert.deepEqual(state.history.at(-1), { type: 'failed', at: T1, failure_code: 'card_declined' });
    });

    it('zero the amount capturable on a partial capture: the rest is released, not left capturable', () => {
      const state = transition.captured(authorized(1000), T2, 600);
      assert.equal(state.status, 'captured');
      assert.equal(state.amountCaptured, 600);
      assert.equal(state.amountCapturable, 0);
      assert.equal(state.captureBefore, undefined);
      assert.deepEqual(state.history.at(-1), { type: 'captured', at: T2, amount: 600 });
    });

    it('keep a capture or void the PSP confirms later authorized, with its pending reason, until it is confirmed or fails', () => {
      const capturing = transition.modificationRequested(authorized(1000), T2, { kind: 'capture', amount: 600 });
      assert.equal(capturing.status, 'authorized');
      assert.equal(capturing.statusReason, 'capture_pending');
      assert.equal(capturing.amountCapturable, 1000);
      assert.deepEqual(capturing.history.at(-1), { type: 'capture_requested', at: T2, amount: 600 });
      assert.equal(transition.captured(capturing, T3, 600).statusReason, undefined);

      const failed = transition.modificationFailed(capturing, T3, { kind: 'capture', failureCode: 'capture_failed' });
      assert.equal(failed.status, 'authorized');
      assert.equal(failed.statusReason, undefined);
      assert.deepEqual(failed.history.at(-1), { type: 'capture_failed', at: T3, failure_code: 'capture_failed' });

      const voiding = transition.modificationRequested(authorized(1000), T2, { kind: 'cancel', amount: 1000 });
      assert.equal(voiding.statusReason, 'cancel_pending');
      assert.equal(transition.canceled(voiding, T3, 'canceled').statusReason, undefined);
    });

    it('record an expiry as its own event type, with the amount released', () => {
      const state = transition.canceled(authorized(1000), T2, 'expired');
      assert.equal(state.status, 'canceled');
      assert.equal(state.amountCapturable, 0);
      assert.equal(state.captureBefore, undefined);
      assert.deepEqual(state.history.at(-1), { type: 'expired', at: T2, amount: 1000 });
    });

    it('add a pending refund without a history event, then settle it with one', () => {
      const started = transition.refundStarted(captured(1000), pendingRefund('re_a', 250));
      assert.equal(started.history.length, captured(1000).history.length);
      assert.equal(started.amountRefunded, 0);
      const succeeded = transition.refundSucceeded(started, T3, 're_a', 're_psp_a');
      assert.equal(succeeded.amountRefunded, 250);
      assert.deepEqual(succeeded.refunds, [{ ...pendingRefund('re_a', 250), status: 'succeeded', pspReference: 're_psp_a' }]);
      assert.deepEqual(succeeded.history.at(-1), { type: 'refund_succeeded', at: T3, amount: 250, refund: 're_a' });
    });

    it('record a failed refund without counting it as refunded', () => {
      const started = transition.refundStarted(captured(1000), pendingRefund('re_a', 250));
      const failed = transition.refundFailed(started, T3, 're_a', { failureCode: 'expired_or_canceled_card' });
      assert.equal(failed.amountRefunded, 0);
      assert.equal(transition.findRefund(failed, 're_a').status, 'failed');
      assert.equal(transition.findRefund(failed, 're_a').failureCode, 'expired_or_canceled_card');
      assert.deepEqual(failed.history.at(-1), {
        type: 'refund_failed',
        at: T3,
        amount: 250,
        refund: 're_a',
        failure_code: 'expired_or_canceled_card',
      });
    });

    it('settle only the named refund when several are pending', () => {
      let state = transition.refundStarted(captured(1000), pendingRefund('re_a', 100));
      state = transition.refundStarted(state, pendingRefund('re_b', 200));
      state = transition.refundSucceeded(state, T3, 're_b', 're_psp_b');
      assert.deepEqual(
        state.refunds.map((r) => [r.id, r.status]),
        [
          ['re_a', 'pending'],
          ['re_b', 'succeeded'],
        ],
      );
      assert.equal(state.amountRefunded, 200);
    });

    it('refuse to settle a refund the payment does not have', () => {
      assert.throws(() => transition.refundSucceeded(captured(), T3, 're_missing', 'x'), /unknown refund re_missing/);
    });
  });

  describe('isFullyRefunded', () => {
    it('is false for a captured payment with nothing refunded', () => {
      assert.equal(transition.isFullyRefunded(captured(1000)), false);
    });

    it('is false while part of the captured amount is left', () => {
      const started = transition.refundStarted(captured(1000), pendingRefund('re_a', 999));
      assert.equal(transition.isFullyRefunded(transition.refundSucceeded(started, T3, 're_a', 'x')), false);
    });

    it('is false while a refund covering the rest is still pending', () => {
      const started = transition.refundStarted(captured(1000), pendingRefund('re_a', 1000));
      assert.equal(transition.isFullyRefunded(started), false);
    });

    it('is true once succeeded refunds add up to the captured amount', () => {
      let state = transition.refundStarted(captured(1000), pendingRefund('re_a', 400));
      state = transition.refundSucceeded(state, T3, 're_a', 'x');
      state = transition.refundStarted(state, pendingRefund('re_b', 600));
      state = transition.refundSucceeded(state, T3, 're_b', 'y');
      assert.equal(transition.isFullyRefunded(state), true);
    });

    it('measures against the captured amount after a partial capture, not the authorized one', () => {
      const partial = transition.captured(authorized(1000), T2, 600);
      const started = transition.refundStarted(partial, pendingRefund('re_a', 600));
      assert.equal(transition.isFullyRefunded(transition.refundSucceeded(started, T3, 're_a', 'x')), true);
    });
  });
});
