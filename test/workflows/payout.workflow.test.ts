// The payout workflow on the time-skipping test server, with every activity mocked: what it
// posts to the ledger and in which order, what it refuses, and that a PSP's word — an answer
// or a webhook, early or twice — returns or pays the funds exactly once.
import { ApplicationFailure } from '@temporalio/common';
import assert from 'node:assert/strict';
import { accounts } from '../../domain/ledger';
import {
  approvePayoutUpdate,
  awaitReservationUpdate,
  BALANCE_INSUFFICIENT,
  cancelPayoutUpdate,
  PAYOUT_REQUEST_REFUSED,
  payoutEventSignal,
} from '../../contracts/payout.contract';
import {
  deferred,
  insufficientFunds,
  newPayoutInput,
  payoutEvent,
  PayoutMocks,
  prepareHarness,
  refusalOf,
  withPayoutWorker,
  type InputOf,
} from './support/payout-mocks';

const amountOn = (posting: InputOf<'postLedgerTransaction'>, account: string) => posting.entries.find((e) => e.account === account)?.amount;

describe('payout workflow (time-skipping, mocked activities)', function () {
  this.timeout(60_000);
  before(prepareHarness);

  it('reserves, sends with a deterministic key, and on the paid webhook posts the payout, in that order', async () => {
    const mocks = new PayoutMocks();
    const input = newPayoutInput({ amount: 2500, currency: 'eur', sellerId: 'sel_paid' });
    const id = input.payoutId;

    const { reserved, final } = await withPayoutWorker(mocks, async ({ startPayout }) => {
      const handle = await startPayout(input);
      const reserved = await handle.executeUpdate(awaitReservationUpdate);
      await mocks.called('savePayout', 2);
      await handle.signal(payoutEventSignal, payoutEvent({ kind: 'payout_paid', pspPayoutReference: `psp_${id}`, payoutId: id }));
      return { reserved, final: await handle.result() };
    });

    assert.equal(reserved.status, 'pending');
    assert.equal(reserved.version, 1);
    assert.equal(final?.status, 'paid');
    assert.equal(final?.pspPayoutReference, `psp_${id}`);
    assert.deepEqual(mocks.postingKeys(), [`payout:${id}:reserve`, `payout:${id}:paid`]);
    const [reserve, paid] = mocks.inputsOf('postLedgerTransaction');
    assert.equal(amountOn(reserve!, accounts.sellerAvailable('sel_paid')), 2500);
    assert.equal(amountOn(reserve!, accounts.sellerPayoutReserve('sel_paid')), -2500);
    assert.equal(amountOn(paid!, accounts.sellerPayoutReserve('sel_paid')), 2500);
    assert.equal(amountOn(paid!, accounts.settlementBank('stripe')), -2500);
    assert.ok(mocks.inputsOf('postLedgerTransaction').every((p) => p.entries.every((e) => e.currency === 'eur')));
    assert.deepEqual(mocks.inputsOf('sendPayout'), [
      { psp: 'stripe', payoutId: id, sellerId: 'sel_paid', amount: 2500, currency: 'eur', idempotencyKey: `${id}:send` },
    ]);
    assert.deepEqual(mocks.saved(), ['pending@1', 'in_transit@2', 'paid@3']);
    assert.deepEqual(mocks.events(), [`payout.paid payout:${id}:paid`]);
    const published = mocks.inputsOf('publishObjectEvent')[0]!;
    assert.equal(published.paymentId, null);
    assert.equal((published.object as { status: string }).status, 'paid');
  });

  it('ignores a failure from a PSP that is not the payout’s, even naming the payout and its reference', async () => {
    const mocks = new PayoutMocks();
    const input = newPayoutInput({ psp: 'stripe' });
    const id = input.payoutId;

    const final = await withPayoutWorker(mocks, async ({ startPayout }) => {
      const handle = await startPayout(input);
      await handle.executeUpdate(awaitReservationUpdate);
      await mocks.called('savePayout', 2);
      const foreign = { psp: 'adyen' as const, pspPayoutReference: `psp_${id}`, payoutId: id, failureCode: 'account_closed' };
      await handle.signal(payoutEventSignal, payoutEvent({ kind: 'payout_failed', ...foreign }));
      await handle.signal(payoutEventSignal, payoutEvent({ kind: 'payout_paid', pspPayoutReference: `psp_${id}`, payoutId: id }));
      return handle.result();
    });

    assert.equal(final?.status, 'paid');
    assert.deepEqual(mocks.postingKeys(), [`payout:${id}:reserve`, `payout:${id}:paid`]);
  });

  it('refuses a payout the balance cannot cover with balance_insufficient, and saves nothing', async () => {
    const mocks = new PayoutMocks({ postLedgerTransaction: async () => Promise.reject(insufficientFunds()) });
    const input = newPayoutInput();

    const { refusal, final } = await withPayoutWorker(mocks, async ({ startPayout }) => {
      const handle = await startPayout(input);
      const refusal = await refusalOf(handle.executeUpdate(awaitReservationUpdate), BALANCE_INSUFFICIENT);
      return { refusal, final: await handle.result() };
    });

    assert.equal(refusal.code, 'balance_insufficient');
    assert.equal(refusal.param, 'amount');
    assert.ok(refusal.message.length > 0);
    assert.equal(final, null);
    assert.equal(mocks.count('postLedgerTransaction'), 1, 'an overdraft refusal is not retried');
    assert.equal(mocks.count('savePayout'), 0);
    assert.equal(mocks.count('sendPayout'), 0);
    assert.equal(mocks.count('publishObjectEvent'), 0);
  });

  it('a payout the PSP answers failed returns the funds once and reports the PSP’s reason', async () => {
    const mocks = new PayoutMocks({
      sendPayout: async () => ({ outcome: 'failed', failureCode: 'account_closed', failureMessage: 'The bank account is closed.' }),
    });
    const input = newPayoutInput();
    const id = input.payoutId;

    const final = await withPayoutWorker(mocks, async ({ startPayout }) => (await startPayout(input)).result());

    assert.equal(final?.status, 'failed');
    assert.equal(final?.failureCode, 'account_closed');
    assert.equal(final?.failureMessage, 'The bank account is closed.');
    assert.deepEqual(mocks.postingKeys(), [`payout:${id}:reserve`, `payout:${id}:returned`]);
    const returned = mocks.inputsOf('postLedgerTransaction')[1]!;
    assert.equal(amountOn(returned, accounts.sellerPayoutReserve(input.sellerId)), 1000);
    assert.equal(amountOn(returned, accounts.sellerAvailable(input.sellerId)), -1000);
    assert.deepEqual(mocks.saved(), ['pending@1', 'failed@2']);
    assert.deepEqual(mocks.events(), [`payout.failed payout:${id}:failed`]);
  });

  it('a payout the PSP refuses outright fails with its code and returns the funds once', async () => {
    const mocks = new PayoutMocks({
      sendPayout: async () =>
        Promise.reject(
          ApplicationFailure.create({
            type: 'PspRequestRejected',
            message: 'No such destination.',
            nonRetryable: true,
            details: [{ code: 'invalid_destination' }],
          }),
        ),
    });
    const input = newPayoutInput();

    const final = await withPayoutWorker(mocks, async ({ startPayout }) => (await startPayout(input)).result());

    assert.equal(final?.status, 'failed');
    assert.equal(final?.failureCode, 'invalid_destination');
    assert.equal(mocks.count('sendPayout'), 1, 'a refusal is not retried');
    assert.deepEqual(mocks.postingKeys(), [`payout:${input.payoutId}:reserve`, `payout:${input.payoutId}:returned`]);
  });

  // PayoutPspNotConfigured is the name payouts raised before PspNotConfigured was one name for
  // every kind of call; a payout whose history holds it must end the same way.
  for (const type of ['PspNotConfigured', 'PayoutPspNotConfigured']) {
    it(`a payout for a PSP with no gateway here (${type}) fails with psp_not_configured, sent once, funds returned`, async () => {
      const mocks = new PayoutMocks({
        sendPayout: async () =>
          Promise.reject(ApplicationFailure.create({ type, message: 'no gateway configured for adyen', nonRetryable: true })),
      });
      const input = newPayoutInput();

      const final = await withPayoutWorker(mocks, async ({ startPayout }) => (await startPayout(input)).result());

      assert.equal(final?.status, 'failed');
      assert.equal(final?.failureCode, 'psp_not_configured');
      assert.equal(mocks.count('sendPayout'), 1);
      assert.deepEqual(mocks.postingKeys(), [`payout:${input.payoutId}:reserve`, `payout:${input.payoutId}:returned`]);
    });
  }

  it('retries an unanswered send under the same idempotency key', async () => {
    let attempts = 0;
    const mocks = new PayoutMocks({
      sendPayout: async (r) => {
        if (++attempts < 3) throw new Error('socket hang up');
        return { outcome: 'pending', pspPayoutReference: `psp_${r.payoutId}` };
      },
    });
    const input = newPayoutInput();

    const final = await withPayoutWorker(mocks, async ({ startPayout }) => {
      const handle = await startPayout(input);
      await mocks.called('sendPayout');
      await handle.signal(payoutEventSignal, payoutEvent({ kind: 'payout_paid', pspPayoutReference: `psp_${input.payoutId}` }));
      // Awaiting the result lets the test server skip the retries' backoff.
      return handle.result();
    });

    assert.equal(final?.status, 'paid');
    assert.deepEqual(
      mocks.inputsOf('sendPayout').map((r) => r.idempotencyKey),
      [1, 2, 3].map(() => `${input.payoutId}:send`),
    );
    assert.deepEqual(mocks.saved(), ['pending@1', 'in_transit@2', 'paid@3']);
  });

  it('a payout_failed webhook returns the funds once and reports the PSP’s reason', async () => {
    const mocks = new PayoutMocks();
    const input = newPayoutInput();
    const id = input.payoutId;
    const failed = payoutEvent({
      kind: 'payout_failed',
      pspPayoutReference: `psp_${id}`,
      failureCode: 'could_not_process',
      failureMessage: 'The bank refused.',
    });

    const final = await withPayoutWorker(mocks, async ({ startPayout }) => {
      const handle = await startPayout(input);
      await mocks.called('savePayout', 2);
      await handle.signal(payoutEventSignal, failed);
      return handle.result();
    });

    assert.equal(final?.status, 'failed');
    assert.equal(final?.failureCode, 'could_not_process');
    assert.equal(final?.failureMessage, 'The bank refused.');
    assert.deepEqual(mocks.postingKeys(), [`payout:${id}:reserve`, `payout:${id}:returned`]);
    assert.deepEqual(mocks.saved(), ['pending@1', 'in_transit@2', 'failed@3']);
    assert.deepEqual(mocks.events(), [`payout.failed payout:${id}:failed`]);
  });

  it('a webhook that arrives before the send is answered is not lost, and a duplicate of it is ignored', async () => {
    const answer = deferred();
    const mocks = new PayoutMocks({
      sendPayout: async (r) => {
        await answer.promise;
        return { outcome: 'pending', pspPayoutReference: `psp_${r.payoutId}` };
      },
    });
    const input = newPayoutInput();
    const id = input.payoutId;
    const paid = payoutEvent({ kind: 'payout_paid', pspPayoutReference: `psp_${id}`, payoutId: id });

    const final = await withPayoutWorker(mocks, async ({ startPayout }) => {
      const handle = await startPayout(input);
      await mocks.called('sendPayout');
      await handle.signal(payoutEventSignal, paid);
      await handle.signal(payoutEventSignal, paid);
      answer.resolve();
      return handle.result();
    });

    assert.equal(final?.status, 'paid');
    assert.deepEqual(mocks.postingKeys(), [`payout:${id}:reserve`, `payout:${id}:paid`]);
    assert.deepEqual(mocks.saved(), ['pending@1', 'in_transit@2', 'paid@3']);
    assert.deepEqual(mocks.events(), [`payout.paid payout:${id}:paid`]);
  });

  describe('above the approval threshold', () => {
    const bigPayout = () => newPayoutInput({ amount: 50_000, approvalThreshold: 10_000 });

    it('waits for approval before sending, records who approved, and refuses a second approval or a cancel after it', async () => {
      const mocks = new PayoutMocks();
      const input = bigPayout();

      const outcome = await withPayoutWorker(mocks, async ({ env, startPayout }) => {
        const handle = await startPayout(input);
        const reserved = await handle.executeUpdate(awaitReservationUpdate);
        // A day of workflow time: still nobody approved, so nothing was sent.
        await env.sleep('1 day');
        const sentBeforeApproval = mocks.count('sendPayout');
        const approved = await handle.executeUpdate(approvePayoutUpdate, { args: [{ approvedBy: 'key_finance' }] });
        const second = await refusalOf(
          handle.executeUpdate(approvePayoutUpdate, { args: [{ approvedBy: 'key_other' }] }),
          PAYOUT_REQUEST_REFUSED,
        );
        const cancelAfter = await refusalOf(handle.executeUpdate(cancelPayoutUpdate), PAYOUT_REQUEST_REFUSED);
        await mocks.called('savePayout', 3);
        await handle.signal(payoutEventSignal, payoutEvent({ kind: 'payout_paid', pspPayoutReference: `psp_${input.payoutId}` }));
        return { reserved, sentBeforeApproval, approved, second, cancelAfter, final: await handle.result() };
      });

      assert.equal(outcome.reserved.status, 'requires_approval');
      assert.equal(outcome.sentBeforeApproval, 0);
      assert.equal(outcome.approved.approvedBy, 'key_finance');
      assert.ok(outcome.approved.approvedAt);
      assert.equal(outcome.second.code, 'payout_not_awaiting_approval');
      assert.equal(outcome.cancelAfter.code, 'payout_not_awaiting_approval');
      assert.equal(outcome.final?.status, 'paid');
      assert.equal(outcome.final?.approvedBy, 'key_finance');
      assert.equal(mocks.count('sendPayout'), 1);
      assert.deepEqual(mocks.saved(), ['requires_approval@1', 'pending@2', 'in_transit@3', 'paid@4']);
    });

    it('a canceled payout returns the funds once and is never sent', async () => {
      const mocks = new PayoutMocks();
      const input = bigPayout();
      const id = input.payoutId;

      const { canceled, final } = await withPayoutWorker(mocks, async ({ startPayout }) => {
        const handle = await startPayout(input);
        await handle.executeUpdate(awaitReservationUpdate);
        const canceled = await handle.executeUpdate(cancelPayoutUpdate);
        return { canceled, final: await handle.result() };
      });

      assert.equal(canceled.status, 'canceled');
      assert.equal(final?.status, 'canceled');
      assert.equal(mocks.count('sendPayout'), 0);
      assert.deepEqual(mocks.postingKeys(), [`payout:${id}:reserve`, `payout:${id}:returned`]);
      assert.deepEqual(mocks.saved(), ['requires_approval@1', 'canceled@2']);
      assert.deepEqual(mocks.events(), [`payout.canceled payout:${id}:canceled`]);
    });
  });

  it('refuses to approve or cancel a payout that never needed approval', async () => {
    const mocks = new PayoutMocks();
    const input = newPayoutInput({ amount: 500, approvalThreshold: 10_000 });

    const refusals = await withPayoutWorker(mocks, async ({ startPayout }) => {
      const handle = await startPayout(input);
      await handle.executeUpdate(awaitReservationUpdate);
      return [
        await refusalOf(handle.executeUpdate(approvePayoutUpdate, { args: [{ approvedBy: 'key_finance' }] }), PAYOUT_REQUEST_REFUSED),
        await refusalOf(handle.executeUpdate(cancelPayoutUpdate), PAYOUT_REQUEST_REFUSED),
      ];
    });

    assert.deepEqual(
      refusals.map((r) => r.code),
      ['payout_not_awaiting_approval', 'payout_not_awaiting_approval'],
    );
    assert.equal(mocks.count('postLedgerTransaction'), 1, 'only the reservation');
  });
});
