// The Adyen face's memory, kept in the simulator's SimStore. Payments, payouts, disputes and
// the answers saved under Idempotency-Keys survive a restart: holdfast's lookup of an Adyen authorization is a
// replay under the same key, so a forgotten key would authorize a second time.

/** The simulator's view of a payment's life; Adyen's Customer Area words, not an API enum. */
export type AdyenPaymentStatus =
  | 'RedirectShopper'
  | 'Authorised'
  | 'Refused'
  | 'Cancelled'
  | 'Captured'
  /** The card scheme rejected the capture after Adyen accepted it (CAPTURE_FAILED). */
  | 'CaptureFailed';

/** Amounts as Adyen counts them: its minor units, upper-case currency. */
export interface AdyenAmount {
  value: number;
  currency: string;
}

export interface SimAdyenPayment {
  pspReference: string;
  merchantAccount: string;
  /** The merchant's reference: holdfast's payment id. */
  reference: string;
  amount: AdyenAmount;
  /** The stored payment method's id: one of the test tokens (sim/test-cards.ts). */
  paymentMethod: string;
  returnUrl: string;
  /** What the shopper's bank statement shows; absent when not sent (and on payments saved before it was recorded). */
  shopperStatement?: string;
  /** additionalData.manualCapture; without it the simulated merchant account captures at once. */
  manualCapture: boolean;
  status: AdyenPaymentStatus;
  refusalReason: string | null;
  refusalReasonCode: string | null;
  amountCaptured: number;
  amountRefunded: number;
  /** Successful authorizations; more than one for a payment would be a double charge. */
  authorizations: number;
  /** What the shopper brings back from the 3-D Secure page, for /payments/details. */
  redirectResult: string | null;
  /** `adyen_fail_modifications`: the scheme rejects its captures and refunds, and cancels fail. */
  failModifications: boolean;
  /**
   * The capture as Adyen booked it, for the settlement report. Absent until captured, and on
   * payments saved before the simulator recorded it (those stay out of the reports).
   */
  capture?: BookedModification;
  /** Refunds that succeeded, in order; absent until the first. */
  refunds?: BookedModification[];
}

/** A capture or refund the payment's money moved by: a settlement report line. */
export interface BookedModification {
  /** The modification's own pspReference (an automatic capture's is the payment's). */
  pspReference: string;
  /** Adyen's minor units, in the payment's currency. */
  value: number;
  /** The caller's reference for the modification, if it sent one. */
  reference?: string;
  /** ISO 8601 instant (UTC). */
  bookedAt: string;
}

/** Books a modification that succeeded as happening now. */
export function booked(modification: { pspReference: string; amount: AdyenAmount; reference?: string }): BookedModification {
  return {
    pspReference: modification.pspReference,
    value: modification.amount.value,
    ...(modification.reference === undefined ? {} : { reference: modification.reference }),
    bookedAt: new Date().toISOString(),
  };
}

/** A payout submitted with /submitThirdParty to a seller's stored payout details. */
export interface SimAdyenPayout {
  pspReference: string;
  merchantAccount: string;
  /** The merchant's reference: holdfast's payout id. */
  reference: string;
  /** The seller paid: holdfast's seller id. */
  shopperReference: string;
  amount: AdyenAmount;
  /** Why the bank refused it (`payout_failure`), decided on submission; null when it is paid. */
  failureCode: string | null;
  /** ISO 8601 instant (UTC). */
  submittedAt: string;
}

