// The decision the payment workflow runs as one local activity: the route first, then the risk
// verdict, and only once a PSP could take the payment.
import { ApplicationFailure } from '@temporalio/common';
import assert from 'node:assert/strict';
import { decide, type RouteAndRisk } from '../../activities/payment-decision';
import { PSP_NOT_AVAILABLE } from '../../domain/failures';

const input = {
  route: { paymentId: 'pay_1', merchantId: 'mer_1', currency: 'usd', amount: 1000 },
  risk: { paymentId: 'pay_1', amount: 1000, currency: 'usd', email: 'shopper@example.com' },
};

function deciders(choosePsps: RouteAndRisk['choosePsps']): RouteAndRisk & { riskAsked: number } {
  const counted = {
    riskAsked: 0,
    choosePsps,
    async assessRisk() {
      counted.riskAsked++;
      return { decision: 'allow' as const };
    },
  };
  return counted;
}

describe('the payment decision (route, then risk)', () => {
  it('answers the candidates and the verdict', async () => {
    const both = deciders(async () => ['adyen', 'stripe']);
    assert.deepEqual(await decide(both, input), { route: { candidates: ['adyen', 'stripe'] }, assessment: { decision: 'allow' } });
  });

  it('answers "no PSP available" as a value, without asking the risk service about the customer', async () => {
    const none = deciders(async () => {
      throw ApplicationFailure.nonRetryable('none of the PSPs is configured', PSP_NOT_AVAILABLE);
    });
    assert.deepEqual(await decide(none, input), { route: { unavailable: 'none of the PSPs is configured' } });
    assert.equal(none.riskAsked, 0);
  });

  it('throws any other routing failure, for the activity to be retried', async () => {
    const broken = deciders(async () => {
      throw new Error('connection terminated');
    });
    await assert.rejects(decide(broken, input), /connection terminated/);
    assert.equal(broken.riskAsked, 0);
  });
});
