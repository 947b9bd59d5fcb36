// PSP gateways that report each call to the worker's metrics: latency and outcome per
// operation, and each authorization's business outcome. A decorator at the gateway, so the
// adapters and activities stay as they are and every call path (payments, payouts, disputes,
// reconciliation's reports) is measured alike.
import type { AuthorizeResult, PspGateway } from '../domain/psp-gateway';
import type { PspGateways } from './gateways';
import type { WorkerMetrics } from '../telemetry/worker-metrics';

/** Calls whose result is an authorization's outcome. */
const AUTHORIZING = new Set(['authorize', 'completeAction']);

export function instrumentedGateways(gateways: PspGateways, metrics: WorkerMetrics): PspGateways {
  return Object.fromEntries(Object.entries(gateways).map(([psp, gateway]) => [psp, instrumented(gateway, metrics)]));
}

function instrumented(gateway: PspGateway, metrics: WorkerMetrics): PspGateway {
  const psp = gateway.name;
  const wrapped: Record<string, unknown> = { name: psp };
  for (const operation of Object.keys(gateway) as Array<keyof PspGateway>) {
    const call = gateway[operation];
    if (typeof call !== 'function') continue;
    wrapped[operation] = async (...args: unknown[]) => {
      const started = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
      try {
        const result = await (call as (...a: unknown[]) => Promise<unknown>).apply(gateway, args);
        metrics.observePspCall(psp, operation, 'ok', seconds());
        if (AUTHORIZING.has(operation)) metrics.countAuthorization(psp, (result as AuthorizeResult).outcome);
        return result;
      } catch (error) {
        metrics.observePspCall(psp, operation, 'error', seconds());
        if (AUTHORIZING.has(operation)) metrics.countAuthorization(psp, 'error');
        throw error;
      }
    };
  }
  return wrapped as unknown as PspGateway;
}
