// How the API talks to payout workflows: start one through its client (update-with-start, which
// answers once the funds are reserved or refused), and send it Updates whose refusals become
// API errors.
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Config } from '../config/config';
import type { Database } from '../db/client';
import { findPayout, savePayoutRow, type PayoutRow } from '../db/queries/payouts';
import { payoutHandle, startPayout } from '../contracts/payout.client';
import {
  BALANCE_INSUFFICIENT,
  PAYOUT_REQUEST_REFUSED,
  type PayoutInput,
  type PayoutState,
  type PayoutWorkflow,
} from '../contracts/payout.contract';
import { ApiError, invalidRequest } from './errors';
import { refusalIn, refusalToApiError } from './refusals';
import { isClosedWorkflowError } from './closed-workflow';

/**
 * Starts the payout and answers once its funds are reserved. A payout refused for the
 * seller's balance is recorded `failed` (balance_insufficient), so its id — and its finished
 * workflow — is never one the API denies knowing. A payout that already exists under the id
 * (the key's record expired; `bind` made sure it is the same request) answers as it stands:
 * the payout, or the same refusal — and its workflow is never started again.
 */
export async function createPayout(client: Client, db: Database, config: Config, input: PayoutInput): Promise<PayoutState | PayoutRow> {
  const recorded = await findPayout(db, input.merchantId, input.payoutId);
  if (recorded) return answerFrom(recorded);
  try {
    return await reserve(client, config, input);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'balance_insufficient') {
      await recordRefusedPayout(db, input, error);
      throw error;
    }
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  // Only a finished workflow refuses the start (a running one is joined): one that ended with
  // nothing reserved (null) is a refusal from before refusals were recorded, or one whose API
  // process died before recording it.
  const ended = await payoutHandle(client, input.payoutId).result();
  if (ended) return ended;
  const refusal = balanceInsufficient();
  await recordRefusedPayout(db, input, refusal);
  throw refusal;
}

/** `balance_insufficient` is holdfast's own refusal code; the PSPs' failures map to others. */
function answerFrom(payout: PayoutRow): PayoutRow {
  if (payout.status === 'failed' && payout.failureCode === 'balance_insufficient') throw balanceInsufficient();
  return payout;
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
    // The workflow never saves a refused payout (it stops at version 0): this row is final,
    // and writing it again (a retry) changes nothing.
    version: 1,
    createdAt: new Date(input.createdAt),
  });
}

function balanceInsufficient(): ApiError {
  return invalidRequest('balance_insufficient', "The seller's available balance is too low for this payout.", 'amount');
}

/** Starts the payout through its client; a refusal of its reservation becomes the API's answer. */
async function reserve(client: Client, config: Config, input: PayoutInput): Promise<PayoutState> {
  try {
    return await startPayout(client, config.temporal.taskQueue, input);
  } catch (error) {
    throw payoutRefusal(error);
  }
}

/** Sends an Update to a payout; `whenClosed` gives the refusal when its workflow has finished. */
export async function updatePayout<Ret>(
  client: Client,
  payoutId: string,
  send: (handle: WorkflowHandle<PayoutWorkflow>) => Promise<Ret>,
  whenClosed: () => ApiError,
): Promise<Ret> {
  try {
    return await send(payoutHandle(client, payoutId));
  } catch (error) {
    if (error instanceof WorkflowNotFoundError || isClosedWorkflowError(error)) throw whenClosed();
    throw payoutRefusal(error);
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

function payoutRefusal(error: unknown): unknown {
  if (!(error instanceof WorkflowUpdateFailedError) || !(error.cause instanceof ApplicationFailure)) return error;
  if (error.cause.type === BALANCE_INSUFFICIENT) return balanceInsufficient();
  const refusal = refusalIn(error, PAYOUT_REQUEST_REFUSED, 'payout_unexpected_state');
  return refusal ? refusalToApiError(refusal) : error;
}
