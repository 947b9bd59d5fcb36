// Reads the PSP simulator's own view of what happened, to check holdfast from the outside.

export interface SimPayment {
  psp: string;
  psp_reference: string;
  merchant_reference: string;
  amount: number;
  currency: string;
  status: string;
  amount_captured: number;
  amount_refunded: number;
  authorizations: number;
  /** Stripe's statement_descriptor_suffix, Adyen's shopperStatement; null when none was sent. */
  statement_descriptor: string | null;
}

export interface SimRequest {
  method: string;
  path: string;
  idempotency_key: string | null;
  merchant_reference: string | null;
  status: number | null;
}

/** One submission the simulated acquirer received (GET /_sim/acquirer/batches). */
export interface ReceivedBatch {
  idempotency_key: string | null;
  body: string | null;
  status: number;
  response: any;
}

/** A settlement report fault the simulator applied (GET /_sim/report_faults). */
export interface AppliedReportFault {
  kind: 'missing' | 'extra' | 'amount_off' | 'duplicate';
  psp: 'stripe' | 'adyen';
  payment_reference: string;
  line_id: string;
  applied_at: string;
}

/** The acquirer's answer as sent: the text (to compare replays byte for byte) and its JSON. */
export interface AcquirerAnswer {
  status: number;
  text: string;
  body: any;
  headers: Headers;
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} → ${response.status}`);
  return (await response.json()) as T;
}

export interface SimDispute {
  psp: string;
  dispute_reference: string;
  psp_reference: string;
  amount: number;
  currency: string;
  status: 'open' | 'won' | 'lost';
  evidence_due_by: string;
  evidence_submitted: boolean;
}

const post = (body: Record<string, unknown>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function simulatorClient(simUrl: string) {
  return {
    async payments(merchantReference: string): Promise<SimPayment[]> {
      const query = encodeURIComponent(merchantReference);
      return (await json<{ data: SimPayment[] }>(`${simUrl}/_sim/payments?merchant_reference=${query}`)).data;
    },
    async requests(merchantReference: string): Promise<SimRequest[]> {
      const query = encodeURIComponent(merchantReference);
      return (await json<{ data: SimRequest[] }>(`${simUrl}/_sim/requests?merchant_reference=${query}`)).data;
    },
    /** Only the calls to the simulated PSPs, not to its risk service. */
    async pspRequests(merchantReference: string): Promise<SimRequest[]> {
      return (await this.requests(merchantReference)).filter((request) => !request.path.startsWith('/risk/'));
    },
    async control(body: Record<string, string>): Promise<void> {
      await json(`${simUrl}/_sim/control`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    },
    /** Opens a dispute on a captured payment at the simulated PSP, which sends its webhooks. */
    async dispute(pspReference: string, options: { amount?: number; due_in_seconds?: number } = {}): Promise<SimDispute> {
      const answer = await json<{ dispute: SimDispute }>(
        `${simUrl}/_sim/control`,
        post({ action: 'dispute', psp_reference: pspReference, ...options }),
      );
      return answer.dispute;
    },
    async disputeOutcome(pspReference: string, outcome: 'won' | 'lost'): Promise<SimDispute> {
      const answer = await json<{ dispute: SimDispute }>(
        `${simUrl}/_sim/control`,
        post({ action: 'dispute_outcome', psp_reference: pspReference, outcome }),
      );
      return answer.dispute;
    },
    async disputes(): Promise<SimDispute[]> {
      return (await json<{ data: SimDispute[] }>(`${simUrl}/_sim/disputes`)).data;
    },
    /** POSTs a settlement batch file to the acquirer; `null` sends no Idempotency-Key. */
    async submitBatch(file: string, idempotencyKey: string | null): Promise<AcquirerAnswer> {
      const headers: Record<string, string> = { 'content-type': 'text/csv' };
      if (idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey;
      const response = await fetch(`${simUrl}/acquirer/batches`, { method: 'POST', headers, body: file });
      const text = await response.text();
      return { status: response.status, text, body: JSON.parse(text), headers: response.headers };
    },
    async acquirerBatches(): Promise<ReceivedBatch[]> {
      return json<ReceivedBatch[]>(`${simUrl}/_sim/acquirer/batches`);
    },
    /** The acquirer rejects the next `times` submissions of items with this reference. */
    async acquirerReject(pspReference: string, retryable: boolean, times?: number): Promise<void> {
      await json(`${simUrl}/_sim/control`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          action: 'acquirer_reject',
          psp_reference: pspReference,
          retryable,
          ...(times === undefined ? {} : { times }),
        }),
      });
    },
    /** The next settlement report of `psp` (of either, without one) comes out wrong in one line. */
    async reportFault(kind: AppliedReportFault['kind'], psp?: AppliedReportFault['psp']): Promise<void> {
      await json(`${simUrl}/_sim/control`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'report_fault', kind, ...(psp === undefined ? {} : { psp }) }),
      });
    },
    async appliedReportFaults(): Promise<AppliedReportFault[]> {
      return json<AppliedReportFault[]>(`${simUrl}/_sim/report_faults`);
    },
  };
}
