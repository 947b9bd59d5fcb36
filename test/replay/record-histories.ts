// Records the event histories that the replay test replays against the current workflow
// code. Run it when a workflow change is *meant* to be incompatible (and guarded with
// patched()), or to add a scenario:  node --import tsx test/replay/record-histories.ts [name…]
// Named scenarios only are recorded when names are given. A history already recorded is never
// overwritten: it is the shape of the code that ran then, and payments of that shape may still
// be in flight. The payment scenarios are recorded as `hot-path-<name>`; the files without the
// prefix hold the shape from before the hot path (activities only) and stay as they are.
import { sql } from 'drizzle-orm';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureTemporalCli } from '../../devtools/temporal-tools';
import { disputeWorkflowId } from '../../contracts/dispute.contract';
import { paymentWorkflowId } from '../../contracts/payment.contract';
import { payoutScheduleWorkflowId } from '../../contracts/payout-schedule.contract';
import { payoutWorkflowId } from '../../contracts/payout.contract';
import { reconciliationWorkflowId } from '../../contracts/reconciliation.contract';
import { settlementWorkflowId } from '../../contracts/settlement.contract';
import { eventually } from '../support/eventually';
import { financeClient, reconcile, settle, today } from '../support/settlement';
import { simulatorClient } from '../support/simulator-client';
import { startTestStack, type TestStack } from '../support/stack';
import { runTeardown } from '../support/teardown';
import { sharedTemporal } from '../support/temporal';

const PAYMENT_SCENARIOS: Record<string, Array<{ path: (id: string) => string; body: object }>> = {
  'automatic-capture-then-refunds': [
    { path: () => '/v1/payments', body: { amount: 5000, currency: 'usd', payment_method: 'pm_card_visa' } },
    { path: (id) => `/v1/payments/${id}/refunds`, body: { amount: 1500 } },
    { path: (id) => `/v1/payments/${id}/refunds`, body: {} },
  ],
  'manual-partial-capture': [
    { path: () => '/v1/payments', body: { amount: 9000, currency: 'eur', payment_method: 'pm_card_visa', capture_method: 'manual' } },
    { path: (id) => `/v1/payments/${id}/capture`, body: { amount: 4000 } },
  ],
  'manual-cancel': [
    { path: () => '/v1/payments', body: { amount: 300, currency: 'jpy', payment_method: 'pm_card_visa', capture_method: 'manual' } },
    { path: (id) => `/v1/payments/${id}/cancel`, body: {} },
  ],
  declined: [{ path: () => '/v1/payments', body: { amount: 100, currency: 'usd', payment_method: 'pm_card_chargeDeclined' } }],
  'flaky-psp': [{ path: () => '/v1/payments', body: { amount: 777, currency: 'usd', payment_method: 'pm_sim_flaky' } }],
  'adyen-capture-then-refund': [
    { path: () => '/v1/payments', body: { amount: 6400, currency: 'eur', payment_method: 'pm_card_visa', psp: 'adyen' } },
    { path: (id) => `/v1/payments/${id}/refunds`, body: { amount: 400 } },
  ],
  'three-d-secure-canceled': [
    { path: () => '/v1/payments', body: { amount: 1200, currency: 'usd', payment_method: 'pm_card_threeDSecure2Required' } },
    { path: (id) => `/v1/payments/${id}/cancel`, body: {} },
  ],
  // Recorded once the sale patch was in: automatic capture as one call at Stripe.
  'sale-then-refunds': [
    { path: () => '/v1/payments', body: { amount: 5100, currency: 'usd', payment_method: 'pm_card_visa' } },
    { path: (id) => `/v1/payments/${id}/refunds`, body: { amount: 1100 } },
  ],
  'sale-three-d-secure-canceled': [
    { path: () => '/v1/payments', body: { amount: 1300, currency: 'usd', payment_method: 'pm_card_threeDSecure2Required' } },
    { path: (id) => `/v1/payments/${id}/cancel`, body: {} },
  ],
  'risk-blocked': [
    {
      path: () => '/v1/payments',
      body: { amount: 1200, currency: 'usd', payment_method: 'pm_card_visa', customer: { email: 'x@risk-block.test' } },
    },
  ],
};

