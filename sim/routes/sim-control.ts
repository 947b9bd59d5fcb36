// POST /_sim/control: test knobs.
// - `hold` / `release` {payment_method}: create/confirm calls with the payment method commit
//   and then wait; `release` sends every held response.
// - `psp_down` / `psp_up` {psp, mode?}: a simulated PSP refuses connections (mode `refuse`,
//   the default) or answers 503 (mode `503`), and recovers.
// - `risk_down` / `risk_up` {mode?}: the risk service answers 503 (mode `503`, the default) or
//   holds every assessment until it recovers (mode `slow`), and recovers.
// - `adyen_fail_modifications` {merchant_reference}: the Adyen payment's later captures and
//   refunds are rejected by the card scheme (CAPTURE_FAILED, REFUND_FAILED) and its cancels
//   fail (sim/adyen/modifications.ts).
// - `adyen_hold_notifications` / `adyen_release_notifications` {merchant_reference}: the Adyen
//   payment's capture, cancel and refund notifications are kept back until released
//   (sim/adyen/notification-holds.ts).
// - `acquirer_reject` {psp_reference, retryable, times?}: the acquirer rejects the next `times`
//   (default 1) submissions of items with that reference (sim/acquirer/injected-rejections.ts).
// - `report_fault` {kind, psp?}: the next settlement report of that PSP (or of either) comes
//   out wrong in one line (sim/reports/faults.ts).
// - `dispute` {psp_reference, amount?, reason?, due_in_seconds?}: the cardholder disputes a
//   captured payment; the PSP that holds it sends its dispute webhooks (sim/disputes.ts).
// - `dispute_outcome` {psp_reference, outcome: won | lost}: the payment's open dispute closes.
// - `payout_failure` {seller, failure_code?}: payouts to that seller fail from now on
//   (sim/payout-failures.ts).
import express, { type Response, Router } from 'express';
import { PSP_NAMES, type PspName } from '../../domain/psp';
import type { SimContext } from '../context';
import { type DisputeOutcome, SimDisputeError, type SimDisputeFace } from '../disputes';
import { DEFAULT_PAYOUT_FAILURE_CODE } from '../payout-failures';
import type { OutageMode } from '../outages';
import { REPORT_FAULT_KINDS, type ReportFaultKind } from '../reports/faults';
import type { RiskOutageMode } from '../risk-outage';

