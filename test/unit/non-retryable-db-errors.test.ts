// Which database errors no retry can fix, as the activity interceptor classifies them.
import { ApplicationFailure } from '@temporalio/common';
import assert from 'node:assert/strict';
import { dataRejection } from '../../activities/non-retryable-db-errors';
import { ACTIVITY_DATA_REJECTED } from '../../domain/failures';

/** A driver error as pg raises it, wrapped the way drizzle wraps a failed query. */
function queryError(code: string, fields: Record<string, string> = {}, message = 'refused'): Error {
  const pg = Object.assign(new Error(message), { code, ...fields });
  return new Error('Failed query: insert into "payments" … params: secret\u0000value', { cause: pg });
}

describe('database errors no retry can fix', () => {
  it('classifies data exceptions (class 22), check and not-null violations, with their SQLSTATE and constraint', () => {
    for (const code of ['22021', '22P05', '22001', '23514', '23502']) {
      const failure = dataRejection(queryError(code, { constraint: 'c', table: 't' }));
      assert.ok(failure, code);
      assert.equal(failure.type, ACTIVITY_DATA_REJECTED);
      assert.equal(failure.nonRetryable, false, 'retryable unless the workflow lists the type');
      assert.deepEqual(failure.details, [{ sqlstate: code, constraint: 'c', table: 't' }]);
    }
  });

  it('leaves errors a retry may fix, and failures an activity already named, as they are', () => {
    for (const code of ['40001', '40P01', '23505', '23503', '57P01', '08006'])
      assert.equal(dataRejection(queryError(code)), undefined, code);
    assert.equal(dataRejection(new Error('ECONNRESET')), undefined);
    const named = ApplicationFailure.create({ type: 'InsufficientFunds', nonRetryable: true, cause: queryError('23514') });
    assert.equal(dataRejection(named), undefined, "the ledger's overdraft refusal is a check violation underneath");
  });

  it("quotes the driver's message without control characters, never drizzle's (which quotes the parameters)", () => {
    const failure = dataRejection(queryError('22021', {}, 'invalid byte sequence for encoding "UTF8": 0x00\u0000\u0007'))!;
    assert.doesNotMatch(failure.message, /secret|params/);
    assert.doesNotMatch(failure.message, /[\u0000-\u001f]/);
    assert.match(failure.message, /SQLSTATE 22021/);
  });
});