const scenarios = Object.fromEntries(Object.entries(PAYMENT_SCENARIOS).map(([name, steps]) => [`hot-path-${name}`, steps]));

/**
 * A captured payment settled after one transient rejection, then reconciled; then another
 * payment settled by a supplementary run of the date. The `in-pages` and `in-activities` files
 * are the same runs after the settlement-in-pages and reconciliation-in-activities patches;
 * the files without them hold the shape from before and stay as they are.
 */
const SETTLEMENT_SCENARIOS = [
  'captured-then-settled',
  'settlement-with-resubmission',
  'reconciliation-after-settlement',
  'settlement-in-pages-with-resubmission',
  'reconciliation-in-activities-after-settlement',
  'settlement-in-pages-supplementary-run',
  'reconciliation-in-activities-with-fix',
  'reconciliation-in-activities-with-exception',
];

/** A split payment refunded in part, settled; its seller paid out; a dispute won after evidence; a schedule ended. */
const MARKETPLACE_SCENARIOS = ['split-payment-refunded', 'payout-paid', 'dispute-won-after-evidence', 'payout-schedule-ended'];

async function main() {
  const wanted = process.argv.slice(2);
  const selected = (name: string) => wanted.length === 0 || wanted.includes(name);
  // Transient rejections are sent again after a second, not after the default 15 minutes.
  const stack = await startTestStack({ env: { SETTLEMENT_RESUBMIT_SECONDS: '1' } });
  const { address, namespace } = await sharedTemporal();
  const cli = await ensureTemporalCli();
  // The CLI's JSON export: the same format the Web UI downloads and `holdfast replay` reads.
  const save = (name: string, workflowId: string) => {
    const file = path.join(__dirname, 'histories', `${name}.json`);
    if (existsSync(file)) {
      console.log(`kept ${file}: recorded before, never overwritten`);
      return;
    }
    const history = execFileSync(cli, [
      'workflow',
      'show',
      '--output',
      'json',
      '--address',
      address,
      '--namespace',
      namespace,
      '--workflow-id',
      workflowId,
    ]);
    writeFileSync(file, `${JSON.stringify(JSON.parse(history.toString()), null, 1)}\n`);
    console.log(`recorded ${file}`);
  };
  try {
    const { api } = await stack.merchant();
    for (const [name, steps] of Object.entries(scenarios).filter(([name]) => selected(name))) {
      let paymentId = '';
      for (const step of steps) {
        const answer = await api.post(step.path(paymentId), step.body);
        if (answer.status >= 300) throw new Error(`${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
        paymentId ||= answer.body.id;
      }
      save(name, paymentWorkflowId(paymentId));
    }
    if (SETTLEMENT_SCENARIOS.some(selected)) await recordSettlement(stack, save);
    // Its own stack: it settles today's date too, which a stack does once.
    if (MARKETPLACE_SCENARIOS.some(selected)) await recordMarketplace(save);
  } finally {
    await stack.stop();
    await runTeardown();
  }
}

async function recordSettlement(stack: TestStack, save: (name: string, workflowId: string) => void) {
  const { api } = await stack.merchant();
  const payment = await api.post('/v1/payments', { amount: 2500, currency: 'usd', payment_method: 'pm_card_visa', psp: 'stripe' });
  if (payment.body.status !== 'captured') throw new Error(`settlement scenario: ${JSON.stringify(payment.body)}`);
  await simulatorClient(stack.simUrl).acquirerReject(payment.body.psp_reference, true, 1);
  const [settlement] = await settle(await financeClient(stack), { date: today(), psp: 'stripe' });
  save('captured-then-settled', paymentWorkflowId(payment.body.id));
  save('settlement-with-resubmission', settlementWorkflowId(stack.config.temporal.taskQueue, 'stripe', today()));
  save('settlement-in-pages-with-resubmission', settlementWorkflowId(stack.config.temporal.taskQueue, 'stripe', today()));
  const { rows } = await stack.db.execute<{ id: string }>(
    sql`select id from reconciliation_runs where business_date = ${settlement.date} and psp = 'stripe'`,
  );
  save('reconciliation-after-settlement', reconciliationWorkflowId(rows[0]!.id));
  save('reconciliation-in-activities-after-settlement', reconciliationWorkflowId(rows[0]!.id));

  const later = await api.post('/v1/payments', { amount: 1500, currency: 'usd', payment_method: 'pm_card_visa', psp: 'stripe' });
  if (later.body.status !== 'captured') throw new Error(`settlement scenario: ${JSON.stringify(later.body)}`);
  await settle(await financeClient(stack), { date: today(), psp: 'stripe' });
  save('settlement-in-pages-supplementary-run', settlementWorkflowId(stack.config.temporal.taskQueue, 'stripe', today(), 2));

  // A charge that is no payment of ours (an automatic fix), then a capture left out (an exception).
  const sim = simulatorClient(stack.simUrl);
  const finance = await financeClient(stack);
  await sim.reportFault('extra', 'stripe');
  const fixed = await reconcile(finance, { date: today(), psp: 'stripe' });
  save('reconciliation-in-activities-with-fix', reconciliationWorkflowId(fixed.id));
  await sim.reportFault('missing', 'stripe');
  const raised = await reconcile(finance, { date: today(), psp: 'stripe' });
  save('reconciliation-in-activities-with-exception', reconciliationWorkflowId(raised.id));
}

async function recordMarketplace(save: (name: string, workflowId: string) => void) {
  const stack = await startTestStack();
  try {
    const { api } = await stack.merchant();
    const sim = simulatorClient(stack.simUrl);
    const ok = async (path: string, body: object) => {
      const answer = await api.post(path, body);
      if (answer.status >= 300) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    const seller = await ok('/v1/sellers', { name: 'Seller' });
    const payment = await ok('/v1/payments', {
      amount: 9_001,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      psp: 'stripe',
      splits: [{ seller: seller.id, amount: 6_000 }],
    });
    await ok(`/v1/payments/${payment.id}/refunds`, { amount: 1_001 });
    await settle(await financeClient(stack), { date: today(), psp: 'stripe' });
    save('split-payment-refunded', paymentWorkflowId(payment.id));

    const payout = await ok('/v1/payouts', { seller: seller.id, amount: 1_000, currency: 'usd' });
    await stack.client.workflow.getHandle(payoutWorkflowId(payout.id)).result();
    save('payout-paid', payoutWorkflowId(payout.id));

    await sim.dispute(payment.psp_reference, { amount: 2_000 });
    const dispute = await eventually('the dispute', async () => (await api.get(`/v1/disputes?payment=${payment.id}`)).body.data[0]);
    await ok(`/v1/disputes/${dispute.id}/evidence`, { text: 'Delivered and signed for.' });
    await sim.disputeOutcome(payment.psp_reference, 'won');
    await stack.client.workflow.getHandle(disputeWorkflowId(dispute.id)).result();
    save('dispute-won-after-evidence', disputeWorkflowId(dispute.id));

    const scheduled = await ok('/v1/sellers', { name: 'Weekly seller', payout_schedule: { interval: 'weekly', minimum_amount: 100 } });
    await ok(`/v1/sellers/${scheduled.id}`, { payout_schedule: { interval: 'manual' } });
    await stack.client.workflow.getHandle(payoutScheduleWorkflowId(scheduled.id)).result();
    save('payout-schedule-ended', payoutScheduleWorkflowId(scheduled.id));
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