const OUTAGE_MODES: readonly OutageMode[] = ['refuse', '503'];
const RISK_OUTAGE_MODES: readonly RiskOutageMode[] = ['503', 'slow'];

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
      case 'risk_down':
      case 'risk_up': {
        const mode = (body.mode ?? '503') as RiskOutageMode;
        if (!RISK_OUTAGE_MODES.includes(mode)) return badRequest(res, `mode must be one of ${RISK_OUTAGE_MODES.join(', ')}`);
        if (body.action === 'risk_down') context.risk.setDown(mode);
        else context.risk.setUp();
        res.json({ ok: true, action: body.action, ...(body.action === 'risk_down' ? { mode } : {}) });
        return;
      }
      case 'adyen_fail_modifications': {
        const merchantReference = requiredString(res, body, 'merchant_reference');
        if (merchantReference === undefined) return;
        const payments = context.store.adyen.failModificationsOf(merchantReference);
        if (payments === 0) return badRequest(res, `no Adyen payment has merchant_reference ${merchantReference}`);
        res.json({ ok: true, action: body.action, merchant_reference: merchantReference, payments });
        return;
      }
      case 'adyen_hold_notifications':
      case 'adyen_release_notifications': {
        const merchantReference = requiredString(res, body, 'merchant_reference');
        if (merchantReference === undefined) return;
        if (body.action === 'adyen_hold_notifications') {
          context.adyenNotificationHolds.hold(merchantReference);
          res.json({ ok: true, action: body.action, merchant_reference: merchantReference });
        } else {
          const released = context.adyenNotificationHolds.release(merchantReference);
          res.json({ ok: true, action: body.action, merchant_reference: merchantReference, released });
        }
        return;
      }
      case 'acquirer_reject': {
        const pspReference = requiredString(res, body, 'psp_reference');
        if (pspReference === undefined) return;
        if (typeof body.retryable !== 'boolean') return badRequest(res, 'retryable must be true or false');
        const times = body.times ?? 1;
        if (typeof times !== 'number' || !Number.isSafeInteger(times) || times < 1)
          return badRequest(res, 'times must be a positive integer');
        context.acquirer.rejections.rejectNext(pspReference, body.retryable, times);
        res.json({ ok: true, action: body.action, psp_reference: pspReference, retryable: body.retryable, times });
        return;
      }
      case 'report_fault': {
        const kind = body.kind as ReportFaultKind;
        if (!REPORT_FAULT_KINDS.includes(kind)) return badRequest(res, `kind must be one of ${REPORT_FAULT_KINDS.join(', ')}`);
        const psp = (body.psp ?? null) as PspName | null;
        if (psp !== null && !PSP_NAMES.includes(psp)) return badRequest(res, `psp must be one of ${PSP_NAMES.join(', ')}`);
        context.reportFaults.queue({ kind, psp });
        res.json({ ok: true, action: body.action, kind, psp });
        return;
      }
      case 'dispute':
      case 'dispute_outcome': {
        const pspReference = requiredString(res, body, 'psp_reference');
        if (pspReference === undefined) return;
        const face = disputeFaceOf(context, pspReference);
        if (!face) return badRequest(res, `no captured payment has psp_reference ${pspReference}`);
        try {
          if (body.action === 'dispute') {
            const options = disputeOptions(body);
            if (typeof options === 'string') return badRequest(res, options);
            res.json({ ok: true, action: body.action, dispute: face.open({ pspReference, ...options }) });
          } else {
            const outcome = body.outcome as DisputeOutcome;
            if (outcome !== 'won' && outcome !== 'lost') return badRequest(res, 'outcome must be won or lost');
            res.json({ ok: true, action: body.action, dispute: face.close({ pspReference, outcome }) });
          }
        } catch (error) {
          if (error instanceof SimDisputeError) return badRequest(res, error.message);
          throw error;
        }
        return;
      }
      case 'payout_failure': {
        const seller = requiredString(res, body, 'seller');
        if (seller === undefined) return;
        const failureCode = body.failure_code ?? DEFAULT_PAYOUT_FAILURE_CODE;
        if (typeof failureCode !== 'string' || failureCode === '') return badRequest(res, 'failure_code must be a non-empty string');
        context.payoutFailures.failPayoutsOf(seller, failureCode);
        res.json({ ok: true, action: body.action, seller, failure_code: failureCode });
        return;
      }
      default:
        badRequest(res, `unknown action: ${String(body.action)}`);
    }
  });

  return router;
}

function disputeFaceOf(context: SimContext, pspReference: string): SimDisputeFace | undefined {
  return PSP_NAMES.map((psp) => context.disputes[psp]).find((face) => face.hasCapturedPayment(pspReference));
}

function disputeOptions(body: Record<string, unknown>): { amount?: number; reason?: string; dueInSeconds?: number } | string {
  const { amount, reason, due_in_seconds: dueInSeconds } = body;
  if (amount !== undefined && !(typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0)) {
    return 'amount must be a positive integer (minor units)';
  }
  if (reason !== undefined && typeof reason !== 'string') return 'reason must be a string';
  if (dueInSeconds !== undefined && !(typeof dueInSeconds === 'number' && Number.isSafeInteger(dueInSeconds) && dueInSeconds > 0)) {
    return 'due_in_seconds must be a positive integer';
  }
  return {
    ...(amount === undefined ? {} : { amount }),
    ...(reason === undefined ? {} : { reason }),
    ...(dueInSeconds === undefined ? {} : { dueInSeconds }),
  };
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
