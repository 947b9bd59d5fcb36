// The acquirer's verdict on one batch item, checked against what the PSP itself holds: an
// item must name a payment the PSP knows, and may not settle more than the PSP captured.
// Rejections injected with `acquirer_reject` come first, as an issuer outage would.
import type { PspName } from '../../domain/psp';
import { isoMinorUnits } from '../adyen/inspection';
import type { SimContext } from '../context';
import { settlementFee } from '../fees';
import type { BatchHeader, BatchItem } from './batch-file';
import type { InjectedRejection } from './injected-rejections';

export type ItemVerdict =
  | { item_id: string; status: 'accepted'; fee: number }
  | { item_id: string; status: 'rejected'; reason: RejectionReason; retryable: boolean };

export type RejectionReason = 'unknown_reference' | 'amount_mismatch' | 'issuer_unavailable' | 'account_closed';

export function evaluateItem(context: SimContext, header: BatchHeader, item: BatchItem): ItemVerdict {
  const injected = context.acquirer.rejections.take(item.pspReference);
  if (injected) return rejected(item, injectedReason(injected), injected.retryable);
  const captured = capturedAtPsp(context, header.psp, item.pspReference);
  if (captured === undefined) return rejected(item, 'unknown_reference', false);
  if (item.kind === 'capture' && item.amount > captured) return rejected(item, 'amount_mismatch', false);
  return { item_id: item.itemId, status: 'accepted', fee: settlementFee(header.psp, item.kind, header.currency, item.amount) };
}

function injectedReason(rejection: InjectedRejection): RejectionReason {
  return rejection.retryable ? 'issuer_unavailable' : 'account_closed';
}

function rejected(item: BatchItem, reason: RejectionReason, retryable: boolean): ItemVerdict {
  return { item_id: item.itemId, status: 'rejected', reason, retryable };
}

/** What the PSP captured of the payment, in ISO minor units as holdfast counts; undefined if it has no such payment. */
function capturedAtPsp(context: SimContext, psp: PspName, pspReference: string): number | undefined {
  if (psp === 'stripe') return context.store.paymentIntents.get(pspReference)?.amountReceived;
  const payment = context.store.adyen.payments.get(pspReference);
  return payment && isoMinorUnits(payment.amountCaptured, payment.amount.currency.toLowerCase());
}
