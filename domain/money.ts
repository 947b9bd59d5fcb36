// Money is an integer count of a currency's minor units (cents, yen, fils). Floats never
// appear: amounts are validated as safe integers at the edge and stored as bigint.

/** ISO 4217 exponents for the currencies holdfast accepts (lower-case, as Stripe spells them). */
const EXPONENTS: Readonly<Record<string, number>> = {
  // zero-decimal
  bif: 0,
  clp: 0,
  djf: 0,
  gnf: 0,
  isk: 0,
  jpy: 0,
  kmf: 0,
  krw: 0,
  pyg: 0,
  rwf: 0,
  ugx: 0,
  vnd: 0,
  vuv: 0,
  xaf: 0,
  xof: 0,
  xpf: 0,
  // three-decimal
  bhd: 3,
  jod: 3,
  kwd: 3,
  omr: 3,
  tnd: 3,
  // two-decimal
  aed: 2,
  aud: 2,
  brl: 2,
  cad: 2,
  chf: 2,
  cny: 2,
  czk: 2,
  dkk: 2,
  eur: 2,
  gbp: 2,
  hkd: 2,
  huf: 2,
  idr: 2,
  ils: 2,
  inr: 2,
  mxn: 2,
  myr: 2,
  nok: 2,
  nzd: 2,
  php: 2,
  pln: 2,
  ron: 2,
  sek: 2,
  sgd: 2,
  thb: 2,
  try: 2,
  twd: 2,
  usd: 2,
  zar: 2,
};

export type Currency = string;

export function isSupportedCurrency(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(EXPONENTS, code);
}

export function currencyExponent(currency: Currency): number {
  const exponent = EXPONENTS[currency];
  if (exponent === undefined) throw new Error(`unsupported currency: ${currency}`);
  return exponent;
}

export function supportedCurrencies(): string[] {
  return Object.keys(EXPONENTS).sort();
}

/** A positive amount of minor units that survives JSON and bigint round trips exactly. */
export function isValidAmount(amount: unknown): amount is number {
  return typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0;
}

/** "12.34 usd" — for messages; never used for arithmetic. */
export function formatMoney(amount: number, currency: Currency): string {
  const exponent = currencyExponent(currency);
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${sign}${whole}${fraction} ${currency}`;
}
