// The simulated risk service, on the control port: POST /risk/assessments
// {payment_id, amount, currency, email?} → {decision: "allow" | "block", reason}. It blocks
// customers whose email ends in @risk-block.test and allows everyone else. It refuses any
// other field, so a client that leaks card data into the request fails loudly in tests.
// Each assessment is logged like a PSP call, with the payment id as merchant reference.
import express, { Router } from 'express';
import type { SimContext } from './context';

export const RISK_ASSESSMENTS_PATH = '/risk/assessments';
const BLOCKED_EMAIL_SUFFIX = '@risk-block.test';
const FIELDS = new Set(['payment_id', 'amount', 'currency', 'email']);

export function riskService(context: SimContext): Router {
  const router = Router();

  router.post(RISK_ASSESSMENTS_PATH, express.json(), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const logged = context.requests.record({
      method: 'POST',
      path: RISK_ASSESSMENTS_PATH,
      idempotency_key: null,
      merchant_reference: typeof body.payment_id === 'string' ? body.payment_id : null,
      status: null,
    });
    res.once('finish', () => {
      logged.status = res.statusCode;
    });

    await context.risk.waitWhileSlow();
    if (context.risk.mode() === '503') {
      res.status(503).json({ error: { message: 'the risk service is unavailable' } });
      return;
    }
    const problem = invalidField(body);
    if (problem) {
      res.status(400).json({ error: { message: problem } });
      return;
    }
    const email = typeof body.email === 'string' ? body.email.toLowerCase() : undefined;
    if (email?.endsWith(BLOCKED_EMAIL_SUFFIX)) res.json({ decision: 'block', reason: 'email_domain_blocked' });
    else res.json({ decision: 'allow', reason: 'no_risk_signals' });
  });

  return router;
}

function invalidField(body: Record<string, unknown>): string | undefined {
  const unknown = Object.keys(body).find((key) => !FIELDS.has(key));
  if (unknown !== undefined) return `unknown field: ${unknown}`;
  if (typeof body.payment_id !== 'string' || body.payment_id === '') return 'payment_id is required';
  if (!Number.isSafeInteger(body.amount) || (body.amount as number) <= 0) return 'amount must be a positive integer';
  if (typeof body.currency !== 'string' || !/^[a-z]{3}$/.test(body.currency)) return 'currency must be a lower-case ISO 4217 code';
  if (body.email !== undefined && typeof body.email !== 'string') return 'email must be a string';
  return undefined;
}
