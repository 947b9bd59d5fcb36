// /v1/payment_intents: create (optionally confirming at once), confirm, capture (partial
// captures release the rest), cancel and retrieve, with Stripe's state checks. Each change
// is announced by its webhook event.
import { type Request, type Response, Router } from 'express';
import type { SimContext } from '../context';
import { type CaptureMethod, nowInSeconds, type SimPaymentIntent } from '../store';
import { assertConfirmable, confirmWithCard, knownCardBehaviour, missingPaymentMethod } from './authorization';
import { assertStripeAmount } from './currency-rules';
import { noSuchObject, StripeApiError, unexpectedState } from './errors';
import { apiRequestCause, sendConfirmationEvent, sendStripeEvent } from './events';
import { stripeId } from './ids';
import { loseTheAnswer } from './lost-answer';
import { paymentIntentObject } from './objects';
import {
  currencyParam,
  metadataParam,
  onlyKnownParams,
  optionalAmount,
  optionalBoolean,
  optionalEnum,
  optionalString,
  optionalStringArray,
  requiredAmount,
  statementDescriptorSuffixParam,
} from './params';
import { challengePageUrl } from './shopper-pages';
import type { CardBehaviour } from '../test-cards';

const CAPTURE_METHODS: readonly CaptureMethod[] = ['automatic', 'automatic_async', 'manual'];
const CANCELLATION_REASONS = ['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'] as const;
const CANCELABLE_STATUSES = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];

