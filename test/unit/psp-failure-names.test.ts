// One name per cause, whichever activity meets it: a PSP with no gateway in this deployment is
// PspNotConfigured, a request that never left is PspNotReached, a refusal PspRequestRejected.
// Payments fail over on the first two (test/workflows/payment-psp-outcomes.workflow.test.ts);
// here the activities are shown to raise them, all non-retryable.
import { ApplicationFailure } from '@temporalio/common';
import assert from 'node:assert/strict';
import { createDisputeActivities } from '../../activities/disputes/activities';
import { sendPayout } from '../../activities/payouts/send-payout';
import { createPspActivities } from '../../activities/psp-activities';
import type { Database } from '../../db/client';
import { PSP_NOT_CONFIGURED, PSP_NOT_REACHED, PSP_REQUEST_REJECTED } from '../../domain/failures';
import type { Keyring } from '../../keyring/keyring';
import { PspNotReachedError, PspRequestError, type PspGateway } from '../../domain/psp-gateway';

async function failureOf(call: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await call.then(
    () => assert.fail('expected the activity to fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ApplicationFailure, `expected an ApplicationFailure, got ${String(error)}`);
  assert.equal(error.nonRetryable, true);
  return error;
}

const authorize = {
  psp: 'adyen' as const,
  paymentId: 'pay_1',
  merchantId: 'mer_1',
  amount: 100,
  currency: 'usd',
  paymentMethod: 'pm_card_visa',
  returnUrl: 'https://shop.example/return',
  idempotencyKey: 'pay_1:authorize',
};

/** A gateway whose every call throws `error`. */
function failing(error: Error): PspGateway {
  return new Proxy({ name: 'adyen' } as PspGateway, { get: (target, key) => (key === 'name' ? target.name : () => Promise.reject(error)) });
}

describe('PSP failure names, as the activities raise them', () => {
  it('a PSP with no gateway here is PspNotConfigured for payments, payouts and dispute evidence alike', async () => {
    const payment = await failureOf(createPspActivities({ psps: {} }).authorizePayment(authorize));
    const payout = await failureOf(
      sendPayout({}, { psp: 'adyen', payoutId: 'po_1', sellerId: 'sel_1', amount: 100, currency: 'usd', idempotencyKey: 'po_1:send' }),
    );
    const disputes = createDisputeActivities({ db: {} as Database, psps: {}, keyring: {} as Keyring });
    const evidence = await failureOf(
      disputes.submitEvidenceToPsp({
        psp: 'adyen',
        pspDisputeReference: 'dp_1',
        pspReference: 'psp_1',
        text: 'receipt',
        idempotencyKey: 'dp_1:evidence',
      }),
    );
    assert.deepEqual([payment.type, payout.type, evidence.type], [PSP_NOT_CONFIGURED, PSP_NOT_CONFIGURED, PSP_NOT_CONFIGURED]);
    assert.match(payment.message, /no gateway configured for adyen/);
  });

  it('a request that never left is PspNotReached, a refusal PspRequestRejected with its code', async () => {
    const notReached = await failureOf(
      createPspActivities({ psps: { adyen: failing(new PspNotReachedError('connect ECONNREFUSED')) } }).authorizePayment(authorize),
    );
    assert.equal(notReached.type, PSP_NOT_REACHED);
    const refused = await failureOf(
      createPspActivities({ psps: { adyen: failing(new PspRequestError('Card declined.', 'card_declined')) } }).authorizePayment(authorize),
    );
    assert.equal(refused.type, PSP_REQUEST_REJECTED);
    assert.deepEqual(refused.details, [{ code: 'card_declined' }]);
  });
});
