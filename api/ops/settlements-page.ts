// Settlements of a business date with their per-currency totals, and one settlement with its
// batches and items. Rendered from the API's own settlement objects.
import type { SettlementDetailView, SettlementView } from '../../views/settlement';
import { money, time } from './format';
import { html, type HtmlFragment } from './html';
import { csrfField, page } from './layout';
import type { OpsSession, PageContext } from './sessions';

function totalsTable(settlement: SettlementView): HtmlFragment {
  if (settlement.totals.length === 0) return html`<p>No items.</p>`;
  return html`<table class="totals" data-settlement="${settlement.id}">
    <tr><th>Currency</th><th>Items</th><th>Accepted</th><th>Rejected</th><th>Pending</th><th>Gross</th><th>Fees</th><th>Net</th></tr>
    ${settlement.totals.map(
      (t) => html`<tr data-currency="${t.currency}">
        <td>${t.currency}</td><td class="num">${t.items}</td><td class="num">${t.accepted}</td><td class="num">${t.rejected}</td>
        <td class="num">${t.pending}</td><td class="num">${money(t.gross, t.currency)}</td>
        <td class="num">${money(t.fees, t.currency)}</td><td class="num">${money(t.net, t.currency)}</td>
      </tr>`,
    )}
  </table>`;
}

function reconcileButton(settlement: SettlementView, session: OpsSession): HtmlFragment {
  return html`<form class="inline" method="post" action="/ops/settlements/${settlement.id}/reconcile">
    ${csrfField(session)}<button type="submit">Start reconciliation</button>
  </form>`;
}

export function settlementsPage(date: string, settlements: SettlementView[], { session, flash }: PageContext): string {
  const body = html`<form method="get" action="/ops/settlements">
      <label>Business date <input type="date" name="date" value="${date}" required></label>
      <button type="submit">Show</button>
    </form>
    ${
      settlements.length === 0
        ? html`<p>No settlement for ${date}.</p>`
        : settlements.map(
            (s) => html`<section>
              <h2><a href="/ops/settlements/${s.id}">${s.psp} · ${s.date}</a> <small>${s.status}</small></h2>
              ${totalsTable(s)}
              <p>${s.batches.length} ${s.batches.length === 1 ? 'batch' : 'batches'} · updated ${time(s.updated)}</p>${reconcileButton(s, session)}
            </section>`,
          )
    }`;
  return page(`Settlements of ${date}`, body, session, flash);
}

export function settlementPage(settlement: SettlementDetailView, { session, flash }: PageContext): string {
  const file = (batchId: string, what: 'file' | 'response') => `/ops/settlements/${settlement.id}/batches/${batchId}/${what}`;
  const body = html`<p>${settlement.psp} · ${settlement.date} · <strong>${settlement.status}</strong> ·
      <a href="/ops/settlements?date=${settlement.date}">all of ${settlement.date}</a> · ${reconcileButton(settlement, session)}</p>
    <h2>Totals</h2>
    ${totalsTable(settlement)}
    <h2>Batches</h2>
    <table>
      <tr><th>Batch</th><th>Merchant</th><th>Round</th><th>Status</th><th>Items</th><th>Gross</th><th>Fees</th><th>Net</th><th>Submitted</th><th>Documents</th></tr>
      ${settlement.batches.map(
        (b) => html`<tr>
          <td>${b.id}</td><td>${b.merchant}</td><td class="num">${b.round}</td><td>${b.status}</td><td class="num">${b.item_count}</td>
          <td class="num">${money(b.gross, b.currency)}</td><td class="num">${money(b.fees, b.currency)}</td>
          <td class="num">${money(b.net, b.currency)}</td><td>${time(b.submitted_at)}</td>
          <td><a href="${file(b.id, 'file')}">file</a>${b.submitted_at === null ? '' : html` · <a href="${file(b.id, 'response')}">response</a>`}</td>
        </tr>`,
      )}
    </table>
    <h2>Items</h2>
    <table>
      <tr><th>Item</th><th>Kind</th><th>Payment</th><th>PSP reference</th><th>Amount</th><th>Status</th><th>Fee</th><th>Reject reason</th><th>Submissions</th><th>Batch</th></tr>
      ${settlement.items.map(
        (i) => html`<tr>
          <td>${i.id}</td><td>${i.kind}</td><td>${i.payment}${i.refund ? html`<br>${i.refund}` : ''}</td><td>${i.psp_reference}</td>
          <td class="num">${money(i.amount, i.currency)}</td><td>${i.status}</td><td class="num">${money(i.fee, i.currency)}</td>
          <td>${i.reject_reason ?? ''}</td><td class="num">${i.submissions}</td><td>${i.batch ?? '—'}</td>
        </tr>`,
      )}
    </table>`;
  return page(`Settlement ${settlement.id}`, body, session, flash);
}
