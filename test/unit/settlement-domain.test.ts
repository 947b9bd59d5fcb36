import assert from 'node:assert/strict';
import { assertValidPosting, differenceFix, settlement, unmatchedChargeReceived, unmatchedChargeReturned } from '../../domain/ledger';
import { buildBatchFile } from '../../domain/settlement/batch-file';
import { businessDateOf, dateClosedAt, dayBounds, isBusinessDate, previousDate } from '../../domain/settlement/business-date';
import { settlementId, settlementWorkflowId } from '../../contracts/settlement.contract';

describe('business dates', () => {
  it('accepts only real calendar dates', () => {
    assert.equal(isBusinessDate('2026-11-21'), true);
    assert.equal(isBusinessDate('2028-02-29'), true);
    assert.equal(isBusinessDate('2026-02-29'), false);
    assert.equal(isBusinessDate('2026-13-01'), false);
    assert.equal(isBusinessDate('21.11.2026'), false);
  });

  it('reads the date in the platform time zone, not UTC', () => {
    const instant = new Date('2026-11-21T23:30:00Z');
    assert.equal(businessDateOf(instant, 'UTC'), '2026-11-21');
    assert.equal(businessDateOf(instant, 'Europe/Berlin'), '2026-11-22');
    assert.equal(businessDateOf(instant, 'America/New_York'), '2026-11-21');
  });

  it('bounds a day at local midnight, also on a 23-hour DST day', () => {
    const { start, end } = dayBounds('2026-11-21', 'Europe/Berlin');
    assert.equal(start.toISOString(), '2026-11-20T23:00:00.000Z');
    assert.equal(end.toISOString(), '2026-11-21T23:00:00.000Z');
    const spring = dayBounds('2026-03-29', 'Europe/Berlin');
    assert.equal(spring.end.getTime() - spring.start.getTime(), 23 * 3600_000);
  });

  it('a cut-off before noon closes the day before, one from noon on closes the same day', () => {
    const run = new Date('2026-11-22T00:30:00Z');
    assert.equal(dateClosedAt(run, '00:30', 'UTC'), '2026-11-21');
    assert.equal(dateClosedAt(new Date('2026-11-22T22:00:00Z'), '22:00', 'UTC'), '2026-11-22');
    assert.equal(previousDate('2026-03-01'), '2026-02-28');
  });
});

describe('batch file', () => {
  it('writes header, details and a trailer whose gross nets refunds and ignores voids', () => {
    const file = buildBatchFile(
      { batchId: 'stb_1', psp: 'stripe', merchantId: 'mer_1', currency: 'usd', createdAt: '2026-11-21T10:00:00.000Z' },
      [
        { itemId: 'sti_1', kind: 'capture', pspReference: 'pi_1', amount: 1000 },
        { itemId: 'sti_2', kind: 'refund', pspReference: 'pi_1', amount: 300 },
        { itemId: 'sti_3', kind: 'void', pspReference: 'pi_2', amount: 500 },
      ],
    );
    assert.equal(
      file,
      'H,stb_1,stripe,mer_1,usd,2026-11-21T10:00:00.000Z\nD,sti_1,capture,pi_1,1000\nD,sti_2,refund,pi_1,300\nD,sti_3,void,pi_2,500\nT,3,700\n',
    );
  });

  it('refuses a field that would break the file', () => {
    assert.throws(() =>
      buildBatchFile({ batchId: 'stb_1', psp: 'stripe', merchantId: 'mer,1', currency: 'usd', createdAt: 'x' }, [
        { itemId: 'sti_1', kind: 'capture', pspReference: 'pi_1', amount: 1 },
      ]),
    );
  });
});

