import assert from 'node:assert/strict';
import { circuitState } from '../../domain/circuit-breaker';
import type { PspName } from '../../domain/psp';
import { matchingRule, orderCandidates, routingTargets, type RoutingRule, type RoutingTarget } from '../../domain/routing';

const rule = (fields: Partial<RoutingRule> & { psps: RoutingTarget[] }): RoutingRule => ({
  currency: null,
  minAmount: null,
  maxAmount: null,
  ...fields,
});
const allUp = () => true;
const ids = (count: number) => Array.from({ length: count }, (_, i) => `pay_${i.toString(36)}x${(i * 7919).toString(16)}`);

describe('routing', () => {
  describe('rule matching', () => {
    const eurSmall = rule({ currency: 'eur', maxAmount: 5_000, psps: [{ psp: 'adyen' }] });
    const eurAny = rule({ currency: 'eur', psps: [{ psp: 'stripe' }, { psp: 'adyen' }] });
    const anyLarge = rule({ minAmount: 100_000, psps: [{ psp: 'adyen' }, { psp: 'stripe' }] });

    it('takes the first rule by position that matches, not the most specific', () => {
      assert.equal(matchingRule([eurAny, eurSmall], { currency: 'eur', amount: 100 }), eurAny);
      assert.equal(matchingRule([eurSmall, eurAny], { currency: 'eur', amount: 100 }), eurSmall);
    });

    it('includes both ends of an amount range', () => {
      const range = rule({ minAmount: 1_000, maxAmount: 2_000, psps: [{ psp: 'adyen' }] });
      assert.equal(matchingRule([range], { currency: 'usd', amount: 1_000 }), range);
      assert.equal(matchingRule([range], { currency: 'usd', amount: 2_000 }), range);
      assert.equal(matchingRule([range], { currency: 'usd', amount: 999 }), undefined);
      assert.equal(matchingRule([range], { currency: 'usd', amount: 2_001 }), undefined);
    });

    it('matches any currency when the rule has none, and only its own otherwise', () => {
      assert.equal(matchingRule([anyLarge], { currency: 'jpy', amount: 100_000 }), anyLarge);
      assert.equal(matchingRule([eurSmall], { currency: 'usd', amount: 100 }), undefined);
    });

    it("uses the matching rule's PSPs, else the configured default in its order", () => {
      assert.deepEqual(routingTargets([eurSmall], { currency: 'eur', amount: 10 }, ['stripe']), [{ psp: 'adyen' }]);
      assert.deepEqual(routingTargets([eurSmall], { currency: 'usd', amount: 10 }, ['stripe', 'adyen']), [
        { psp: 'stripe' },
        { psp: 'adyen' },
      ]);
      assert.deepEqual(routingTargets([], { currency: 'usd', amount: 10 }, ['adyen', 'stripe', 'adyen']), [
        { psp: 'adyen' },
        { psp: 'stripe' },
      ]);
    });
  });

  describe('candidate order', () => {
    it('keeps rule order when no PSP is weighted', () => {
      for (const id of ids(20)) {
        assert.deepEqual(orderCandidates([{ psp: 'adyen' }, { psp: 'stripe' }], id, allUp), ['adyen', 'stripe']);
      }
    });

    it('picks the same PSP for the same payment id every time', () => {
      const targets: RoutingTarget[] = [
        { psp: 'stripe', weight: 1 },
        { psp: 'adyen', weight: 1 },
      ];
      for (const id of ids(50)) {
        const first = orderCandidates(targets, id, allUp);
        assert.deepEqual(orderCandidates(targets, id, allUp), first);
        assert.deepEqual([...first].sort(), ['adyen', 'stripe'], 'every candidate stays, once');
      }
      // Pinned: a change to the hash would send a retried routing decision elsewhere.
      const firsts = ['pay_a', 'pay_b', 'pay_c', 'pay_d', 'pay_e'].map((id) => orderCandidates(targets, id, allUp)[0]);
      assert.deepEqual(firsts, ['adyen', 'adyen', 'adyen', 'stripe', 'stripe']);
    });

    it('spreads first attempts in proportion to the weights over many payments', () => {
      const targets: RoutingTarget[] = [
        { psp: 'stripe', weight: 3 },
        { psp: 'adyen', weight: 1 },
      ];
      const payments = ids(10_000);
      const stripeFirst = payments.filter((id) => orderCandidates(targets, id, allUp)[0] === 'stripe').length;
      const share = stripeFirst / payments.length;
      assert.ok(share > 0.72 && share < 0.78, `stripe went first for ${share} of payments, expected about 0.75`);
    });

    it('never picks an unweighted PSP first when others have weights: it is failover only', () => {
      const targets: RoutingTarget[] = [{ psp: 'adyen' }, { psp: 'stripe', weight: 5 }];
      for (const id of ids(200)) assert.deepEqual(orderCandidates(targets, id, allUp), ['stripe', 'adyen']);
    });

    it('leaves out a PSP whose breaker is open, and shares its weight among the rest', () => {
      const targets: RoutingTarget[] = [
        { psp: 'stripe', weight: 1 },
        { psp: 'adyen', weight: 1 },
      ];
      const stripeOpen = (psp: PspName) => psp !== 'stripe';
      for (const id of ids(200)) assert.deepEqual(orderCandidates(targets, id, stripeOpen), ['adyen']);
      assert.deepEqual(orderCandidates([{ psp: 'stripe' }, { psp: 'adyen' }], 'pay_1', stripeOpen), ['adyen']);
    });

    it('tries every PSP in rule order when all breakers are open', () => {
      const allOpen = () => false;
      assert.deepEqual(orderCandidates([{ psp: 'adyen' }, { psp: 'stripe' }], 'pay_1', allOpen), ['adyen', 'stripe']);
    });
  });

  describe('breaker state', () => {
    const now = new Date('2030-01-01T00:00:30.000Z');

    it('is closed without a row or without an open_until', () => {
      assert.equal(circuitState(undefined, now), 'closed');
      assert.equal(circuitState({ openUntil: null }, now), 'closed');
    });

    it('is open until open_until, and half-open from that instant on', () => {
      assert.equal(circuitState({ openUntil: new Date('2030-01-01T00:00:30.001Z') }, now), 'open');
      assert.equal(circuitState({ openUntil: new Date('2030-01-01T00:00:30.000Z') }, now), 'half_open');
      assert.equal(circuitState({ openUntil: new Date('2030-01-01T00:00:00.000Z') }, now), 'half_open');
    });
  });
});
