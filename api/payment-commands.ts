// How the API talks to payment workflows: start one with update-with-start (a duplicate
// cannot start a second), and send it Updates whose refusals become API errors.
import {
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import type { Config } from '../config/config';
import type { PaymentState } from '../domain/payment/types';
import {
  awaitOutcomeUpdate,
  merchantIdAttribute,
  type PaymentInput,
  paymentStateQuery,
  paymentStatusAttribute,
  type PaymentWorkflow,
  paymentWorkflowId,
  pspAttribute,
  REQUEST_REFUSED,
} from '../contracts/payment.contract';
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
    async create(input) {
      const workflowId = paymentWorkflowId(input.paymentId);
      const startWorkflowOperation = new WithStartWorkflowOperation<PaymentWorkflow>('paymentWorkflow', {
        workflowId,
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        // A finished payment is never run again under its id: that would authorize twice.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [
          { key: merchantIdAttribute, value: input.merchantId },
          { key: paymentStatusAttribute, value: 'processing' },
          // Routing decides inside the workflow, which sets the attribute then.
          ...(input.psp ? [{ key: pspAttribute, value: input.psp }] : []),
        ],
      });
      const outcome = await client.workflow.startUpdateWithStart(awaitOutcomeUpdate, {
        updateId: 'await-outcome',
        waitForStage: 'ACCEPTED',
        startWorkflowOperation,
      });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), config.payments.createWaitMs);
      });
      try {
        const settled = await Promise.race([outcome.result(), timedOut]);
        // Still waiting for the PSP: answer with the payment as it stands (`processing`).
        return settled ?? (await client.workflow.getHandle(workflowId).query(paymentStateQuery));
      } finally {
        clearTimeout(timer);
      }
    },

    async update(paymentId, send, whenClosed) {
      try {
        return await send(client.workflow.getHandle(paymentWorkflowId(paymentId)));
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
