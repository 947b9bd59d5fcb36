// Captures, cancels and refunds: Adyen answers `received` (201) and tells the outcome by a
// notification sent after the answer. As at Adyen:
// - a capture or refund for more than is left (or of a payment in the wrong state) fails
//   Adyen's own checks: CAPTURE / REFUND with success=false;
// - a payment marked with the `adyen_fail_modifications` control action has its captures and
//   refunds accepted and then rejected by the card scheme (CAPTURE then CAPTURE_FAILED, REFUND
//   then REFUND_FAILED), and its cancels fail (CANCELLATION with success=false).
// One capture per payment: a partial capture releases the rest, as holdfast expects.
// `adyen_hold_notifications` keeps a payment's notifications back until released.
import { type Response, Router } from 'express';
import type { SimContext } from '../context';
import { invalidAmount, unknownPayment } from './errors';
import { answer } from './idempotency';
import { pspReference } from './ids';
import { type NotificationFacts, sendNotification } from './notifications';
import { amountParam, jsonObject, merchantAccountParam, optionalEnum, optionalString } from './params';
import { type AdyenAmount, booked, type SimAdyenPayment } from './state';
import { notifyLater } from './timing';

const REFUND_REASONS = ['FRAUD', 'CUSTOMER REQUEST', 'RETURN', 'DUPLICATE', 'OTHER'] as const;
const CANCELABLE = ['Authorised', 'RedirectShopper'];
const NOT_ENOUGH_LEFT = 'Insufficient balance on payment';
const SCHEME_REJECTED = 'Rejected by the card scheme';

interface Modification {
  pspReference: string;
  amount: AdyenAmount;
  /** The caller's reference for the modification, if it sent one. */
  reference?: string;
}

/** What a modification did to the payment, as the notifications that will say so, in order. */
type Outcome = Array<Pick<NotificationFacts, 'eventCode' | 'success' | 'reason'>>;

export function modificationRoutes(context: SimContext): Router {
  const router = Router();
  const state = context.store.adyen;

  const find = (reference: string): SimAdyenPayment => {
    const payment = state.payments.get(reference);
    if (!payment) throw unknownPayment();
    return payment;
  };

  router.post('/v72/payments/:paymentPspReference/captures', (req, res) => {
    const body = jsonObject(req.body);
    const merchantAccount = merchantAccountParam(body);
    const modification = { pspReference: pspReference(), amount: amountParam(body), ...referenceOf(body) };
    const payment = find(req.params.paymentPspReference);
    assertSameCurrency(payment, modification.amount);
    const outcome = capture(payment, modification);
    answer(res, 201, received(merchantAccount, payment, modification, { amount: modification.amount }));
    notifyAfterAnswering(res, context, payment, modification, outcome);
  });

  router.post('/v72/payments/:paymentPspReference/cancels', (req, res) => {
    const body = jsonObject(req.body);
    const merchantAccount = merchantAccountParam(body);
    const reference = referenceOf(body);
    const payment = find(req.params.paymentPspReference);
    // A cancel names no amount; its notification carries the payment's.
    const modification = { pspReference: pspReference(), amount: payment.amount, ...reference };
    const outcome = cancel(payment);
    answer(res, 201, received(merchantAccount, payment, modification, {}));
    notifyAfterAnswering(res, context, payment, modification, outcome);
  });

  router.post('/v72/payments/:paymentPspReference/refunds', (req, res) => {
    const body = jsonObject(req.body);
    const merchantAccount = merchantAccountParam(body);
    const modification = { pspReference: pspReference(), amount: amountParam(body), ...referenceOf(body) };
    const reason = optionalEnum(body, 'merchantRefundReason', REFUND_REASONS);
    const payment = find(req.params.paymentPspReference);
    assertSameCurrency(payment, modification.amount);
    const outcome = refund(payment, modification);
    const extra = { amount: modification.amount, ...(reason ? { merchantRefundReason: reason } : {}) };
    answer(res, 201, received(merchantAccount, payment, modification, extra));
    notifyAfterAnswering(res, context, payment, modification, outcome);
  });

  return router;
}

function capture(payment: SimAdyenPayment, modification: Modification): Outcome {
  const capturable = payment.status === 'Authorised' ? payment.amount.value : 0;
  if (modification.amount.value === 0 || modification.amount.value > capturable) {
    return [{ eventCode: 'CAPTURE', success: false, reason: NOT_ENOUGH_LEFT }];
  }
  if (payment.failModifications) {
    payment.status = 'CaptureFailed';
    return [
      { eventCode: 'CAPTURE', success: true },
      { eventCode: 'CAPTURE_FAILED', success: true, reason: SCHEME_REJECTED },
    ];
  }
  payment.status = 'Captured';
  payment.amountCaptured = modification.amount.value;
  payment.capture = booked(modification);
  return [{ eventCode: 'CAPTURE', success: true }];
}

function cancel(payment: SimAdyenPayment): Outcome {
  if (payment.failModifications || !CANCELABLE.includes(payment.status)) {
    return [{ eventCode: 'CANCELLATION', success: false, reason: `Payment is ${payment.status}; it cannot be cancelled` }];
  }
  payment.status = 'Cancelled';
  return [{ eventCode: 'CANCELLATION', success: true }];
}

function refund(payment: SimAdyenPayment, modification: Modification): Outcome {
  const refundable = payment.status === 'Captured' ? payment.amountCaptured - payment.amountRefunded : 0;
  if (modification.amount.value === 0 || modification.amount.value > refundable) {
    return [{ eventCode: 'REFUND', success: false, reason: NOT_ENOUGH_LEFT }];
  }
  if (payment.failModifications) {
    return [
      { eventCode: 'REFUND', success: true },
      { eventCode: 'REFUND_FAILED', success: true, reason: SCHEME_REJECTED },
    ];
  }
  payment.amountRefunded += modification.amount.value;
  (payment.refunds ??= []).push(booked(modification));
  return [{ eventCode: 'REFUND', success: true }];
}

/** The notifications go once the caller has its answer (and never for a replayed answer). */
function notifyAfterAnswering(
  res: Response,
  context: SimContext,
  payment: SimAdyenPayment,
  modification: Modification,
  outcome: Outcome,
): void {
  const notifications = outcome.map(
    ({ eventCode, success, reason }) =>
      () =>
        sendNotification(context, payment, {
          eventCode,
          pspReference: modification.pspReference,
          amount: modification.amount,
          success,
          ...(modification.reference === undefined ? {} : { merchantReference: modification.reference }),
          ...(reason === undefined ? {} : { reason }),
        }),
  );
  res.once('finish', () => context.adyenNotificationHolds.sendOrHold(payment.reference, () => notifyLater(...notifications)));
}

/** The PaymentCaptureResponse / PaymentCancelResponse / PaymentRefundResponse: received, not done. */
function received(merchantAccount: string, payment: SimAdyenPayment, modification: Modification, extra: object) {
  return {
    merchantAccount,
    paymentPspReference: payment.pspReference,
    pspReference: modification.pspReference,
    ...(modification.reference === undefined ? {} : { reference: modification.reference }),
    status: 'received',
    ...extra,
  };
}

function referenceOf(body: Record<string, unknown>): { reference?: string } {
  const reference = optionalString(body, 'reference');
  return reference === undefined ? {} : { reference };
}

function assertSameCurrency(payment: SimAdyenPayment, amount: AdyenAmount): void {
  if (amount.currency !== payment.amount.currency) {
    throw invalidAmount(`currency ${amount.currency} is not the payment's ${payment.amount.currency}`);
  }
}
