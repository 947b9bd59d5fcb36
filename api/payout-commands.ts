// How the API talks to payout workflows: start one with update-with-start, which answers once
// the funds are reserved (or refused), and send it Updates whose refusals become API errors.
import { WithStartWorkflowOperation, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Config } from '../config/config';
import {
  awaitReservationUpdate,
  BALANCE_INSUFFICIENT,
  PAYOUT_REQUEST_REFUSED,
  payoutWorkflowId,
  type PayoutInput,
  type PayoutState,
} from '../workflows/payout.contract';
import type { payoutWorkflow } from '../workflows/payout.workflow';
import { ApiError, invalidRequest } from './errors';
import { isClosedWorkflowError } from './closed-workflow';

export async function startPayout(client: Client, config: Config, input: PayoutInput): Promise<PayoutState> {
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof payoutWorkflow>('payoutWorkflow', {
    workflowId: payoutWorkflowId(input.payoutId),
    taskQueue: config.temporal.taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    // A finished payout is never run again under its id: that would pay twice.
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  });
  try {
    return await client.workflow.executeUpdateWithStart(awaitReservationUpdate, { startWorkflowOperation });
  } catch (error) {
    throw refusalToApiError(error);
  }
}

/** Sends an Update to a payout; `whenClosed` gives the refusal when its workflow has finished. */
export async function updatePayout<Ret>(
  client: Client,
  payoutId: string,
  send: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<Ret>,
  whenClosed: () => ApiError,
): Promise<Ret> {
  try {
    return await send(client.workflow.getHandle(payoutWorkflowId(payoutId)));
  } catch (error) {
    if (error instanceof WorkflowNotFoundError || isClosedWorkflowError(error)) throw whenClosed();
    throw refusalToApiError(error);
  }
}

/** The refusal for an approve or cancel that reached a payout whose workflow has finished. */
export function payoutNotAwaitingApproval(status: string): ApiError {
  return invalidRequest(
    'payout_not_awaiting_approval',
    // The workflow's own refusal says the same, so the answer reads alike either way.
    `This payout is ${status}; only a payout awaiting approval can be approved or canceled.`,
  );
}

function refusalToApiError(error: unknown): unknown {
  if (!(error instanceof WorkflowUpdateFailedError) || !(error.cause instanceof ApplicationFailure)) return error;
  const { type, details, message } = error.cause;
  if (type === BALANCE_INSUFFICIENT) {
    return invalidRequest('balance_insufficient', "The seller's available balance is too low for this payout.", 'amount');
  }
  if (type === PAYOUT_REQUEST_REFUSED) {
    const refusal = details?.[0] as { code: string; message: string } | undefined;
    return invalidRequest(refusal?.code ?? 'payout_unexpected_state', refusal?.message ?? message);
  }
  return error;
}
