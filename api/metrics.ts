// Prometheus metrics, one registry per app so several apps in one process (tests) don't clash.
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface HttpMetrics {
  registry: Registry;
  observe(method: string, route: string, status: number, seconds: number): void;
}

export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'holdfast_' });
  const duration = new Histogram({
    name: 'holdfast_http_request_duration_seconds',
    help: 'API request latency by route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    observe: (method, route, status, seconds) => duration.observe({ method, route, status: String(status) }, seconds),
  };
}
