// The reconciliation classifier, rule by rule: which report lines pair with which records,
// what a disagreement becomes (category, kind, subject, difference), and where the tolerance
// draws the line between written off and handed to a person.
import assert from 'node:assert/strict';
import { classify, type ClassifyInput } from '../../domain/reconciliation/classify';
import type { Finding } from '../../domain/reconciliation/findings';
import type { KnownPayment, OurRecord } from '../../domain/reconciliation/records';
import type { ReportLine } from '../../domain/reconciliation/types';

function captureLine(fields: Partial<ReportLine> = {}): ReportLine {
  return {
    lineId: 'txn_1',
    kind: 'capture',
    paymentReference: 'pi_1',
    modificationReference: 'ch_1',
    merchantReference: 'pay_1',
    amount: 1000,
    fee: 59,
    currency: 'usd',
    createdAt: '2026-11-21T10:00:00.000Z',
    ...fields,
  };
}

function refundLine(fields: Partial<ReportLine> = {}): ReportLine {
  return {
    lineId: 'txn_r1',
    kind: 'refund',
    paymentReference: 'pi_1',
    modificationReference: 're_1',
    amount: 400,
    fee: 0,
    currency: 'usd',
    createdAt: '2026-11-21T12:00:00.000Z',
    ...fields,
  };
}

function capture(fields: Partial<OurRecord> = {}): OurRecord {
  return {
    ledgerTransactionId: 'ltx_capture_1',
    kind: 'capture',
    paymentId: 'pay_1',
    merchantId: 'mer_1',
    paymentReference: 'pi_1',
    amount: 1000,
    currency: 'usd',
    paymentStatus: 'captured',
    ...fields,
  };
}

function refund(fields: Partial<OurRecord> = {}): OurRecord {
  return {
    ledgerTransactionId: 'ltx_refund_1',
    kind: 'refund',
    paymentId: 'pay_1',
    refundId: 'rfd_1',
    merchantId: 'mer_1',
    paymentReference: 'pi_1',
    refundReference: 're_1',
    amount: 400,
    currency: 'usd',
    paymentStatus: 'captured',
    ...fields,
  };
}

function payment(fields: Partial<KnownPayment> = {}): KnownPayment {
  return {
    paymentId: 'pay_1',
    merchantId: 'mer_1',
    psp: 'stripe',
    status: 'captured',
    pspReference: 'pi_1',
    amount: 1000,
    currency: 'usd',
    ...fields,
  };
}

function run(input: Partial<ClassifyInput>) {
  return classify({ psp: 'stripe', tolerance: 0, lines: [], records: [], elsewhere: [], payments: [], autoRefunded: [], ...input });
}

/** Findings reduced to what the rules decide, for compact assertions. */
function summary(findings: Finding[]) {
  return findings.map((f) => ({
    category: f.category,
    kind: f.kind,
    subject: f.subject,
    ...('difference' in f ? { difference: f.difference } : {}),
    ...('reason' in f ? { reason: f.reason } : {}),
  }));
}

