// Every API request the simulator received, so tests wait for "the PSP call arrived" by
// polling GET /_sim/requests instead of sleeping.

export interface LoggedRequest {
  method: string;
  path: string;
  idempotency_key: string | null;
  merchant_reference: string | null;
  /** Null while the request is still being answered (or held). */
  status: number | null;
}

export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  /** Returns the entry so the caller can fill in the status once it answers. */
  record(entry: LoggedRequest): LoggedRequest {
    this.entries.push(entry);
    return entry;
  }

  list(merchantReference?: string): LoggedRequest[] {
    if (merchantReference === undefined) return [...this.entries];
    return this.entries.filter((entry) => entry.merchant_reference === merchantReference);
  }
}
