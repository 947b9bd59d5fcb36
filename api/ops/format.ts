// How the /ops pages show amounts and times: one place, so every page reads the same.
import { formatMoney } from '../../domain/money';

/** Minor units with their currency ("123.45 eur"); a dash where there is no figure yet. */
export const money = (amount: number | null, currency: string) => (amount === null ? '—' : formatMoney(amount, currency));

/** The API's unix seconds as an ISO time (UTC); a dash where nothing happened yet. */
export const time = (unixSeconds: number | null) => (unixSeconds === null ? '—' : new Date(unixSeconds * 1000).toISOString());
