// Stripe's balance transactions read into report lines, and their fetch through the SDK:
// the range in Unix seconds, the expanded sources, and every page.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { fetchStripeSettlementReport, reportLineFromBalanceTransaction } from '../../psp/stripe/settlement-report';
import { UnmappableStripeResponseError } from '../../psp/stripe/mappers';

/** Shaped like Stripe's own example (specs/stripe/fixtures3.json), with the source expanded. */
function balanceTransaction(fields: Partial<Stripe.BalanceTransaction>): Stripe.BalanceTransaction {
  return {
    id: 'txn_1',
    object: 'balance_transaction',
    amount: 1099,
    available_on: 1_795_305_600,
    created: 1_795_258_800,
    currency: 'usd',
    description: null,
    exchange_rate: null,
    fee: 62,
    fee_details: [],
    net: 1037,
    reporting_category: 'charge',
    source: null,
    status: 'pending',
    type: 'charge',
    ...fields,
  } as Stripe.BalanceTransaction;
}

const charge = {
  id: 'ch_1',
  object: 'charge',
  payment_intent: 'pi_1',
  metadata: { holdfast_payment_id: 'pay_1', holdfast_merchant_id: 'mer_1' },
} as unknown as Stripe.Charge;

const refund = {
  id: 're_1',
  object: 'refund',
  charge: 'ch_1',
  payment_intent: 'pi_1',
  metadata: { holdfast_refund_id: 'rfd_1' },
} as unknown as Stripe.Refund;

describe('Stripe settlement report', () => {
  it("reads ISK in krónur: Stripe's hundredths of gross and fee are converted, a fractional krona refused", () => {
    const line = reportLineFromBalanceTransaction(balanceTransaction({ currency: 'isk', amount: 123_400, fee: 3_600, source: charge }));
    assert.deepEqual([line.amount, line.fee, line.currency], [1_234, 36, 'isk']);
    const refunded = reportLineFromBalanceTransaction(
      balanceTransaction({ type: 'refund', currency: 'isk', amount: -3_400, fee: -100, source: refund }),
    );
    assert.deepEqual([refunded.kind, refunded.amount, refunded.fee], ['refund', 34, -1]);
    const payout = reportLineFromBalanceTransaction(balanceTransaction({ type: 'payout', currency: 'isk', amount: -70_000, fee: 0 }));
    assert.deepEqual([payout.kind, payout.amount, payout.fee], ['other', 700, 0]);
    assert.throws(
      () => reportLineFromBalanceTransaction(balanceTransaction({ currency: 'isk', amount: 123_450, fee: 3_600, source: charge })),
      UnmappableStripeResponseError,
    );
    assert.throws(
      () => reportLineFromBalanceTransaction(balanceTransaction({ currency: 'isk', amount: 123_400, fee: 3_650, source: charge })),
      UnmappableStripeResponseError,
    );
  });

  it('reads a charge as a capture of its PaymentIntent, with our payment id from the charge metadata', () => {
    assert.deepEqual(reportLineFromBalanceTransaction(balanceTransaction({ source: charge })), {
      lineId: 'txn_1',
      kind: 'capture',
      paymentReference: 'pi_1',
      modificationReference: 'ch_1',
      merchantReference: 'pay_1',
      amount: 1099,
      fee: 62,
      currency: 'usd',
      createdAt: new Date(1_795_258_800_000).toISOString(),
    });
  });

  it('reads a refund as a refund of its PaymentIntent with its own id and a positive amount', () => {
    const line = reportLineFromBalanceTransaction(
      balanceTransaction({ id: 'txn_2', type: 'refund', amount: -400, fee: 0, currency: 'eur', source: refund }),
    );
    assert.deepEqual(
      {
        kind: line.kind,
        paymentReference: line.paymentReference,
        modificationReference: line.modificationReference,
        amount: line.amount,
        currency: line.currency,
      },
      { kind: 'refund', paymentReference: 'pi_1', modificationReference: 're_1', amount: 400, currency: 'eur' },
    );
    assert.equal(line.merchantReference, undefined);
  });

  it('upper-case currencies become lower-case', () => {
    assert.equal(reportLineFromBalanceTransaction(balanceTransaction({ currency: 'USD', source: charge })).currency, 'usd');
  });

  it('reads a charge made without a PaymentIntent (not by holdfast) by its own id, so it is an unmatched charge, not a failed report', () => {
    const line = reportLineFromBalanceTransaction(
      balanceTransaction({ source: { ...charge, payment_intent: null, metadata: {} } as Stripe.Charge }),
    );
    assert.equal(line.paymentReference, 'ch_1');
    assert.equal(line.merchantReference, undefined);
  });

  it('keeps payouts and Stripe’s own fees as `other` lines', () => {
    for (const type of ['payout', 'stripe_fee', 'adjustment'] as const) {
      const line = reportLineFromBalanceTransaction(balanceTransaction({ type, amount: -5000, source: 'po_1' }));
      assert.equal(line.kind, 'other');
    }
  });

  it('refuses a charge whose source was not expanded', () => {
    assert.throws(() => reportLineFromBalanceTransaction(balanceTransaction({ source: 'ch_1' })), UnmappableStripeResponseError);
  });

  describe('fetching through the SDK', () => {
    let server: Server;
    const queries: URLSearchParams[] = [];

    before(async () => {
      // Two pages: Stripe's list envelope with has_more, continued by starting_after.
      server = createServer((req, res) => {
        const url = new URL(req.url!, 'http://stripe.test');
        queries.push(url.searchParams);
        const second = url.searchParams.get('starting_after') === 'txn_a';
        const data = second
          ? [balanceTransaction({ id: 'txn_b', type: 'refund', amount: -400, fee: 0, source: refund })]
          : [balanceTransaction({ id: 'txn_a', source: charge })];
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', url: '/v1/balance_transactions', has_more: !second, data }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('asks for [start, end) in Unix seconds with sources expanded, and follows every page', async () => {
      const { port } = server.address() as AddressInfo;
      const stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
      const report = await fetchStripeSettlementReport(stripe, {
        start: new Date('2026-11-21T00:00:00Z'),
        end: new Date('2026-11-22T00:00:00Z'),
      });
      assert.deepEqual(
        report.lines.map((l) => [l.lineId, l.kind]),
        [
          ['txn_a', 'capture'],
          ['txn_b', 'refund'],
        ],
      );
      const first = queries[0]!;
      assert.equal(first.get('created[gte]'), String(Date.parse('2026-11-21T00:00:00Z') / 1000));
      assert.equal(first.get('created[lt]'), String(Date.parse('2026-11-22T00:00:00Z') / 1000));
      assert.equal(first.get('limit'), '100');
      assert.equal(first.get('expand[0]'), 'data.source');
      assert.equal(queries[1]?.get('starting_after'), 'txn_a');
      assert.deepEqual(
        (JSON.parse(report.raw) as Array<{ id: string }>).map((t) => t.id),
        ['txn_a', 'txn_b'],
      );
    });
  });
});
