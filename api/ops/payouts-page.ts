// Payouts above the approval threshold, across merchants, oldest first: the queue finance
// works through, with an Approve form per payout. Rendered from the API's payout objects.
import type { PayoutView } from '../../views/payout';
import { money, time } from './format';
import { html } from './html';
import { csrfField, page } from './layout';
import type { OpsSession, PageContext } from './sessions';

/** A payout waiting for approval and whose it is: a finance key sees every merchant's. */
export type PayoutAwaitingApproval = PayoutView & { merchant: string };

function approveForm(payout: PayoutAwaitingApproval, session: OpsSession) {
  return html`<form method="post" action="/ops/payouts/${payout.id}/approve" class="approve">
    ${csrfField(session)}<button type="submit">Approve</button>
  </form>`;
}

export function payoutsPage(
  payouts: PayoutAwaitingApproval[],
  /** More wait than are shown: the page shows the oldest. */
  more: boolean,
  { session, flash }: PageContext,
): string {
  const body = html`${
    payouts.length === 0
      ? html`<p>No payouts waiting for approval.</p>`
      : html`<table>
          <tr><th>Payout</th><th>Merchant</th><th>Seller</th><th>Amount</th><th>PSP</th><th>Created</th><th></th></tr>
          ${payouts.map(
            (p) => html`<tr id="${p.id}">
              <td>${p.id}</td><td>${p.merchant}</td><td>${p.seller}</td><td class="num">${money(p.amount, p.currency)}</td>
              <td>${p.psp}</td><td>${time(p.created)}</td><td>${approveForm(p, session)}</td>
            </tr>`,
          )}
        </table>`
  }
    ${more ? html`<p>Showing the oldest ${payouts.length}; approve these to see the rest.</p>` : ''}`;
  return page('Payouts awaiting approval', body, session, flash);
}
