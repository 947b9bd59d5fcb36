// Records the event histories that the replay test replays against the current workflow
// code. Run it when a workflow change is *meant* to be incompatible (and guarded with
// patched()), or to add a scenario:  node --import tsx test/replay/record-histories.ts [name…]
// Named scenarios only are recorded when names are given; the others keep their histories.
import { sql } from 'drizzle-orm';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureTemporalCli } from '../../devtools/temporal-tools';
import { paymentWorkflowId } from '../../workflows/payment.contract';
import { reconciliationWorkflowId } from '../../workflows/reconciliation.contract';
import { settlementWorkflowId } from '../../workflows/settlement.contract';
import { financeClient, settle, today } from '../support/settlement';
import { simulatorClient } from '../support/simulator-client';
import { startTestStack, type TestStack } from '../support/stack';
import { runTeardown } from '../support/teardown';
import { sharedTemporal } from '../support/temporal';

const scenarios: Record<string, Array<{ path: (id: string) => string; body: object }>> = {
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
  'risk-blocked': [
    { path: () => '/v1/payments', body: { amount: 1200, currency: 'usd', payment_method: 'pm_card_visa', customer: { email: 'x@risk-block.test' } } },
  ],
};

/** A captured payment settled after one transient rejection, then reconciled. */
const SETTLEMENT_SCENARIOS = ['captured-then-settled', 'settlement-with-resubmission', 'reconciliation-after-settlement'];

async function main() {
  const wanted = process.argv.slice(2);
  const selected = (name: string) => wanted.length === 0 || wanted.includes(name);
  // Transient rejections are sent again after a second, not after the default 15 minutes.
  const stack = await startTestStack({ env: { SETTLEMENT_RESUBMIT_SECONDS: '1' } });
  const { address, namespace } = await sharedTemporal();
  const cli = await ensureTemporalCli();
  // The CLI's JSON export: the same format the Web UI downloads and `holdfast replay` reads.
  const save = (name: string, workflowId: string) => {
    const history = execFileSync(cli, [
      'workflow', 'show', '--output', 'json', '--address', address, '--namespace', namespace, '--workflow-id', workflowId,
    ]);
    const file = path.join(__dirname, 'histories', `${name}.json`);
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
  const { rows } = await stack.db.execute<{ id: string }>(
    sql`select id from reconciliation_runs where business_date = ${settlement.date} and psp = 'stripe'`,
  );
  save('reconciliation-after-settlement', reconciliationWorkflowId(rows[0]!.id));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
