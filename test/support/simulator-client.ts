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
}

export interface SimRequest {
  method: string;
  path: string;
  idempotency_key: string | null;
  merchant_reference: string | null;
  status: number | null;
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} → ${response.status}`);
  return (await response.json()) as T;
}

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
  };
}