/** Adyen's chargeback with its defense, as far as the Disputes API and its notifications go. */
export interface SimAdyenDispute {
  /** The dispute's own pspReference; every notification about it carries this one. */
  pspReference: string;
  /** The disputed payment (the notifications' originalReference). */
  paymentPspReference: string;
  amount: AdyenAmount;
  /** The card scheme's reason code (Visa's 10.4, …). */
  chargebackReasonCode: string;
  /** ISO 8601 instant: the Disputes API refuses a defense after it. */
  defensePeriodEndsAt: string;
  status: 'open' | 'won' | 'lost';
  /** Supplied with /supplyDefenseDocument; the content is not kept, only what it was. */
  defenseDocuments: Array<{ defenseDocumentTypeCode: string; contentType: string; bytes: number }>;
  /** The reason code /defendDispute was called with; null until the merchant defends. */
  defenseReasonCode: string | null;
  /** ISO 8601 instant (UTC). */
  openedAt: string;
}

export interface IdempotencyRecord {
  endpoint: string;
  /** The request body as canonical JSON. */
  body: string;
  /** Unset while the first request with the key is still running. */
  answer?: { status: number; body: string };
}

/** One call and its answer, as JSON, for conformance tests (GET /_sim/adyen/exchanges). */
export interface AdyenExchange {
  method: string;
  path: string;
  merchant_reference: string | null;
  request: unknown;
  status: number | null;
  response: unknown;
}

export interface SavedAdyenState {
  payments: SimAdyenPayment[];
  idempotency: Array<[string, IdempotencyRecord]>;
  /** Absent from files written before payouts and disputes. */
  payouts?: SimAdyenPayout[];
  disputes?: SimAdyenDispute[];
}

/** Enough for a test run or a long dev session; older exchanges are dropped first. */
const MAX_EXCHANGES = 5_000;

export class AdyenState {
  readonly payments = new Map<string, SimAdyenPayment>();
  /** Keyed by API key and Idempotency-Key (Adyen scopes keys to the account). */
  readonly idempotency = new Map<string, IdempotencyRecord>();
  readonly payouts = new Map<string, SimAdyenPayout>();
  /** Keyed by the dispute's pspReference, in the order they were opened. */
  readonly disputes = new Map<string, SimAdyenDispute>();
  private readonly exchangeLog: AdyenExchange[] = [];

  paymentWithRedirectResult(redirectResult: string): SimAdyenPayment | undefined {
    return [...this.payments.values()].find((payment) => payment.redirectResult === redirectResult);
  }

  /** `adyen_fail_modifications`: marks the payments with this reference; returns how many. */
  failModificationsOf(merchantReference: string): number {
    const payments = [...this.payments.values()].filter((payment) => payment.reference === merchantReference);
    for (const payment of payments) payment.failModifications = true;
    return payments.length;
  }

  /** A payment has at most one open dispute at a time. */
  openDisputeOf(paymentPspReference: string): SimAdyenDispute | undefined {
    return [...this.disputes.values()].find((dispute) => dispute.paymentPspReference === paymentPspReference && dispute.status === 'open');
  }

  recordExchange(exchange: AdyenExchange): AdyenExchange {
    this.exchangeLog.push(exchange);
    if (this.exchangeLog.length > MAX_EXCHANGES) this.exchangeLog.shift();
    return exchange;
  }

  exchanges(merchantReference?: string): AdyenExchange[] {
    return this.exchangeLog.filter((exchange) => merchantReference === undefined || exchange.merchant_reference === merchantReference);
  }

  /** Requests still running when the process stopped have no answer to replay, so they are not kept. */
  snapshot(): SavedAdyenState {
    return {
      payments: [...this.payments.values()],
      idempotency: [...this.idempotency.entries()].filter(([, record]) => record.answer !== undefined),
      payouts: [...this.payouts.values()],
      disputes: [...this.disputes.values()],
    };
  }

  restore(saved: SavedAdyenState | undefined): void {
    for (const payment of saved?.payments ?? []) this.payments.set(payment.pspReference, payment);
    for (const [slot, record] of saved?.idempotency ?? []) this.idempotency.set(slot, record);
    for (const payout of saved?.payouts ?? []) this.payouts.set(payout.pspReference, payout);
    for (const dispute of saved?.disputes ?? []) this.disputes.set(dispute.pspReference, dispute);
  }
}
