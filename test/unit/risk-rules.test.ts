import assert from 'node:assert/strict';
import { riskFailure } from '../../domain/risk';

describe('risk rules', () => {
  const fallbackMaxAmount = 10_000;

  it('lets an allowed payment proceed whatever its amount', () => {
    assert.equal(riskFailure({ decision: 'allow' }, 5_000_000, fallbackMaxAmount), undefined);
  });

  it('fails a blocked payment with risk_blocked, even below the fallback amount', () => {
    assert.deepEqual(riskFailure({ decision: 'block', reason: 'email_domain_blocked' }, 100, fallbackMaxAmount), {
      failureCode: 'risk_blocked',
      failureMessage: 'The payment was blocked by the risk check.',
    });
  });

  it('lets a payment up to the fallback amount proceed when the service is unavailable', () => {
    assert.equal(riskFailure({ decision: 'unavailable', reason: 'timeout' }, 9_999, fallbackMaxAmount), undefined);
    assert.equal(riskFailure({ decision: 'unavailable', reason: 'timeout' }, 10_000, fallbackMaxAmount), undefined);
  });

  it('fails a larger payment with risk_unavailable when the service is unavailable', () => {
    assert.equal(riskFailure({ decision: 'unavailable', reason: 'http_503' }, 10_001, fallbackMaxAmount)?.failureCode, 'risk_unavailable');
  });

  it('lets nothing through unchecked when the fallback amount is 0', () => {
    assert.equal(riskFailure({ decision: 'unavailable' }, 1, 0)?.failureCode, 'risk_unavailable');
  });
});
