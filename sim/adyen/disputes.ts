// The Adyen face's chargebacks, opened and closed by `dispute` / `dispute_outcome` on
// /_sim/control. Each one sends the notifications Adyen sends for it, a little after the
// control request is answered, all with the dispute's own pspReference and the payment's as
// originalReference:
// - open: NOTIFICATION_OF_CHARGEBACK (disputeStatus Undefended, the defense period's end);
// - won: CHARGEBACK (the funds are debited; Pending, or Responded once defended), then
//   CHARGEBACK_REVERSED (Won);
// - lost: CHARGEBACK (Lost).
// One CHARGEBACK per dispute: holdfast dedupes Adyen events by eventCode, pspReference and
// success, so a second one would be lost. The merchant defends through the Disputes API
// (dispute-service.ts).
import type { SimContext } from '../context';
import { type OpenDisputeRequest, SimDisputeError, type SimDisputeFace, type SimDisputeSummary } from '../disputes';
import { pspReference } from './ids';
import { adyenMinorUnits, isoMinorUnits } from './inspection';
import { type AdyenEventCode, cardBrand, sendNotificationItem } from './notifications';
import type { SimAdyenDispute, SimAdyenPayment } from './state';
import { notifyLater } from './timing';

/** Visa's "Other Fraud – Card-Absent Environment", the commonest chargeback online. */
const DEFAULT_REASON_CODE = '10.4';
const DEFAULT_DEFENSE_PERIOD_SECONDS = 7 * 24 * 60 * 60;

/** The reason text Adyen sends beside the code, for the codes tests use; others repeat the code. */
const REASON_TEXTS: Readonly<Record<string, string>> = {
  '10.4': 'Other Fraud-Card Absent Environment',
  '13.1': 'Merchandise/Services Not Received',
  '13.3': 'Not as Described or Defective Merchandise/Services',
};

type DisputeStatus = 'Undefended' | 'Pending' | 'Responded' | 'Won' | 'Lost';

export function createAdyenDisputeFace(context: SimContext): SimDisputeFace {
  const state = context.store.adyen;

  const capturedPayment = (reference: string): SimAdyenPayment | undefined => {
    const payment = state.payments.get(reference);
    return payment && payment.amountCaptured > 0 ? payment : undefined;
  };

  const paymentOf = (dispute: SimAdyenDispute): SimAdyenPayment => state.payments.get(dispute.paymentPspReference)!;

  return {
    hasCapturedPayment: (reference) => capturedPayment(reference) !== undefined,

    open(request) {
      const payment = capturedPayment(request.pspReference);
      if (!payment) throw new SimDisputeError(`no captured Adyen payment has pspReference ${request.pspReference}`);
      if (state.openDisputeOf(payment.pspReference)) {
        throw new SimDisputeError(`Adyen payment ${payment.pspReference} already has an open dispute`);
      }
      const dispute = newDispute(payment, request);
      state.disputes.set(dispute.pspReference, dispute);
      notifyLater(() => notifyDispute(context, payment, dispute, 'NOTIFICATION_OF_CHARGEBACK', 'Undefended'));
      return summaryOf(dispute);
    },

    close({ pspReference: paymentReference, outcome }) {
      const dispute = state.openDisputeOf(paymentReference);
      if (!dispute) throw new SimDisputeError(`Adyen payment ${paymentReference} has no open dispute`);
      const payment = paymentOf(dispute);
      dispute.status = outcome;
      if (outcome === 'won') {
        notifyLater(
          () => notifyDispute(context, payment, dispute, 'CHARGEBACK', dispute.defenseReasonCode === null ? 'Pending' : 'Responded'),
          () => notifyDispute(context, payment, dispute, 'CHARGEBACK_REVERSED', 'Won'),
        );
      } else {
        notifyLater(() => notifyDispute(context, payment, dispute, 'CHARGEBACK', 'Lost'));
      }
      return summaryOf(dispute);
    },

    list: () => [...state.disputes.values()].map(summaryOf),
  };
}

/** The amount defaults to what was captured and cannot exceed it; the control request counts ISO minor units. */
function newDispute(payment: SimAdyenPayment, request: OpenDisputeRequest): SimAdyenDispute {
  const currency = payment.amount.currency.toLowerCase();
  const value = request.amount === undefined ? payment.amountCaptured : adyenMinorUnits(request.amount, currency);
  if (value === undefined || value > payment.amountCaptured) {
    const captured = isoMinorUnits(payment.amountCaptured, currency);
    throw new SimDisputeError(`a dispute of ${request.amount} ${currency} is more than the ${captured} captured`);
  }
  const now = Date.now();
  return {
    pspReference: pspReference(),
    paymentPspReference: payment.pspReference,
    amount: { value, currency: payment.amount.currency },
    chargebackReasonCode: request.reason ?? DEFAULT_REASON_CODE,
    defensePeriodEndsAt: new Date(now + (request.dueInSeconds ?? DEFAULT_DEFENSE_PERIOD_SECONDS) * 1000).toISOString(),
    status: 'open',
    defenseDocuments: [],
    defenseReasonCode: null,
    openedAt: new Date(now).toISOString(),
  };
}

function notifyDispute(
  context: SimContext,
  payment: SimAdyenPayment,
  dispute: SimAdyenDispute,
  eventCode: AdyenEventCode,
  disputeStatus: DisputeStatus,
): void {
  sendNotificationItem(context, {
    eventCode,
    pspReference: dispute.pspReference,
    originalReference: payment.pspReference,
    merchantAccountCode: payment.merchantAccount,
    merchantReference: payment.reference,
    amount: dispute.amount,
    success: true,
    reason: REASON_TEXTS[dispute.chargebackReasonCode] ?? dispute.chargebackReasonCode,
    paymentMethod: cardBrand(payment.paymentMethod),
    additionalData: {
      chargebackReasonCode: dispute.chargebackReasonCode,
      defensePeriodEndsAt: dispute.defensePeriodEndsAt,
      disputeStatus,
    },
  });
}

function summaryOf(dispute: SimAdyenDispute): SimDisputeSummary {
  const currency = dispute.amount.currency.toLowerCase();
  return {
    psp: 'adyen',
    dispute_reference: dispute.pspReference,
    psp_reference: dispute.paymentPspReference,
    amount: isoMinorUnits(dispute.amount.value, currency),
    currency,
    status: dispute.status,
    evidence_due_by: dispute.defensePeriodEndsAt,
    evidence_submitted: dispute.defenseReasonCode !== null,
  };
}
