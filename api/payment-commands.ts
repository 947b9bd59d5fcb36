// How the API talks to payment workflows: start one through its client (update-with-start:
// a duplicate cannot start a second), and send it Updates whose refusals become API errors.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { Config } from '../config/config';
import type { PaymentState } from '../domain/payment/types';
import { paymentHandle, startPayment } from '../contracts/payment.client';
import { type PaymentInput, REQUEST_REFUSED } from '../contracts/payment.contract';
import { ApiError } from './errors';
import { refusalIn, refusalToApiError, type RefusalAnswers } from './refusals';
import { isClosedWorkflowError } from './closed-workflow';

export interface PaymentCommands {
  /** Starts the payment (or joins the one already started) and waits, bounded, for its authorization. */
  create(input: PaymentInput): Promise<PaymentState>;
  /** Sends an Update; `whenClosed` gives the refusal when the payment's workflow has finished. */
  update<Ret>(paymentId: string, send: (handle: WorkflowHandle) => Promise<Ret>, whenClosed: () => Promise<ApiError>): Promise<Ret>;
}

export function createPaymentCommands(client: Client, config: Config): PaymentCommands {
  const { taskQueue } = config.temporal;

  return {
    create: (input) => startPayment(client, taskQueue, input, config.payments.createWaitMs),

    async update(paymentId, send, whenClosed) {
      try {
        return await send(paymentHandle(client, paymentId));
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError) throw paymentRefusal(error);
        if (error instanceof WorkflowNotFoundError || isClosedWorkflowError(error)) throw await whenClosed();
        throw error;
      }
    },
  };
}

/** The payment refusals that are not the client's mistake. */
const PAYMENT_REFUSAL_ANSWERS: RefusalAnswers = new Map([
  ['psp_unavailable', (refusal) => new ApiError(502, 'api_error', 'psp_unavailable', refusal.message)],
  // Not a bad request: the same request succeeds once the PSP confirms what is in flight.
  ['payment_modification_pending', (refusal) => new ApiError(409, 'invalid_request_error', refusal.code, refusal.message)],
]);

function paymentRefusal(error: WorkflowUpdateFailedError): ApiError {
  const refusal = refusalIn(error, REQUEST_REFUSED);
  if (refusal) return refusalToApiError(refusal, PAYMENT_REFUSAL_ANSWERS);
  throw error;
}
