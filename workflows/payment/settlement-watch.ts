// Shadow reconciliation: a capture the acquirer has not accepted within the deadline lands
// on the exceptions list, and comes off it when the settlement arrives.
import { condition } from '@temporalio/workflow';
import { exceptions } from './activities';
import { now, nowMs, type PaymentContext } from './context';

/** Payments started without a deadline (before settlement existed) do not watch, so their histories replay. */
export async function watchSettlement(ctx: PaymentContext): Promise<void> {
  const deadlineSeconds = ctx.input.settlementDeadlineSeconds;
  if (deadlineSeconds === undefined || ctx.captureSettled) return;
  const capturedAt = ctx.state.history.find((e) => e.type === 'captured')!.at;
  const remainingMs = Date.parse(capturedAt) + deadlineSeconds * 1000 - nowMs();
  const ended = () => ctx.captureSettled || ctx.closing;
  if (remainingMs > 0 && (await condition(ended, remainingMs))) return;
  if (ctx.closing) return;
  const subject = { kind: 'capture_unsettled', paymentId: ctx.state.id };
  await exceptions.raiseException({
    ...subject,
    merchantId: ctx.state.merchantId,
    psp: ctx.state.psp,
    context: {
      capturedAt,
      deadlineSeconds,
      amountCaptured: ctx.state.amountCaptured,
      currency: ctx.state.currency,
      pspReference: ctx.state.pspReference,
    },
  });
  await condition(ended);
  if (ctx.captureSettled) await exceptions.resolveException({ ...subject, resolution: { settled: true, at: now() } });
}
