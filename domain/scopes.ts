// What a restricted API key may do: per resource, `read` or `write` (as Stripe's restricted
// keys: write includes read), and the `read_only` preset for every read. An unrestricted key
// (scopes null) has every scope, including ones added later, and alone manages keys.
// Which scope each route needs is api/route-scopes.ts.

const RESOURCES_WITH_WRITE = [
  'payments',
  'refunds',
  'sellers',
  'payouts',
  'disputes',
  'routing_rules',
  'webhook_endpoints',
  'events',
] as const;
const READ_ONLY_RESOURCES = ['balance', 'psps', 'exceptions'] as const;

export const SCOPES = [
  ...RESOURCES_WITH_WRITE.flatMap((resource) => [`${resource}:read`, `${resource}:write`] as const),
  ...READ_ONLY_RESOURCES.map((resource) => `${resource}:read` as const),
];
export type Scope = (typeof SCOPES)[number];

export const READ_ONLY = 'read_only';
/** What a request may name: a scope or the preset. */
export const SCOPE_NAMES = [...SCOPES, READ_ONLY] as const;
export type ScopeName = (typeof SCOPE_NAMES)[number];

/** What only an unrestricted key may do (manage keys); no restricted key can be granted it. */
export const UNRESTRICTED = 'unrestricted';
export type RouteScope = Scope | typeof UNRESTRICTED;

/** The scopes a list of names grants, expanded and sorted: the preset, and each write's read. */
export function grantedScopes(names: readonly ScopeName[]): Scope[] {
  const granted = new Set<Scope>();
  for (const name of names) {
    if (name === READ_ONLY) {
      for (const scope of SCOPES) if (scope.endsWith(':read')) granted.add(scope);
      continue;
    }
    granted.add(name);
    if (name.endsWith(':write')) granted.add(name.replace(/:write$/, ':read') as Scope);
  }
  return SCOPES.filter((scope) => granted.has(scope));
}

/** Whether a key with `scopes` (null = unrestricted) may do what `needed` names. */
export function allows(scopes: readonly string[] | null, needed: RouteScope): boolean {
  if (scopes === null) return true;
  return needed !== UNRESTRICTED && scopes.includes(needed);
}
