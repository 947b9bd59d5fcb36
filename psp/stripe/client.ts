// holdfast's PspGateway over Stripe's official SDK. Transport only: what is sent and how an
// answer is read lives in mappers.ts.
import Stripe from 'stripe';
import type { PspGateway } from '../../domain/psp-gateway';
import {
  assertEvidenceSubmitted,
  authorizeResultFromPaymentIntent,
  cancelResultFromPaymentIntent,
  captureResultFromPaymentIntent,
  declineFromCardError,
  disputeEvidenceParams,
  gatewayErrorFromStripeError,
  lookupResultFromSearch,
  paymentIntentCaptureParams,
  paymentIntentCreateParams,
  paymentIntentSearchQuery,
  payoutCreateParams,
  payoutResultFromPayout,
  refundCreateParams,
  refundResultFromRefund,
  snapshotFromPaymentIntent,
} from './mappers';
import { fetchStripeSettlementReport } from './settlement-report';

export interface StripeGatewayOptions {
  secretKey: string;
  /** Another home for Stripe's API, e.g. http://127.0.0.1:4010 for the simulator or stripe-mock. */
  baseUrl?: string;
  timeoutMs?: number;
}

/**
 * Under a PSP activity's 20 s start-to-close timeout (workflows/payment/activities.ts), so a slow
 * call fails as itself in this attempt and is retried, rather than as the activity's timeout.
 */
const DEFAULT_TIMEOUT_MS = 15_000;

export function createStripeGateway(options: StripeGatewayOptions): PspGateway {
  const stripe = new Stripe(options.secretKey, {
    ...hostSettings(options.baseUrl),
    // Temporal retries the activity, with the same idempotency key; SDK retries inside one
    // attempt would hide attempts from the workflow history and stretch its timeouts.
    maxNetworkRetries: 0,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });

  return {
    name: 'stripe',

    async authorize(request) {
      try {
        const intent = await stripe.paymentIntents.create(paymentIntentCreateParams(request), {
          idempotencyKey: request.idempotencyKey,
        });
        return authorizeResultFromPaymentIntent(intent);
      } catch (error) {
        // A decline is Stripe's 402; for holdfast it is an answer, not a failure.
        if (error instanceof Stripe.errors.StripeCardError) return declineFromCardError(error);
        throw gatewayErrorFromStripeError(error);
      }
    },

    capture: (request) =>
      translatingErrors(async () => {
        const intent = await stripe.paymentIntents.capture(request.pspReference, paymentIntentCaptureParams(request), {
          idempotencyKey: request.idempotencyKey,
        });
        return captureResultFromPaymentIntent(intent);
      }),

    cancel: (request) =>
      translatingErrors(async () =>
        cancelResultFromPaymentIntent(
          await stripe.paymentIntents.cancel(request.pspReference, {}, { idempotencyKey: request.idempotencyKey }),
        ),
      ),

    refund: (request) =>
      translatingErrors(async () => {
        const refund = await stripe.refunds.create(refundCreateParams(request), {
          idempotencyKey: request.idempotencyKey,
        });
        return refundResultFromRefund(refund);
      }),

    retrieve: (pspReference) =>
      translatingErrors(async () => snapshotFromPaymentIntent(await stripe.paymentIntents.retrieve(pspReference))),

    // Stripe's search index lags writes by up to a minute, so `not_found` soon after a create
    // means "not seen yet" as much as "never arrived". The workflow therefore answers it by
    // sending the create again under the same idempotency key, which is safe either way:
    // Stripe replays the first answer if that create committed, and authorizes once if not.
    // (Stripe forgets idempotency keys after 24 hours; the workflow resolves within minutes.)
    lookupAuthorization: (request) =>
      translatingErrors(async () => {
        const found = await stripe.paymentIntents.search({ query: paymentIntentSearchQuery(request.paymentId) });
        return lookupResultFromSearch(found.data);
      }),

    // The shopper's return proves nothing: the PaymentIntent says whether the challenge passed.
    completeAction: (request) =>
      translatingErrors(async () => authorizeResultFromPaymentIntent(await stripe.paymentIntents.retrieve(request.pspReference))),

    fetchSettlementReport: (range) => translatingErrors(() => fetchStripeSettlementReport(stripe, range)),

    createPayout: (request) =>
      translatingErrors(async () =>
        payoutResultFromPayout(await stripe.payouts.create(payoutCreateParams(request), { idempotencyKey: request.idempotencyKey })),
      ),

    submitDisputeEvidence: (request) =>
      translatingErrors(async () =>
        assertEvidenceSubmitted(
          await stripe.disputes.update(request.pspDisputeReference, disputeEvidenceParams(request), {
            idempotencyKey: request.idempotencyKey,
          }),
        ),
      ),
  };
}

async function translatingErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw gatewayErrorFromStripeError(error);
  }
}

function hostSettings(baseUrl: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (baseUrl === undefined) return {};
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Stripe baseUrl must be http(s): ${baseUrl}`);
  // The SDK builds paths from /v1 itself; a prefix would be silently dropped.
  if (url.pathname !== '/') throw new Error(`Stripe baseUrl cannot have a path: ${baseUrl}`);
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  return { host: url.hostname, port: url.port || (protocol === 'https' ? 443 : 80), protocol };
}
