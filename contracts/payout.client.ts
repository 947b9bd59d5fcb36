// Starting and reaching a payout's workflow, for the API: the one place that names the
// workflow to Temporal. What is sent to it (Updates, signals, queries) is defined in the contract.
import { WithStartWorkflowOperation, type Client, type WorkflowHandle } from '@temporalio/client';
import {
  awaitReservationUpdate,
  type PayoutInput,
  type PayoutState,
  type PayoutWorkflow,
  payoutWorkflowId,
  PAYOUT_WORKFLOW,
} from './payout.contract';

/** The workflow of payout `payoutId`, to send an Update, a signal or a query to. */
export function payoutHandle(client: Client, payoutId: string): WorkflowHandle<PayoutWorkflow> {
  return client.workflow.getHandle<PayoutWorkflow>(payoutWorkflowId(payoutId));
}

/** Starts the payout (or joins the one running under its id) and answers once its funds are reserved. */
export function startPayout(client: Client, taskQueue: string, input: PayoutInput): Promise<PayoutState> {
  const startWorkflowOperation = new WithStartWorkflowOperation<PayoutWorkflow>(PAYOUT_WORKFLOW, {
    workflowId: payoutWorkflowId(input.payoutId),
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    // A finished payout is never run again under its id: that would pay twice.
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  });
  return client.workflow.executeUpdateWithStart(awaitReservationUpdate, { startWorkflowOperation });
}
