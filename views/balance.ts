// The balance object, one shape for a merchant (GET /v1/balance) and a seller
// (GET /v1/sellers/:id/balance), as Stripe's Balance: per bucket, a list of {amount, currency}.
export interface CurrencyBalance {
  currency: string;
  pending: number;
  available: number;
  reserved: number;
}

export function balanceView(balances: readonly CurrencyBalance[]) {
  const bucket = (pick: (b: CurrencyBalance) => number) => balances.map((b) => ({ amount: pick(b), currency: b.currency }));
  return {
    object: 'balance' as const,
    available: bucket((b) => b.available),
    pending: bucket((b) => b.pending),
    reserved: bucket((b) => b.reserved),
  };
}
