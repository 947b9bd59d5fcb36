// How the API talks to payout workflows: start one with update-with-start, which answers once
// the funds are reserved (or refused), and send it Updates whose refusals become API errors.
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Config } from '../config/config';
import type { Database } from '../db/client';
import { findPayout, savePayoutRow, type PayoutRow } from '../db/queries/payouts';
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

/**
 * Starts the payout and answers once its funds are reserved. A payout refused for the
 * seller's balance is recorded `failed` (balance_insufficient), so its id — and its finished
 * workflow — is never one the API denies knowing. A workflow that already ran under the id
 * (the key's record expired) answers as it ended: the payout, or the same refusal.
 */
export async function createPayout(client: Client, db: Database, config: Config, input: PayoutInput): Promise<PayoutState | PayoutRow> {
  try {
    return await startPayout(client, config, input);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'balance_insufficient') {
      await recordRefusedPayout(db, input, error);
      throw error;
    }
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  const existing = await findPayout(db, input.merchantId, input.payoutId);
  if (existing?.failureCode === 'balance_insufficient') throw balanceInsufficient();
  if (existing) return existing;
  // Refused before refusals were recorded (or the API died before recording it): a finished
  // payout workflow without a read-model row is one that reserved nothing.
  const result = await client.workflow.getHandle<typeof payoutWorkflow>(payoutWorkflowId(input.payoutId)).result();
  if (result) return result;
  const refusal = balanceInsufficient();
  await recordRefusedPayout(db, input, refusal);
  throw refusal;
}

async function recordRefusedPayout(db: Database, input: PayoutInput, refusal: ApiError): Promise<void> {
  await savePayoutRow(db, {
    id: input.payoutId,
    merchantId: input.merchantId,
    sellerId: input.sellerId,
    amount: input.amount,
    currency: input.currency,
    psp: input.psp,
    status: 'failed',
    method: input.method,
    pspPayoutReference: null,
    failureCode: refusal.code,
    failureMessage: refusal.message,
    approvedBy: null,
    approvedAt: null,
    // The workflow never saves a refused payout (it stops at version 0): this row is final.
    version: 1,
    createdAt: new Date(input.createdAt),
  });
}

function balanceInsufficient(): ApiError {
  return invalidRequest('balance_insufficient', "The seller's available balance is too low for this payout.", 'amount');
}

async function startPayout(client: Client, config: Config, input: PayoutInput): Promise<PayoutState> {
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
  if (type === BALANCE_INSUFFICIENT) return balanceInsufficient();
  if (type === PAYOUT_REQUEST_REFUSED) {
    const refusal = details?.[0] as { code: string; message: string } | undefined;
    return invalidRequest(refusal?.code ?? 'payout_unexpected_state', refusal?.message ?? message);
  }
  return error;
}