describe('reconciliation classifier', () => {
  describe('a capture line and our capture', () => {
    it('pair by PSP reference and, agreeing, count as matched with no finding', () => {
      const result = run({ lines: [captureLine()], records: [capture()], payments: [payment()] });
      assert.deepEqual(result.findings, []);
      assert.equal(result.matched, 1);
    });

    it('in different currencies are unclassified (category 3), not an amount difference', () => {
      const result = run({ lines: [captureLine({ currency: 'eur' })], records: [capture()], payments: [payment()] });
      assert.deepEqual(summary(result.findings), [{ category: 3, kind: 'unclassified', subject: 'pi_1', reason: 'currency_mismatch' }]);
      assert.equal(result.matched, 0);
    });

    it('more than the tolerance apart are an amount_mismatch for a person, difference = PSP − ours', () => {
      const result = run({ tolerance: 5, lines: [captureLine({ amount: 994 })], records: [capture()], payments: [payment()] });
      assert.deepEqual(summary(result.findings), [
        { category: 2, kind: 'amount_mismatch', subject: 'pi_1', difference: { amount: -6, currency: 'usd', of: 'amount' } },
      ]);
    });

    it('exactly the tolerance apart are a small_difference written off automatically (category 1)', () => {
      const result = run({ tolerance: 5, lines: [captureLine({ amount: 1005 })], records: [capture()], payments: [payment()] });
      assert.deepEqual(summary(result.findings), [
        { category: 1, kind: 'small_difference', subject: 'pi_1:amount', difference: { amount: 5, currency: 'usd', of: 'amount' } },
      ]);
      assert.equal(result.matched, 0);
    });

    it('with a tolerance of 0, one minor unit apart is already for a person', () => {
      const result = run({ tolerance: 0, lines: [captureLine({ amount: 1001 })], records: [capture()], payments: [payment()] });
      assert.deepEqual(
        summary(result.findings).map((f) => [f.category, f.kind]),
        [[2, 'amount_mismatch']],
      );
    });

    it('compare fees only once the acquirer accepted the item with a fee', () => {
      const pending = run({
        lines: [captureLine({ fee: 80 })],
        records: [capture({ settlement: { status: 'submitted', fee: null } })],
        payments: [payment()],
      });
      assert.deepEqual(pending.findings, []);

      const accepted = run({
        tolerance: 10,
        lines: [captureLine({ fee: 80 })],
        records: [capture({ settlement: { status: 'accepted', fee: 59 } })],
        payments: [payment()],
      });
      assert.deepEqual(summary(accepted.findings), [
        { category: 2, kind: 'fee_mismatch', subject: 'pi_1', difference: { amount: 21, currency: 'usd', of: 'fee' } },
      ]);
    });

    it('a fee difference within the tolerance is a small_difference of the fee', () => {
      const result = run({
        tolerance: 10,
        lines: [captureLine({ fee: 49 })],
        records: [capture({ settlement: { status: 'accepted', fee: 59 } })],
        payments: [payment()],
      });
      assert.deepEqual(summary(result.findings), [
        { category: 1, kind: 'small_difference', subject: 'pi_1:fee', difference: { amount: -10, currency: 'usd', of: 'fee' } },
      ]);
    });

    it('an amount and a fee difference on one line are two findings with different subjects', () => {
      const result = run({
        tolerance: 3,
        lines: [captureLine({ amount: 1002, fee: 61 })],
        records: [capture({ settlement: { status: 'accepted', fee: 59 } })],
        payments: [payment()],
      });
      assert.deepEqual(
        result.findings.map((f) => f.subject),
        ['pi_1:amount', 'pi_1:fee'],
      );
    });

    it('pair even when our capture was booked on another date, and explain its missing_at_psp there', () => {
      const result = run({ lines: [captureLine()], records: [], elsewhere: [capture()], payments: [payment()] });
      assert.deepEqual(result.findings, []);
      assert.equal(result.matched, 1);
      assert.deepEqual(result.explainedElsewhere, ['pi_1']);
    });

    it('booked elsewhere still compare amounts', () => {
      const result = run({ lines: [captureLine({ amount: 900 })], elsewhere: [capture()], payments: [payment()] });
      assert.deepEqual(
        summary(result.findings).map((f) => f.kind),
        ['amount_mismatch'],
      );
    });
  });

  describe('a capture line without a capture of ours', () => {
    it('for an undecided payment found by reference is settled_while_processing (category 1)', () => {
      for (const status of ['processing', 'requires_action'] as const) {
        const result = run({ lines: [captureLine()], payments: [payment({ status })] });
        assert.deepEqual(summary(result.findings), [{ category: 1, kind: 'settled_while_processing', subject: 'pi_1' }]);
        const [finding] = result.findings;
        assert.equal(finding?.kind === 'settled_while_processing' && finding.payment.paymentId, 'pay_1');
      }
    });

    it('finds an undecided payment whose reference we never learned by our payment id', () => {
      const result = run({
        lines: [captureLine({ paymentReference: 'pi_unknown_to_us', merchantReference: 'pay_1' })],
        payments: [payment({ status: 'processing', pspReference: undefined })],
      });
      assert.deepEqual(summary(result.findings), [{ category: 1, kind: 'settled_while_processing', subject: 'pi_unknown_to_us' }]);
    });

    it('found by our id but with another reference at the PSP is unclassified: it is another charge', () => {
      const result = run({
        lines: [captureLine({ paymentReference: 'pi_other', merchantReference: 'pay_1' })],
        payments: [payment({ status: 'processing', pspReference: 'pi_1' })],
      });
      assert.deepEqual(summary(result.findings), [
        { category: 3, kind: 'unclassified', subject: 'pi_other', reason: 'reference_mismatch' },
      ]);
    });

    it('found by our id at another PSP is unclassified', () => {
      const result = run({
        lines: [captureLine({ paymentReference: 'pi_x', merchantReference: 'pay_1' })],
        payments: [payment({ psp: 'adyen', pspReference: undefined, status: 'processing' })],
      });
      assert.deepEqual(
        summary(result.findings).map((f) => 'reason' in f && f.reason),
        ['reference_mismatch'],
      );
    });

    it('for an undecided payment but more than it asked for is unclassified', () => {
      const result = run({ lines: [captureLine({ amount: 1001 })], payments: [payment({ status: 'processing' })] });
      assert.deepEqual(summary(result.findings), [
        { category: 3, kind: 'unclassified', subject: 'pi_1', reason: 'settlement_exceeds_payment' },
      ]);
    });

    it('for a failed or canceled payment is unclassified (category 3)', () => {
      for (const status of ['failed', 'canceled', 'authorized'] as const) {
        const result = run({ lines: [captureLine()], payments: [payment({ status })] });
        assert.deepEqual(summary(result.findings), [{ category: 3, kind: 'unclassified', subject: 'pi_1', reason: 'no_capture_booked' }]);
      }
    });

    it('that no payment of ours explains is an unmatched_charge (category 1)', () => {
      const line = captureLine({ paymentReference: 'pi_stranger', merchantReference: undefined });
      const result = run({ lines: [line] });
      assert.deepEqual(summary(result.findings), [{ category: 1, kind: 'unmatched_charge', subject: 'pi_stranger' }]);
    });

    it('that a run already refunded is matched, not refunded again', () => {
      const result = run({ lines: [captureLine({ paymentReference: 'pi_stranger' })], autoRefunded: ['pi_stranger'] });
      assert.deepEqual(result.findings, []);
      assert.equal(result.matched, 1);
    });
  });

  describe('refund lines', () => {
    it('pair with our refund by the refund reference and compare the amount as it moves the receivable', () => {
      const agreeing = run({ lines: [refundLine()], records: [refund()] });
      assert.deepEqual(agreeing.findings, []);
      assert.equal(agreeing.matched, 1);

      // The PSP refunded 50 more than we booked: it owes us 50 less.
      const larger = run({ lines: [refundLine({ amount: 450 })], records: [refund()] });
      assert.deepEqual(summary(larger.findings), [
        { category: 2, kind: 'amount_mismatch', subject: 're_1', difference: { amount: -50, currency: 'usd', of: 'amount' } },
      ]);
    });

    it('fall back to a refund of the same payment and amount when ours has no PSP reference yet', () => {
      const result = run({ lines: [refundLine()], records: [refund({ refundReference: undefined })] });
      assert.deepEqual(result.findings, []);
      assert.equal(result.matched, 1);
    });

    it('never fall back onto a refund whose own reference is a different one', () => {
      const result = run({ lines: [refundLine({ modificationReference: 're_2' })], records: [refund()] });
      assert.deepEqual(
        summary(result.findings).map((f) => [f.kind, f.subject]),
        [
          ['unclassified', 're_2'],
          ['missing_at_psp', 're_1'],
        ],
      );
    });

    it('of a charge reconciliation refunded are matched', () => {
      const result = run({
        lines: [refundLine({ paymentReference: 'pi_stranger', modificationReference: 're_9' })],
        autoRefunded: ['pi_stranger'],
      });
      assert.deepEqual(result.findings, []);
      assert.equal(result.matched, 1);
    });

    it('that nothing explains are unclassified (category 3)', () => {
      const result = run({ lines: [refundLine()] });
      assert.deepEqual(summary(result.findings), [{ category: 3, kind: 'unclassified', subject: 're_1', reason: 'unknown_refund' }]);
    });
  });

  describe('duplicates', () => {
    it('match the first line and report the extra ones as one duplicate_line with +amount per extra', () => {
      const lines = [captureLine(), captureLine({ lineId: 'txn_2' }), captureLine({ lineId: 'txn_3' })];
      const result = run({ lines, records: [capture()], payments: [payment()] });
      assert.deepEqual(summary(result.findings), [
        { category: 3, kind: 'duplicate_line', subject: 'pi_1', difference: { amount: 2000, currency: 'usd', of: 'amount' } },
      ]);
      assert.equal(result.matched, 1);
    });

    it('of a refund take from the receivable, and are keyed by the refund reference', () => {
      const result = run({ lines: [refundLine(), refundLine({ lineId: 'txn_r2' })], records: [refund()] });
      assert.deepEqual(summary(result.findings), [
        { category: 3, kind: 'duplicate_line', subject: 're_1', difference: { amount: -400, currency: 'usd', of: 'amount' } },
      ]);
    });

    it('a capture and a refund of one payment are not duplicates of each other', () => {
      const result = run({ lines: [captureLine(), refundLine()], records: [capture(), refund()], payments: [payment()] });
      assert.deepEqual(result.findings, []);
      assert.equal(result.matched, 2);
    });
  });

  describe('our records the report does not show', () => {
    it('are missing_at_psp (category 2): −amount for a capture, +amount for a refund, keyed by their PSP reference', () => {
      const result = run({ records: [capture(), refund()] });
      assert.deepEqual(summary(result.findings), [
        { category: 2, kind: 'missing_at_psp', subject: 'pi_1', difference: { amount: -1000, currency: 'usd', of: 'amount' } },
        { category: 2, kind: 'missing_at_psp', subject: 're_1', difference: { amount: 400, currency: 'usd', of: 'amount' } },
      ]);
    });

    it('a refund the PSP never referenced is known by our refund id', () => {
      const result = run({ records: [refund({ refundReference: undefined })] });
      assert.deepEqual(
        result.findings.map((f) => f.subject),
        ['rfd_1'],
      );
    });

    it('records of other dates are never missing: they belong to their own date', () => {
      const result = run({ elsewhere: [capture()] });
      assert.deepEqual(result.findings, []);
    });
  });

  it('counts other lines (fees, payouts) without matching them', () => {
    const result = run({ lines: [captureLine({ kind: 'other', paymentReference: '', lineId: 'txn_po' })] });
    assert.deepEqual(result.findings, []);
    assert.equal(result.matched, 0);
  });

  it('names every finding the same way on a rerun', () => {
    const input: Partial<ClassifyInput> = {
      tolerance: 2,
      lines: [
        captureLine({ amount: 1001 }),
        captureLine({ lineId: 'txn_9', paymentReference: 'pi_stranger', merchantReference: undefined }),
        refundLine({ modificationReference: 're_x' }),
      ],
      records: [capture(), refund({ ledgerTransactionId: 'ltx_r2', refundReference: 're_missing' })],
      payments: [payment()],
    };
    assert.deepEqual(summary(run(input).findings), summary(run(input).findings));
    assert.deepEqual(
      run(input)
        .findings.map((f) => `${f.kind}/${f.subject}`)
        .sort(),
      ['missing_at_psp/re_missing', 'small_difference/pi_1:amount', 'unclassified/re_x', 'unmatched_charge/pi_stranger'],
    );
  });
});