describe('settlement and reconciliation postings', () => {
  const sum = (entries: { amount: number }[]) => entries.reduce((s, e) => s + e.amount, 0);

  it('a settled capture moves the receivable to the bank less the fee, and the merchant share to available', () => {
    const posting = settlement({
      ledgerTransactionId: 'ltx_1',
      psp: 'stripe',
      merchantId: 'mer_1',
      paymentId: 'pay_1',
      currency: 'usd',
      receivable: 10_000,
      merchantShare: 9_900,
      fee: 320,
    });
    assert.equal(posting.postingKey, 'settlement:ltx_1');
    assert.deepEqual(Object.fromEntries(posting.entries.map((e) => [e.account, e.amount])), {
      'bank:stripe:settlement': 9_680,
      'psp:stripe:fees': 320,
      'psp:stripe:receivable': -10_000,
      'merchant:mer_1:pending': 9_900,
      'merchant:mer_1:available': -9_900,
    });
  });

  it('a settled refund takes money out of the bank and out of available', () => {
    const posting = settlement({
      ledgerTransactionId: 'ltx_2',
      psp: 'adyen',
      merchantId: 'mer_1',
      paymentId: 'pay_1',
      refundId: 're_1',
      currency: 'eur',
      receivable: -2_500,
      merchantShare: -2_500,
      fee: 0,
    });
    assert.deepEqual(Object.fromEntries(posting.entries.map((e) => [e.account, e.amount])), {
      'bank:adyen:settlement': -2_500,
      'psp:adyen:receivable': 2_500,
      'merchant:mer_1:pending': -2_500,
      'merchant:mer_1:available': 2_500,
    });
  });

  it('an unmatched charge goes through suspense and back, with no merchant', () => {
    const charge = { psp: 'stripe', pspReference: 'pi_x', currency: 'usd', amount: 1234 };
    const received = unmatchedChargeReceived(charge);
    const returned = unmatchedChargeReturned(charge);
    assert.equal(received.merchantId, null);
    assert.notEqual(received.postingKey, returned.postingKey);
    assert.equal(sum([...received.entries, ...returned.entries].filter((e) => e.account === 'platform:suspense')), 0);
  });

  it('difference fixes book amounts against the receivable and fees against the bank', () => {
    const amount = differenceFix({ postingKey: 'k1', psp: 'stripe', currency: 'usd', difference: 500, of: 'amount', action: 'write_off' });
    assert.deepEqual(
      amount.entries.map((e) => [e.account, e.amount]),
      [
        ['psp:stripe:receivable', 500],
        ['platform:write_offs', -500],
      ],
    );
    const fee = differenceFix({ postingKey: 'k2', psp: 'adyen', currency: 'eur', difference: 7, of: 'fee', action: 'adjust_ledger' });
    assert.deepEqual(
      fee.entries.map((e) => [e.account, e.amount]),
      [
        ['psp:adyen:fees', 7],
        ['bank:adyen:settlement', -7],
      ],
    );
    assert.throws(() =>
      differenceFix({ postingKey: 'k3', psp: 'stripe', currency: 'usd', difference: 0, of: 'amount', action: 'write_off' }),
    );
  });

  it('a platform posting may not touch a merchant account', () => {
    assert.throws(() =>
      assertValidPosting({
        postingKey: 'bad',
        kind: 'reconciliation',
        merchantId: null,
        paymentId: null,
        entries: [
          { account: 'merchant:mer_1:available', amount: 1, currency: 'usd' },
          { account: 'platform:suspense', amount: -1, currency: 'usd' },
        ],
      }),
    );
  });
});

describe('settlement runs', () => {
  it("a date's first run keeps the ids it always had; a supplementary run adds its number", () => {
    assert.equal(settlementId('stripe', '2026-11-21'), 'stl_20261121_stripe');
    assert.equal(settlementId('stripe', '2026-11-21', 1), 'stl_20261121_stripe');
    assert.equal(settlementId('adyen', '2026-11-21', 3), 'stl_20261121_adyen_r3');
    assert.equal(settlementWorkflowId('q', 'stripe', '2026-11-21'), 'settlement-q-stripe-2026-11-21');
    assert.equal(settlementWorkflowId('q', 'stripe', '2026-11-21', 2), 'settlement-q-stripe-2026-11-21-r2');
  });
});
