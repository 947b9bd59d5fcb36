// The one table of which scope each merchant route needs (domain/scopes.ts), by method and path
// as the OpenAPI document spells them. A merchant route missing here is refused to every
// restricted key (it fails closed), and test/integration/api-keys.test.ts walks the app's
// routes so a new one cannot be forgotten. Finance's routes need the finance role instead.
import { UNRESTRICTED, type RouteScope } from '../domain/scopes';

export const ROUTE_SCOPES: Record<string, RouteScope> = {
  'GET /v1/payments': 'payments:read',
  'POST /v1/payments': 'payments:write',
  'GET /v1/payments/{id}': 'payments:read',
  'POST /v1/payments/{id}/capture': 'payments:write',
  'POST /v1/payments/{id}/cancel': 'payments:write',
  'POST /v1/payments/{id}/confirm': 'payments:write',
  'POST /v1/payments/{id}/refunds': 'refunds:write',
  'GET /v1/refunds/{id}': 'refunds:read',
  'GET /v1/refunds': 'refunds:read',
  'GET /v1/payments/{id}/refunds': 'refunds:read',
  'GET /v1/balance': 'balance:read',
  'GET /v1/ledger/transactions': 'balance:read',
  'GET /v1/routing_rules': 'routing_rules:read',
  'PUT /v1/routing_rules': 'routing_rules:write',
  'GET /v1/psps': 'psps:read',
  'GET /v1/exceptions': 'exceptions:read',
  'GET /v1/webhook_endpoints': 'webhook_endpoints:read',
  'POST /v1/webhook_endpoints': 'webhook_endpoints:write',
  'GET /v1/webhook_endpoints/{id}': 'webhook_endpoints:read',
  'POST /v1/webhook_endpoints/{id}': 'webhook_endpoints:write',
  'DELETE /v1/webhook_endpoints/{id}': 'webhook_endpoints:write',
  'POST /v1/webhook_endpoints/{id}/rotate_secret': 'webhook_endpoints:write',
  'GET /v1/events': 'events:read',
  'GET /v1/events/{id}': 'events:read',
  'POST /v1/events/{id}/redeliver': 'events:write',
  'GET /v1/sellers': 'sellers:read',
  'POST /v1/sellers': 'sellers:write',
  'GET /v1/sellers/{id}': 'sellers:read',
  'POST /v1/sellers/{id}': 'sellers:write',
  'GET /v1/sellers/{id}/balance': 'sellers:read',
  'GET /v1/payouts': 'payouts:read',
  'POST /v1/payouts': 'payouts:write',
  'GET /v1/payouts/{id}': 'payouts:read',
  'POST /v1/payouts/{id}/cancel': 'payouts:write',
  'GET /v1/disputes': 'disputes:read',
  'GET /v1/disputes/{id}': 'disputes:read',
  'POST /v1/disputes/{id}/evidence': 'disputes:write',
  // The account's own defaults (routing, descriptor) are managed like its keys.
  'GET /v1/settings': UNRESTRICTED,
  'POST /v1/settings': UNRESTRICTED,
  'GET /v1/api_keys': UNRESTRICTED,
  'POST /v1/api_keys': UNRESTRICTED,
  'GET /v1/api_keys/{id}': UNRESTRICTED,
  'POST /v1/api_keys/{id}/roll': UNRESTRICTED,
  'POST /v1/api_keys/{id}/revoke': UNRESTRICTED,
};

interface CompiledRoute {
  method: string;
  /** Matched the way Express matches a route: case-insensitive, an optional trailing slash. */
  pattern: RegExp;
  scope: RouteScope;
}

const COMPILED: CompiledRoute[] = Object.entries(ROUTE_SCOPES).map(([name, scope]) => {
  const [method, template] = name.split(' ') as [string, string];
  const source = template.replace(/\{\w+\}/g, '[^/]+');
  return { method, pattern: new RegExp(`^${source}/?$`, 'i'), scope };
});

/** The scope a request needs, or undefined for a route the table does not list. */
export function scopeFor(method: string, path: string): RouteScope | undefined {
  // Express answers HEAD with the GET route.
  const asked = method === 'HEAD' ? 'GET' : method;
  return COMPILED.find((route) => route.method === asked && route.pattern.test(path))?.scope;
}
