// POST /v72/payments (authorise a stored card) and /v72/payments/details (the result a
// shopper brings back from 3-D Secure), with Adyen's checks on the fields this face uses.
import { type Response, Router } from 'express';
import type { SimContext } from '../context';
import { type CardBehaviour, cardBehaviour } from '../test-cards';
import { applyCardBehaviour, paymentResponse } from './authorisation';
import { AdyenApiError, contractNotFound, invalidField, requiredField } from './errors';
import { answer, commitAnswer } from './idempotency';
import { pspReference } from './ids';
import { sendNotification } from './notifications';
import { asRecord } from './payment-context';
import { amountParam, type Body, jsonObject, merchantAccountParam, optionalEnum, optionalString, requiredString } from './params';
import type { SimAdyenPayment } from './state';
import { notifyLater } from './timing';

const RECURRING_PROCESSING_MODELS = ['CardOnFile', 'Subscription', 'UnscheduledCardOnFile'] as const;
const SHOPPER_INTERACTIONS = ['Ecommerce', 'ContAuth', 'Moto', 'POS'] as const;
const MAX_REFERENCE_LENGTH = 80;
/** Adyen's allowed characters for shopperStatement (it recommends at most 22 of them). */
const SHOPPER_STATEMENT = /^[A-Za-z0-9 .,'_\-?+*/]+$/;

export function paymentRoutes(context: SimContext): Router {
  const router = Router();
  const state = context.store.adyen;

  router.post('/v72/payments', async (req, res) => {
    const { payment, behaviour } = newPayment(jsonObject(req.body));
    applyCardBehaviour(payment, behaviour);
    state.payments.set(payment.pspReference, payment);
    const body = paymentResponse(context, payment);
    commitAnswer(res, 200, body);
    // Saved now, not when the answer finishes: a held or never-sent answer may never finish.
    context.store.persist();
    if (payment.status !== 'RedirectShopper') notifyLater(() => notifyAuthorisation(context, payment));

    if (behaviour.outcome === 'ambiguous') {
      await neverAnswer(res);
      return;
    }
    await context.holds.waitIfHeld(payment.paymentMethod);
    res.status(200).json(body);
  });

  router.post('/v72/payments/details', (req, res) => {
    const details = asRecord(jsonObject(req.body).details);
    const redirectResult = requiredString(details, 'redirectResult', 'details.redirectResult');
    const payment = state.paymentWithRedirectResult(redirectResult);
    if (!payment) throw new AdyenApiError(422, '14_018', 'Invalid payload provided', 'validation');
    answer(res, 200, paymentResponse(context, payment));
  });

  return router;
}

export function notifyAuthorisation(context: SimContext, payment: SimAdyenPayment): void {
  sendNotification(context, payment, {
    eventCode: 'AUTHORISATION',
    pspReference: payment.pspReference,
    amount: payment.amount,
    success: payment.status !== 'Refused',
    ...(payment.refusalReason === null ? {} : { reason: payment.refusalReason }),
  });
}

/** Validates the request and builds the payment it asks for; nothing is stored yet. */
function newPayment(body: Body): { payment: SimAdyenPayment; behaviour: CardBehaviour } {
  const merchantAccount = merchantAccountParam(body);
  const amount = amountParam(body);
  const reference = requiredString(body, 'reference');
  if (reference.length > MAX_REFERENCE_LENGTH) throw invalidField('reference', `at most ${MAX_REFERENCE_LENGTH} characters`);
  if (typeof body.returnUrl !== 'string' || body.returnUrl === '') {
    throw new AdyenApiError(422, '14_030', 'Return URL is missing.', 'validation');
  }
  if (body.paymentMethod === undefined) throw requiredField('paymentMethod');
  const method = asRecord(body.paymentMethod);
  const type = requiredString(method, 'type', 'paymentMethod.type');
  if (type !== 'scheme') throw invalidField('paymentMethod.type', 'this simulator takes stored cards (scheme) only');
  const token = requiredString(method, 'storedPaymentMethodId', 'paymentMethod.storedPaymentMethodId');
  // A stored card belongs to a shopper and is used under a recurring model, as at Adyen.
  requiredString(body, 'shopperReference');
  if (optionalEnum(body, 'recurringProcessingModel', RECURRING_PROCESSING_MODELS) === undefined) {
    throw requiredField('recurringProcessingModel');
  }
  optionalEnum(body, 'shopperInteraction', SHOPPER_INTERACTIONS);
  const shopperStatement = optionalString(body, 'shopperStatement');
  if (shopperStatement !== undefined && !SHOPPER_STATEMENT.test(shopperStatement)) {
    throw invalidField('shopperStatement', "only a-z, A-Z, 0-9, spaces and . , ' _ - ? + * / are allowed");
  }
  const behaviour = cardBehaviour(token);
  if (!behaviour) throw contractNotFound();

  const payment: SimAdyenPayment = {
    pspReference: pspReference(),
    merchantAccount,
    reference,
    amount,
    paymentMethod: token,
    returnUrl: body.returnUrl,
    ...(shopperStatement === undefined ? {} : { shopperStatement }),
    manualCapture: asRecord(body.additionalData).manualCapture === 'true',
    status: 'RedirectShopper',
    refusalReason: null,
    refusalReasonCode: null,
    amountCaptured: 0,
    amountRefunded: 0,
    authorizations: 0,
    redirectResult: null,
    failModifications: false,
  };
  return { payment, behaviour };
}

/**
 * `pm_sim_ambiguous`: the authorisation (and its answer, for replays) is committed, but the
 * caller never hears it. The connection stays open until the caller gives up, then drops.
 * The response's `close` is the signal: the request's fires as soon as its body has been read.
 */
async function neverAnswer(res: Response): Promise<void> {
  if (!res.destroyed) await new Promise<void>((resolve) => res.once('close', resolve));
  res.destroy();
}
