// Which errors mean "a dependency is down" (503 with Retry-After) and which stay bugs (500).
// The shapes are the ones the libraries throw: a gRPC status error as @grpc/grpc-js builds it
// (code, details, metadata) inside the Temporal client's ServiceError, a pg DatabaseError's
// SQLSTATE inside drizzle's wrapper. The cluster suite met the no-poller query as a 500 while
// every worker was down (docs/faults.md).
import { ServiceError } from '@temporalio/client';
import assert from 'node:assert/strict';
import { isDependencyUnavailable } from '../../api/unavailable';

function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

describe('isDependencyUnavailable', () => {
  it('is true for a query no worker polls for (FAILED_PRECONDITION, no poller)', () => {
    const error = new ServiceError('Failed to query Workflow', {
      cause: grpcError(9, 'no poller seen for task queue recently, worker may be down'),
    });
    assert.equal(isDependencyUnavailable(error), true);
  });

  it('is false for any other FAILED_PRECONDITION', () => {
    const error = new ServiceError('Failed to query Workflow', { cause: grpcError(9, 'query on a closed workflow is not supported') });
    assert.equal(isDependencyUnavailable(error), false);
  });

  it('is true for Temporal UNAVAILABLE and DEADLINE_EXCEEDED', () => {
    assert.equal(isDependencyUnavailable(new ServiceError('x', { cause: grpcError(14, 'connect ECONNREFUSED') })), true);
    assert.equal(isDependencyUnavailable(new ServiceError('x', { cause: grpcError(4, 'Deadline exceeded') })), true);
  });

  it('is true for Postgres shutting down or starting, however deep in the cause chain', () => {
    const pg = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    assert.equal(isDependencyUnavailable(new Error('Failed query: select 1', { cause: pg })), true);
    assert.equal(isDependencyUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' })), true);
    assert.equal(isDependencyUnavailable(Object.assign(new Error('connection failure'), { code: '08006' })), true);
    assert.equal(isDependencyUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' })), true);
    assert.equal(isDependencyUnavailable(new Error('Connection terminated unexpectedly')), true);
  });

  it('is false for a protocol violation: too many parameters in one statement is a bug, not an outage', () => {
    const pg = Object.assign(new Error('bind message has 4464 parameter formats but 0 parameters'), { code: '08P01' });
    assert.equal(isDependencyUnavailable(new Error('Failed query: insert …', { cause: pg })), false);
  });

  it('is false for a bug or a refused write', () => {
    assert.equal(isDependencyUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')")), false);
    assert.equal(isDependencyUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' })), false);
    assert.equal(isDependencyUnavailable(undefined), false);
  });
});
