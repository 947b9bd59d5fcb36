// POST /_sim/control: test knobs. `hold` makes create/confirm calls with a payment method
// commit and then wait; `release` sends every held response.
import express, { Router } from 'express';
import type { SimContext } from '../context';

export function simControlRoutes(context: SimContext): Router {
  const router = Router();

  router.post('/_sim/control', express.json(), (req, res) => {
    const { action, payment_method: paymentMethod } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof paymentMethod !== 'string' || paymentMethod === '') {
      res.status(400).json({ error: { message: 'payment_method is required' } });
      return;
    }
    switch (action) {
      case 'hold':
        context.holds.hold(paymentMethod);
        break;
      case 'release':
        context.holds.release(paymentMethod);
        break;
      default:
        res.status(400).json({ error: { message: `unknown action: ${String(action)} (expected hold or release)` } });
        return;
    }
    res.json({ ok: true, action, payment_method: paymentMethod });
  });

  return router;
}
