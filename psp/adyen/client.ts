// holdfast's PspGateway over Adyen's official library (Checkout API v72, Payout API v68,
// Disputes API v30). Transport only: what is sent and how an answer is read lives in mappers.ts.
import { CheckoutAPI, Client, Config, DisputesAPI, EnvironmentEnum, PayoutAPI } from '@adyen/api-library';
import { type AuthorizeRequest, type PspGateway, PspRequestError } from '../../domain/psp-gateway';
import { AdyenHttpClient } from './http-client';
import {
  assertDisputeServiceSucceeded,
  authorizeResultFromPaymentResponse,
  cancelRequest,
  cancelResultFromResponse,
  captureRequest,
  captureResultFromResponse,
  defendDisputeRequest,
  defenseDocumentRequest,
  gatewayErrorFromAdyenError,
  paymentDetailsRequest,
  paymentRequest,
  payoutRequest,
  payoutResultFromSubmitResponse,
  refundRequest,
  refundResultFromResponse,
} from './mappers';
import { fetchAdyenSettlementReport } from './settlement-report';

export interface AdyenGatewayOptions {
  apiKey: string;
  merchantAccount: string;
  environment: 'TEST' | 'LIVE';
  /** Adyen's prefix of the merchant's live Checkout endpoint; required for LIVE. */
  liveUrlPrefix?: string;
  /**
   * Another home for the Checkout API, e.g. the simulator's Adyen face (http://127.0.0.1:4012);
   * the Payout and Disputes APIs are then called there too (each under its own path), and
   * reports fetched from it.
   */
  baseUrl?: string;
  timeoutMs?: number;
}

/** Like Stripe's: under a PSP activity's 20 s start-to-close timeout, so a slow call fails as itself. */
const DEFAULT_TIMEOUT_MS = 15_000;

/** Adyen serves reports from its Customer Area, one host per environment (not the Checkout host). */
const REPORT_HOSTS = { TEST: 'https://ca-test.adyen.com', LIVE: 'https://ca-live.adyen.com' } as const;

export function createAdyenGateway(options: AdyenGatewayOptions): PspGateway {
  if (options.environment === 'LIVE' && !options.liveUrlPrefix) {
    throw new Error('Adyen LIVE needs the live endpoint URL prefix (ADYEN_LIVE_URL_PREFIX)');
  }
  const client = new Client(
    new Config({
      apiKey: options.apiKey,
      environment: EnvironmentEnum[options.environment],
      ...(options.liveUrlPrefix === undefined ? {} : { liveEndpointUrlPrefix: options.liveUrlPrefix }),
    }),
    // The library's client never retries; neither does this one. Temporal retries the
    // activity with the same idempotency key, so every attempt shows in the workflow's history.
    new AdyenHttpClient({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS }),
  );
  const { PaymentsApi: payments, ModificationsApi: modifications } = new CheckoutAPI(client);
  const payouts = new PayoutAPI(client).InitializationApi;
  const disputes = new DisputesAPI(client).DisputesApi;
  const { merchantAccount } = options;
  const reportSource = {
    reportBase: options.baseUrl ?? REPORT_HOSTS[options.environment],
    merchantAccount,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };

  /** Also the lookup: under the same key Adyen answers with the first result, never authorizing twice. */
  const sendPayment = async (request: AuthorizeRequest) =>
    authorizeResultFromPaymentResponse(
      await payments.payments(paymentRequest(request, merchantAccount), { idempotencyKey: request.idempotencyKey }),
      request,
    );

  return {
    name: 'adyen',

    authorize: (request) => translatingErrors(() => sendPayment(request)),

    // Adyen has no payment lookup; a replay is one, and it never answers `not_found`: if the
    // first request never arrived, the replay is that request, made once.
    lookupAuthorization: (request) => translatingErrors(() => sendPayment(request)),

    completeAction: ({ authorization, redirectResult }) =>
      translatingErrors(async () => {
        // Without the shopper's redirectResult nothing new can be asked: the replay answers
        // RedirectShopper until the AUTHORISATION notification moves the payment on.
        if (redirectResult === undefined) return sendPayment(authorization);
        const details = await payments.paymentsDetails(paymentDetailsRequest(redirectResult), {
          idempotencyKey: `${authorization.idempotencyKey}:details`,
        });
        return authorizeResultFromPaymentResponse(details, authorization);
      }),

    capture: (request) =>
      translatingErrors(async () =>
        captureResultFromResponse(
          await modifications.captureAuthorisedPayment(request.pspReference, captureRequest(request, merchantAccount), {
            idempotencyKey: request.idempotencyKey,
          }),
        ),
      ),

    cancel: (request) =>
      translatingErrors(async () =>
        cancelResultFromResponse(
          await modifications.cancelAuthorisedPaymentByPspReference(request.pspReference, cancelRequest(merchantAccount), {
            idempotencyKey: request.idempotencyKey,
          }),
        ),
      ),

    refund: (request) =>
      translatingErrors(async () =>
        refundResultFromResponse(
          await modifications.refundCapturedPayment(request.pspReference, refundRequest(request, merchantAccount), {
            idempotencyKey: request.idempotencyKey,
          }),
        ),
      ),

    // A refusal, not a failure: retrying cannot help, and Adyen's health is not in question.
    retrieve: async (pspReference) => {
      throw new PspRequestError(
        `Adyen has no API to read payment ${pspReference} back; its captures, cancels and refunds are confirmed by notification`,
        'unsupported_operation',
      );
    },

    fetchSettlementReport: (range) => fetchAdyenSettlementReport(reportSource, range),

    createPayout: (request) =>
      translatingErrors(async () =>
        payoutResultFromSubmitResponse(
          await payouts.submitThirdParty(payoutRequest(request, merchantAccount), { idempotencyKey: request.idempotencyKey }),
        ),
      ),

    // Two calls, each under a key of its own derived from the request's: a retry after the
    // document went in replays that answer and goes on to defend.
    submitDisputeEvidence: (request) =>
      translatingErrors(async () => {
        const supplied = await disputes.supplyDefenseDocument(defenseDocumentRequest(request, merchantAccount), {
          idempotencyKey: `${request.idempotencyKey}:document`,
        });
        assertDisputeServiceSucceeded(supplied, 'supplyDefenseDocument');
        const defended = await disputes.defendDispute(defendDisputeRequest(request, merchantAccount), {
          idempotencyKey: `${request.idempotencyKey}:defend`,
        });
        assertDisputeServiceSucceeded(defended, 'defendDispute');
      }),
  };
}

async function translatingErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw gatewayErrorFromAdyenError(error);
  }
}
