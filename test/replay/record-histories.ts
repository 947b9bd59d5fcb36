// Records the event histories that the replay test replays against the current workflow
// code. Run it when a workflow change is *meant* to be incompatible (and guarded with
// patched()), or to add a scenario:  node --import tsx test/replay/record-histories.ts
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureTemporalCli } from '../../devtools/temporal-tools';
import { paymentWorkflowId } from '../../workflows/payment.contract';
import { startTestStack } from '../support/stack';
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

async function main() {
  const stack = await startTestStack();
  const { address, namespace } = await sharedTemporal();
  const cli = await ensureTemporalCli();
  try {
    const { api } = await stack.merchant();
    for (const [name, steps] of Object.entries(scenarios)) {
      let paymentId = '';
      for (const step of steps) {
        const answer = await api.post(step.path(paymentId), step.body);
        if (answer.status >= 300) throw new Error(`${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
        paymentId ||= answer.body.id;
      }
      // The CLI's JSON export: the same format the Web UI downloads and `holdfast replay` reads.
      const history = execFileSync(cli, [
        'workflow', 'show', '--output', 'json', '--address', address, '--namespace', namespace,
        '--workflow-id', paymentWorkflowId(paymentId),
      ]);
      const file = path.join(__dirname, 'histories', `${name}.json`);
      writeFileSync(file, `${JSON.stringify(JSON.parse(history.toString()), null, 1)}\n`);
      console.log(`recorded ${file}`);
    }
  } finally {
    await stack.stop();
    await runTeardown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
