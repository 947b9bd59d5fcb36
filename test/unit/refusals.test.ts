// A workflow's refusal, thrown the one way (domain/failures.ts) and read back by the API's one
// translator (api/refusals): the code, message and field reach the client unchanged.
import assert from 'node:assert/strict';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ApiError } from '../../api/errors';
import { refusalIn, refusalToApiError } from '../../api/refusals';
import { PAYOUT_REQUEST_REFUSED, refuse, REQUEST_REFUSED, type Refusal } from '../../domain/failures';

/** What the client sees when the workflow's validator throws `refusal`. */
function updateFailedWith(type: string, refusal: Refusal): WorkflowUpdateFailedError {
  try {
    refuse(type, refusal);
  } catch (failure) {
    return new WorkflowUpdateFailedError('Workflow Update failed', failure as Error);
  }
}

describe('refusals', () => {
  it('a refusal is a non-retryable failure of its type whose first detail is the refusal', () => {
    const refusal = { code: 'amount_too_large', message: 'Too much.', param: 'amount' };
    const failure = updateFailedWith(REQUEST_REFUSED, refusal).cause;
    assert.ok(failure instanceof ApplicationFailure);
    assert.equal(failure.type, 'RequestRefused');
    assert.equal(failure.nonRetryable, true);
    assert.equal(failure.message, 'Too much.');
    assert.deepEqual(failure.details, [refusal]);
  });

  it('the API reads a refusal only from the workflow type that refused', () => {
    const error = updateFailedWith(PAYOUT_REQUEST_REFUSED, { code: 'payout_not_awaiting_approval', message: 'No.' });
    assert.deepEqual(refusalIn(error, PAYOUT_REQUEST_REFUSED), { code: 'payout_not_awaiting_approval', message: 'No.' });
    assert.equal(refusalIn(error, REQUEST_REFUSED), undefined);
    assert.equal(refusalIn(new Error('not an update failure'), PAYOUT_REQUEST_REFUSED), undefined);
  });

  it('a refusal without details gets the fallback code and the failure message', () => {
    const bare = ApplicationFailure.create({ type: PAYOUT_REQUEST_REFUSED, message: 'Refused.', nonRetryable: true });
    const error = new WorkflowUpdateFailedError('Workflow Update failed', bare);
    assert.deepEqual(refusalIn(error, PAYOUT_REQUEST_REFUSED, 'payout_unexpected_state'), {
      code: 'payout_unexpected_state',
      message: 'Refused.',
    });
    assert.equal(refusalIn(error, PAYOUT_REQUEST_REFUSED), undefined);
  });

  it('a refusal answers 400 with its code, message and field, unless its workflow maps the code', () => {
    const refusal = { code: 'psp_unavailable', message: 'Unreachable.', param: 'text' };
    assert.deepEqual(refusalToApiError(refusal).toBody(), {
      error: { type: 'invalid_request_error', code: 'psp_unavailable', message: 'Unreachable.', param: 'text' },
    });
    assert.equal(refusalToApiError(refusal).status, 400);
    const answers = new Map([['psp_unavailable', (r: Refusal) => new ApiError(502, 'api_error', r.code, r.message)]]);
    assert.equal(refusalToApiError(refusal, answers).status, 502);
  });
});
