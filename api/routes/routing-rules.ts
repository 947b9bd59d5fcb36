// The merchant's routing rules: read them, or replace the whole list at once. PUT is
// idempotent by nature (the same body leaves the same rules), so it needs no Idempotency-Key.
import { Router } from 'express';
import { listRoutingRules, replaceRoutingRules } from '../../db/queries/routing-rules';
import type { RoutingRule } from '../../domain/routing';
import type { ApiDeps } from '../deps';
import { putRoutingRulesBody } from '../schemas/routing';
import { parseOrThrow } from '../validate';

export function routingRuleRoutes({ db }: ApiDeps): Router {
  const router = Router();

  const answerRules = async (merchantId: string) => ({
    object: 'list' as const,
    data: (await listRoutingRules(db, merchantId)).map(routingRuleView),
    has_more: false,
  });

  router.get('/routing_rules', async (_req, res) => {
    res.json(await answerRules(res.locals.merchant.id));
  });

  router.put('/routing_rules', async (req, res) => {
    const { rules } = parseOrThrow(putRoutingRulesBody, req.body);
    const merchantId = res.locals.merchant.id;
    await replaceRoutingRules(
      db,
      merchantId,
      rules.map((rule) => ({
        currency: rule.currency ?? null,
        minAmount: rule.min_amount ?? null,
        maxAmount: rule.max_amount ?? null,
        psps: rule.psps,
      })),
    );
    res.json(await answerRules(merchantId));
  });

  return router;
}

function routingRuleView(rule: RoutingRule) {
  return { currency: rule.currency, min_amount: rule.minAmount, max_amount: rule.maxAmount, psps: rule.psps };
}
