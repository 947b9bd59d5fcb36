// Both PSPs' settlement reports fetched from the simulator through the real gateways (Stripe's
// SDK with auto-pagination, Adyen's CSV over HTTP), as the worker builds them: what a capture
// and a refund made through the same gateways look like in each report, and what each of the
// simulator's report faults becomes once classified.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { PspGateway } from '../../domain/psp-gateway';
import { loadConfig } from '../../config/config';
import type { PspName } from '../../domain/psp';
import { classify } from '../../domain/reconciliation/classify';
import type { KnownPayment, OurRecord } from '../../domain/reconciliation/records';
import type { ReportLine } from '../../domain/reconciliation/types';
import { businessDateOf, dayBounds } from '../../domain/settlement/business-date';
import { settlementFee } from '../../sim/fees';
import { type RunningSimulator, startSimulator } from '../../sim/server';
import { simulatorClient } from '../support/simulator-client';
import { buildPspGateways } from '../../psp/gateways';
import { simulatorWiring } from '../../sim/wiring';

const CURRENCY: Record<PspName, string> = { stripe: 'usd', adyen: 'eur' };

interface Made {
  paymentId: string;
  pspReference: string;
  captured: number;
  refundId: string;
  refundReference: string;
  refunded: number;
}

describe('settlement reports from the simulator, through the real gateways', function () {
  this.timeout(60_000);

  let sim: RunningSimulator;
  let gateways: Partial<Record<PspName, PspGateway>>;
  const startedAt = new Date();

  before(async () => {
    sim = await startSimulator();
    gateways = buildPspGateways(simulatorWiring(loadConfig({ LOG_LEVEL: 'silent' }), sim), 15_000);
  });
  after(() => sim.close());

  /** Authorizes, captures and partly refunds a payment at the PSP, as a payment workflow would. */
  async function payAndRefund(psp: PspName, amount: number): Promise<Made> {
    const gateway = gateways[psp]!;
    const paymentId = `pay_${randomUUID().replaceAll('-', '')}`;
    const refundId = `rfd_${randomUUID().replaceAll('-', '')}`;
    const currency = CURRENCY[psp];
    const authorized = await gateway.authorize({
      paymentId,
      merchantId: 'mer_reports',
      amount,
      currency,
      paymentMethod: 'pm_card_visa',
      idempotencyKey: `${paymentId}:authorize`,
      returnUrl: 'https://shop.example/return',
    });
    assert.equal(authorized.outcome, 'authorized');
    const pspReference = authorized.pspReference!;
    await gateway.capture({ pspReference, amount, currency, idempotencyKey: `${paymentId}:capture` });
    const refunded = Math.floor(amount / 4);
    const refund = await gateway.refund({ pspReference, amount: refunded, currency, refundId, idempotencyKey: `${refundId}:refund` });
    assert.notEqual(refund.outcome, 'failed');
    return { paymentId, pspReference, captured: amount, refundId, refundReference: refund.pspRefundReference, refunded };
  }

  /** Today's report (and yesterday's, should the test straddle midnight UTC). */
  function report(psp: PspName) {
    const start = dayBounds(businessDateOf(startedAt, 'UTC'), 'UTC').start;
    const end = dayBounds(businessDateOf(new Date(), 'UTC'), 'UTC').end;
    return gateways[psp]!.fetchSettlementReport({ start, end });
  }

  /** Our side for payments made here, as the ledger would have booked them. */
  function ourSide(psp: PspName, made: Made[]): { records: OurRecord[]; payments: KnownPayment[] } {
    const currency = CURRENCY[psp];
    const base = { merchantId: 'mer_reports', currency, paymentStatus: 'captured' as const };
    return {
      records: made.flatMap((m) => [
        {
          ...base,
          ledgerTransactionId: `ltx_c_${m.paymentId}`,
          kind: 'capture' as const,
          paymentId: m.paymentId,
          paymentReference: m.pspReference,
          amount: m.captured,
        },
        {
          ...base,
          ledgerTransactionId: `ltx_r_${m.paymentId}`,
          kind: 'refund' as const,
          paymentId: m.paymentId,
          refundId: m.refundId,
          paymentReference: m.pspReference,
          refundReference: m.refundReference,
          amount: m.refunded,
        },
      ]),
      payments: made.map((m) => ({
        paymentId: m.paymentId,
        merchantId: 'mer_reports',
        psp,
        status: 'captured' as const,
        pspReference: m.pspReference,
        amount: m.captured,
        currency,
      })),
    };
  }

  for (const psp of ['stripe', 'adyen'] as const) {
    describe(psp, () => {
      const made: Made[] = [];

      before(async () => {
        // Two payments, so the faults below have lines to pick from.
        made.push(await payAndRefund(psp, 5000), await payAndRefund(psp, 1234));
      });

      it('shows a capture and a refund with our references, exact amounts and the PSP’s fee', async () => {
        const { lines, raw } = await report(psp);
        const [first] = made;
        const capture = lines.find((l) => l.kind === 'capture' && l.paymentReference === first!.pspReference);
        assert.ok(capture, `no capture line for ${first!.pspReference} in ${JSON.stringify(lines)}`);
        assert.deepEqual(
          [capture.merchantReference, capture.amount, capture.currency, capture.fee],
          [first!.paymentId, 5000, CURRENCY[psp], settlementFee(psp, 'capture', CURRENCY[psp], 5000)],
        );
        const refund = lines.find((l) => l.kind === 'refund' && l.modificationReference === first!.refundReference);
        assert.ok(refund, `no refund line ${first!.refundReference}`);
        assert.deepEqual([refund.paymentReference, refund.amount, refund.currency], [first!.pspReference, 1250, CURRENCY[psp]]);
        assert.ok(raw.includes(first!.pspReference), 'the raw report names the payment');
      });

      it('classifies cleanly against what the ledger booked', async () => {
        const { lines } = await report(psp);
        const result = classify({ psp, tolerance: 0, lines, elsewhere: [], autoRefunded: [], ...ourSide(psp, made) });
        assert.deepEqual(result.findings, []);
        assert.equal(result.matched, 4);
      });

      for (const [fault, expected] of [
        ['amount_off', 'amount_mismatch'],
        ['duplicate', 'duplicate_line'],
        ['missing', 'missing_at_psp'],
        ['extra', 'unmatched_charge'],
      ] as const) {
        it(`the ${fault} report fault is classified as ${expected}`, async () => {
          await simulatorClient(sim.url).control({ action: 'report_fault', kind: fault, psp });
          const { lines } = await report(psp);
          const result = classify({ psp, tolerance: 0, lines, elsewhere: [], autoRefunded: [], ...ourSide(psp, made) });
          assert.deepEqual(
            result.findings.map((f) => f.kind),
            [expected],
            `findings: ${JSON.stringify(result.findings.map((f) => [f.kind, f.subject]))}`,
          );
          if (expected === 'amount_mismatch') {
            assert.deepEqual('difference' in result.findings[0]! && result.findings[0].difference, {
              amount: 500,
              currency: CURRENCY[psp],
              of: 'amount',
            });
          }
        });
      }

      it('the extra payment of the fault above is a real charge at the PSP: reconciliation can refund it', async () => {
        const { lines } = await report(psp);
        const ours = new Set(made.map((m) => m.pspReference));
        const extra = lines.find((l: ReportLine) => l.kind === 'capture' && !ours.has(l.paymentReference));
        assert.ok(extra, 'the extra charge is not in the report');
        const refund = await gateways[psp]!.refund({
          pspReference: extra.paymentReference,
          amount: extra.amount,
          currency: extra.currency,
          refundId: 'rfd_unmatched_test',
          idempotencyKey: `reconciliation-${psp}-${extra.paymentReference}-refund`,
        });
        assert.notEqual(refund.outcome, 'failed');
      });
    });
  }
});
