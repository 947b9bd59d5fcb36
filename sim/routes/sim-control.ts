// POST /_sim/control: test knobs.
// - `hold` / `release` {payment_method}: create/confirm calls with the payment method commit
//   and then wait; `release` sends every held response.
// - `psp_down` / `psp_up` {psp, mode?}: a simulated PSP refuses connections (mode `refuse`,
//   the default) or answers 503 (mode `503`), and recovers.
import express, { type Response, Router } from 'express';
import { PSP_NAMES, type PspName } from '../../domain/psp';
import type { SimContext } from '../context';
import type { OutageMode } from '../outages';

const OUTAGE_MODES: readonly OutageMode[] = ['refuse', '503'];

export function simControlRoutes(context: SimContext): Router {
  const router = Router();

  router.post('/_sim/control', express.json(), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    switch (body.action) {
      case 'hold':
      case 'release': {
        const paymentMethod = requiredString(res, body, 'payment_method');
        if (paymentMethod === undefined) return;
        if (body.action === 'hold') context.holds.hold(paymentMethod);
        else context.holds.release(paymentMethod);
        res.json({ ok: true, action: body.action, payment_method: paymentMethod });
        return;
      }
      case 'psp_down':
      case 'psp_up': {
        const psp = body.psp as PspName;
        if (!PSP_NAMES.includes(psp)) return badRequest(res, `psp must be one of ${PSP_NAMES.join(', ')}`);
        const mode = (body.mode ?? 'refuse') as OutageMode;
        if (!OUTAGE_MODES.includes(mode)) return badRequest(res, `mode must be one of ${OUTAGE_MODES.join(', ')}`);
        if (body.action === 'psp_down') await context.outages.setDown(psp, mode);
        else await context.outages.setUp(psp);
        res.json({ ok: true, action: body.action, psp, ...(body.action === 'psp_down' ? { mode } : {}) });
        return;
      }
      default:
        badRequest(res, `unknown action: ${String(body.action)}`);
    }
  });

  return router;
}

function requiredString(res: Response, body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (typeof value === 'string' && value !== '') return value;
  badRequest(res, `${field} is required`);
  return undefined;
}

function badRequest(res: Response, message: string): void {
  res.status(400).json({ error: { message } });
}
