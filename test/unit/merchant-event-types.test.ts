import assert from 'node:assert/strict';
import { eventSourceKey, eventsRaised } from '../../domain/events';
import * as transition from '../../domain/payment/transitions';
import type { PaymentState } from '../../domain/payment/types';

const T0 = '2030-01-01T00:00:00.000Z';
const T1 = '2030-01-01T00:00:01.000Z';

function created(): PaymentState {
  return transition.newPayment({
    id: 'pay_1',
    merchantId: 'mer_1',
    amount: 1000,
    currency: 'usd',
    captureMethod: 'manual',
    psp: 'stripe',
    metadata: {},
    createdAt: T0,
  });
}

const authorize = (state: PaymentState) =>
  transition.authorized(state, T1, { pspReference: 'pi_1', amountCapturable: 1000, captureBefore: '2030-01-08T00:00:00.000Z' });

describe('which payment transitions raise merchant events', () => {
  it('authorize, capture and each refund outcome raise one event each, keyed by the fact', () => {
    const start = created();
    const held = authorize(start);
    assert.deepEqual(eventsRaised(start, held), [{ type: 'payment.authorized', sourceKey: 'payment:pay_1:payment.authorized' }]);
    const captured = transition.captured(held, T1, 1000);
    assert.deepEqual(eventsRaised(held, captured), [{ type: 'payment.captured', sourceKey: 'payment:pay_1:payment.captured' }]);
    const refunding = transition.refundStarted(captured, { id: 're_1', amount: 400, status: 'pending', createdAt: T1 });
    assert.deepEqual(eventsRaised(captured, refunding), [], 'a refund that has not succeeded yet raises nothing');
    const refunded = transition.refundSucceeded(refunding, T1, 're_1', 'psp_re_1');
    assert.deepEqual(eventsRaised(refunding, refunded), [
      { type: 'refund.succeeded', refundId: 're_1', sourceKey: 'refund:re_1:refund.succeeded' },
    ]);
    const second = transition.refundStarted(refunded, { id: 're_2', amount: 100, status: 'pending', createdAt: T1 });
    const refused = transition.refundFailed(second, T1, 're_2', { failureCode: 'expired_card' });
    assert.deepEqual(eventsRaised(second, refused), [{ type: 'refund.failed', refundId: 're_2', sourceKey: 'refund:re_2:refund.failed' }]);
  });

  it('a decline raises payment.failed; a cancel and an expiry both raise payment.canceled', () => {
    const start = created();
    const declined = transition.failed(start, T1, { failureCode: 'card_declined', failureMessage: 'Declined' });
    assert.deepEqual(
      eventsRaised(start, declined).map((e) => e.type),
      ['payment.failed'],
    );
    const held = authorize(start);
    assert.deepEqual(
      eventsRaised(held, transition.canceled(held, T1, 'canceled')).map((e) => e.type),
      ['payment.canceled'],
    );
    assert.deepEqual(
      eventsRaised(held, transition.canceled(held, T1, 'expired')).map((e) => e.type),
      ['payment.canceled'],
    );
  });

  it('several transitions at once raise their events in order; a new payment raises none', () => {
    const start = created();
    const captured = transition.captured(authorize(start), T1, 1000);
    assert.deepEqual(
      eventsRaised(start, captured).map((e) => e.type),
      ['payment.authorized', 'payment.captured'],
    );
    assert.deepEqual(eventsRaised(start, start), []);
  });

  it('a refund event without its refund id has no source key', () => {
    assert.throws(() => eventSourceKey({ type: 'refund.succeeded', paymentId: 'pay_1' }), /needs a refund id/);
  });
});
