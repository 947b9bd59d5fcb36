// Which PSPs a new payment goes to, in the order the workflow tries them (it moves to the
// next only when a PSP was not reached). Pure and workflow-safe: the routing activity loads
// the merchant's rules and the breakers and hands them to these functions.
import type { PspName } from './psp';

export interface RoutingTarget {
  psp: PspName;
  /** Relative share of first attempts among the rule's weighted PSPs; absent = failover only. */
  weight?: number;
}

/** Currencies are lower-case ISO 4217 codes on both sides; amounts are minor units. */
export interface RoutingRule {
  /** null matches every currency. */
  currency: string | null;
  /** Inclusive bounds; null = unbounded. */
  minAmount: number | null;
  maxAmount: number | null;
  psps: RoutingTarget[];
}

export interface RoutedPayment {
  currency: string;
  amount: number;
}

/** The first rule, in the order given (by position), whose currency and amount range match. */
export function matchingRule(rules: readonly RoutingRule[], payment: RoutedPayment): RoutingRule | undefined {
  return rules.find(
    (rule) =>
      (rule.currency === null || rule.currency === payment.currency) &&
      (rule.minAmount === null || payment.amount >= rule.minAmount) &&
      (rule.maxAmount === null || payment.amount <= rule.maxAmount),
  );
}

/** The matching rule's PSPs, else the configured default, in failover order without weights. */
export function routingTargets(rules: readonly RoutingRule[], payment: RoutedPayment, defaultPsps: readonly PspName[]): RoutingTarget[] {
  const rule = matchingRule(rules, payment);
  if (rule) return rule.psps;
  return [...new Set(defaultPsps)].map((psp) => ({ psp }));
}

/**
 * The candidates in the order to try them:
 * - PSPs whose breaker is open are left out, unless every one is: then all are tried in
 *   order, because refusing every payment would turn a partial PSP outage (or a breaker that
 *   has not noticed a recovery yet) into a total one;
 * - among the rest, a weighted pick comes first, then the others in rule order. The pick is
 *   seeded by the payment id, so a retried or replayed routing decision picks the same PSP.
 *   Weights share traffic among the PSPs that are up, as the rule says.
 */
export function orderCandidates(targets: readonly RoutingTarget[], paymentId: string, isUp: (psp: PspName) => boolean): PspName[] {
  const up = targets.filter((target) => isUp(target.psp));
  const pool = up.length > 0 ? up : targets;
  const first = weightedPick(pool, paymentId);
  const psps = pool.map((target) => target.psp);
  return first === undefined ? psps : [first, ...psps.filter((psp) => psp !== first)];
}

/** A PSP drawn among the weighted targets in proportion to their weights; undefined without weights. */
function weightedPick(targets: readonly RoutingTarget[], seed: string): PspName | undefined {
  const weighted = targets.filter((target) => (target.weight ?? 0) > 0);
  const total = weighted.reduce((sum, target) => sum + target.weight!, 0);
  if (total === 0) return undefined;
  // The hash's top bits scaled to [0, total): no modulo bias worth speaking of for small totals.
  let point = Math.floor((stableHash(seed) / 2 ** 32) * total);
  for (const target of weighted) {
    point -= target.weight!;
    if (point < 0) return target.psp;
  }
  return weighted[weighted.length - 1]!.psp;
}

/**
 * A 32-bit hash that is the same on every machine and in the workflow sandbox: FNV-1a over
 * UTF-16 code units, then murmur3's finalizer so ids differing in their last character
 * still land far apart.
 */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
