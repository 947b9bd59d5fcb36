import assert from 'node:assert/strict';
import type { AuthorizeRequest, PspGateway } from '../../domain/psp-gateway';
import { instrumentedGateways } from '../../psp/instrumented-gateways';
import type { WorkerMetrics } from '../../telemetry/worker-metrics';

function recorder() {
  const calls: string[] = [];
  const authorizations: string[] = [];
  const metrics: WorkerMetrics = {
    registry: undefined as never,
    observePspCall: (psp, operation, outcome, seconds) => {
      assert.ok(seconds >= 0);
      calls.push(`${psp} ${operation} ${outcome}`);
    },
    countAuthorization: (psp, outcome) => authorizations.push(`${psp} ${outcome}`),
  };
  return { metrics, calls, authorizations };
}

const request = {} as AuthorizeRequest;

describe('PSP gateways report each call to the worker metrics', () => {
  it("counts an authorization by its outcome and times it; a refusal's error is counted and still thrown", async () => {
    const { metrics, calls, authorizations } = recorder();
    const refused = new Error('refused');
    let answer: 'declined' | 'throw' = 'declined';
    const gateway = {
      name: 'stripe',
      authorize: async () => {
        if (answer === 'throw') throw refused;
        return { outcome: 'declined', failureCode: 'card_declined', failureMessage: 'declined' };
      },
      capture: async () => ({ outcome: 'captured', amountCaptured: 1 }),
    } as unknown as PspGateway;
    const { stripe } = instrumentedGateways({ stripe: gateway }, metrics);

    assert.deepEqual(await stripe!.authorize(request), { outcome: 'declined', failureCode: 'card_declined', failureMessage: 'declined' });
    answer = 'throw';
    await assert.rejects(stripe!.authorize(request), (error) => error === refused);
    await stripe!.capture({ pspReference: 'pi_1', amount: 1, currency: 'usd', idempotencyKey: 'k' });

    assert.deepEqual(calls, ['stripe authorize ok', 'stripe authorize error', 'stripe capture ok']);
    assert.deepEqual(authorizations, ['stripe declined', 'stripe error'], 'a capture is no authorization');
    assert.equal(stripe!.name, 'stripe');
  });
});