export function paymentIntentRoutes(context: SimContext): Router {
  const router = Router();
  const { store } = context;

  const find = (id: string): SimPaymentIntent => {
    const intent = store.paymentIntents.get(id);
    if (!intent) throw noSuchObject('payment_intent', id, 'intent');
    return intent;
  };

  /** Commits the confirmation and announces it, waits out a crash-test hold, then answers. */
  const confirmAndAnswer = async (
    req: Request,
    res: Response,
    intent: SimPaymentIntent,
    confirmation: { paymentMethod: string; card: CardBehaviour; returnUrl: string | null },
  ) => {
    const { paymentMethod, card, returnUrl } = confirmation;
    const decline = confirmWithCard(intent, {
      paymentMethod,
      behaviour: card,
      returnUrl,
      challengePageUrl: challengePageUrl(context, intent.id),
    });
    sendConfirmationEvent(context, intent, apiRequestCause(req, res));
    await context.holds.waitIfHeld(paymentMethod);
    if (decline) throw decline;
    if (card.outcome === 'ambiguous') return loseTheAnswer(context, res, paymentIntentObject(intent));
    res.json(paymentIntentObject(intent));
  };

  router.post('/payment_intents', async (req, res) => {
    const params = onlyKnownParams(req.body, [
      'amount',
      'currency',
      'payment_method',
      'confirm',
      'capture_method',
      'description',
      'metadata',
      'return_url',
      'statement_descriptor_suffix',
      // The second is how API versions before 2026-10-28.endive spelled the first.
      'allowed_payment_method_types',
      'payment_method_types',
    ]);
    const amount = requiredAmount(params, 'amount');
    const currency = currencyParam(params);
    assertStripeAmount(amount, currency, 'amount', 'payment');
    const paymentMethod = optionalString(params, 'payment_method') ?? null;
    const confirm = optionalBoolean(params, 'confirm') ?? false;
    const captureMethod = optionalEnum(params, 'capture_method', CAPTURE_METHODS) ?? 'automatic';
    const allowedPaymentMethodTypes = optionalStringArray(params, 'allowed_payment_method_types') ?? null;
    const paymentMethodTypes = allowedPaymentMethodTypes ?? optionalStringArray(params, 'payment_method_types') ?? ['card'];
    const description = optionalString(params, 'description') ?? null;
    const statementDescriptorSuffix = statementDescriptorSuffixParam(params);
    const metadata = metadataParam(params);
    const returnUrl = optionalString(params, 'return_url') ?? null;
    const chosen = paymentMethod === null ? undefined : { paymentMethod, card: knownCardBehaviour(paymentMethod) };
    if (confirm && !chosen) throw missingPaymentMethod();

    const id = stripeId('pi');
    const intent: SimPaymentIntent = {
      id,
      clientSecret: `${id}_secret_${stripeId('cs').slice(3)}`,
      created: nowInSeconds(),
      amount,
      currency,
      captureMethod,
      status: paymentMethod === null ? 'requires_payment_method' : 'requires_confirmation',
      amountCapturable: 0,
      amountReceived: 0,
      amountRefunded: 0,
      paymentMethod,
      allowedPaymentMethodTypes,
      paymentMethodTypes,
      description,
      statementDescriptorSuffix,
      metadata,
      latestCharge: null,
      lastPaymentError: null,
      nextAction: null,
      canceledAt: null,
      cancellationReason: null,
      authorizations: 0,
    };
    store.paymentIntents.set(id, intent);
    if (confirm && chosen) {
      await confirmAndAnswer(req, res, intent, { ...chosen, returnUrl });
      return;
    }
    res.json(paymentIntentObject(intent));
  });

  router.post('/payment_intents/:id/confirm', async (req, res) => {
    const params = onlyKnownParams(req.body, ['payment_method', 'capture_method', 'return_url']);
    const newPaymentMethod = optionalString(params, 'payment_method');
    const returnUrl = optionalString(params, 'return_url') ?? null;
    const captureMethod = optionalEnum(params, 'capture_method', CAPTURE_METHODS);
    const intent = find(req.params.id);
    assertConfirmable(intent);
    const paymentMethod = newPaymentMethod ?? intent.paymentMethod;
    if (paymentMethod === null) throw missingPaymentMethod();
    const card = knownCardBehaviour(paymentMethod);
    if (captureMethod) intent.captureMethod = captureMethod;
    await confirmAndAnswer(req, res, intent, { paymentMethod, card, returnUrl });
  });

  router.post('/payment_intents/:id/capture', (req, res) => {
    const params = onlyKnownParams(req.body, ['amount_to_capture', 'metadata']);
    const requested = optionalAmount(params, 'amount_to_capture');
    const metadata = params.metadata === undefined ? undefined : metadataParam(params);
    const intent = find(req.params.id);
    if (intent.status !== 'requires_capture') {
      throw unexpectedState(
        `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
      );
    }
    if (requested !== undefined) assertStripeAmount(requested, intent.currency, 'amount_to_capture', 'payment');
    const amount = requested ?? intent.amountCapturable;
    if (amount > intent.amountCapturable) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        code: 'amount_too_large',
        param: 'amount_to_capture',
        message: `The amount to capture (${amount}) must be less than or equal to the amount capturable (${intent.amountCapturable}), in ${intent.currency} minor units.`,
      });
    }
    // A partial capture releases the rest of the authorization: nothing stays capturable.
    intent.amountReceived = amount;
    intent.amountCapturable = 0;
    intent.status = 'succeeded';
    intent.capturedAt = nowInSeconds();
    if (metadata) intent.metadata = { ...intent.metadata, ...metadata };
    sendStripeEvent(context, 'payment_intent.succeeded', paymentIntentObject(intent), apiRequestCause(req, res));
    res.json(paymentIntentObject(intent));
  });

  router.post('/payment_intents/:id/cancel', (req, res) => {
    const params = onlyKnownParams(req.body, ['cancellation_reason']);
    const reason = optionalEnum(params, 'cancellation_reason', CANCELLATION_REASONS) ?? null;
    const intent = find(req.params.id);
    if (!CANCELABLE_STATUSES.includes(intent.status)) {
      throw unexpectedState(
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE_STATUSES.join(', ')}.`,
      );
    }
    intent.status = 'canceled';
    intent.amountCapturable = 0;
    intent.nextAction = null;
    intent.canceledAt = nowInSeconds();
    intent.cancellationReason = reason;
    sendStripeEvent(context, 'payment_intent.canceled', paymentIntentObject(intent), apiRequestCause(req, res));
    res.json(paymentIntentObject(intent));
  });

  router.get('/payment_intents/:id', (req, res) => {
    res.json(paymentIntentObject(find(req.params.id)));
  });

  return router;
}
