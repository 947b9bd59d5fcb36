// Failures as the workflow tests meet them: an Update's refusal, read back, and the PSP
// activities' non-retryable failures, raised by mocks.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import assert from 'node:assert/strict';
import { PSP_NOT_CONFIGURED, PSP_NOT_REACHED, PSP_REQUEST_REJECTED } from '../../../domain/failures';

/** The details[0] an Update was refused with; asserts it was refused with a failure of `type`. */
export async function refusalDetails<D>(update: Promise<unknown>, type: string): Promise<D> {
  const error = await update.then(
    () => assert.fail('expected the update to be refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof WorkflowUpdateFailedError, `expected WorkflowUpdateFailedError, got ${String(error)}`);
  assert.ok(error.cause instanceof ApplicationFailure, `expected an ApplicationFailure cause, got ${String(error.cause)}`);
  assert.equal(error.cause.type, type);
  return error.cause.details?.[0] as D;
}

/** A refused PSP request, as the PSP activities raise it. */
export function pspRejected(code: string, message = `Refused: ${code}.`): ApplicationFailure {
  return ApplicationFailure.create({ type: PSP_REQUEST_REJECTED, message, nonRetryable: true, details: [{ code }] });
}

/** A request that never reached the PSP, as the PSP activities raise it. */
export function pspNotReached(message = 'connect ECONNREFUSED'): ApplicationFailure {
  return ApplicationFailure.create({ type: PSP_NOT_REACHED, message, nonRetryable: true });
}

/** A PSP this deployment has no gateway for, as the PSP activities raise it. */
export function pspNotConfigured(psp = 'stripe'): ApplicationFailure {
  return ApplicationFailure.create({ type: PSP_NOT_CONFIGURED, message: `no gateway configured for ${psp}`, nonRetryable: true });
}
