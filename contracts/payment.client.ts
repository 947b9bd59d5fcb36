// Starting and reaching a payment's workflow, for the API and for the activities that tell a
// payment of its settlement or of a reconciliation fix: the one place that names the workflow
// to Temporal. What is sent to it (Updates, signals, queries) is defined in the contract.
import { WithStartWorkflowOperation, type Client, type WorkflowHandle } from '@temporalio/client';
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
  PAYMENT_WORKFLOW,
} from './payment.contract';

/** The workflow of payment `paymentId`, to send an Update, a signal or a query to. */
export function paymentHandle(client: Client, paymentId: string): WorkflowHandle<PaymentWorkflow> {
  return client.workflow.getHandle<PaymentWorkflow>(paymentWorkflowId(paymentId));
}

/**
 * Starts the payment (or joins the one already started under its id) and waits up to `waitMs`
 * for its first outcome; still waiting for the PSP then, it answers the payment as it stands.
 */
export async function startPayment(client: Client, taskQueue: string, input: PaymentInput, waitMs: number): Promise<PaymentState> {
  const startWorkflowOperation = new WithStartWorkflowOperation<PaymentWorkflow>(PAYMENT_WORKFLOW, {
    workflowId: paymentWorkflowId(input.paymentId),
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
    timer = setTimeout(() => resolve(undefined), waitMs);
  });
  try {
    const settled = await Promise.race([outcome.result(), timedOut]);
    return settled ?? (await paymentHandle(client, input.paymentId).query(paymentStateQuery));
  } finally {
    clearTimeout(timer);
  }
}
