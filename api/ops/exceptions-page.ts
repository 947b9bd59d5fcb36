// The exceptions queue: a filter form, and per exception what is known and, while it is
// open, a form to resolve it with an action and a note.
import { EXCEPTION_ACTIONS } from '../exceptions/exception-decision';
import { formatMoney } from '../../domain/money';
import type { ReconciliationExceptionView } from '../../views/reconciliation';
import { time } from './format';
import { html } from './html';
import { csrfField, page } from './layout';
import type { OpsSession, PageContext } from './sessions';

export interface ExceptionsFilter {
  status: 'open' | 'resolved' | 'all';
  category?: 2 | 3;
  kind?: string;
}

const option = (value: string, label: string, selected: boolean) =>
  html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;

/** The queue's URL with this filter, where a resolve form sends the person back. */
export function exceptionsUrl(filter: ExceptionsFilter): string {
  const query = new URLSearchParams({ status: filter.status });
  if (filter.category) query.set('category', String(filter.category));
  if (filter.kind) query.set('kind', filter.kind);
  return `/ops/exceptions?${query}`;
}

/** The PSP's figure minus ours, signed, when the exception is about money: what a person decides on. */
function difference(context: unknown): string {
  const found = (context as { difference?: { amount?: unknown; currency?: unknown; of?: unknown } } | null)?.difference;
  if (typeof found?.amount !== 'number' || typeof found.currency !== 'string') return '—';
  const sign = found.amount > 0 ? '+' : '−';
  return `${sign}${formatMoney(Math.abs(found.amount), found.currency)} (${String(found.of ?? 'amount')})`;
}

function resolveForm(exception: ReconciliationExceptionView, filter: ExceptionsFilter, session: OpsSession) {
  return html`<form method="post" action="/ops/exceptions/${exception.id}/resolve" class="resolve">
    ${csrfField(session)}
    <input type="hidden" name="back" value="${exceptionsUrl(filter)}">
    <select name="action" aria-label="Action">${EXCEPTION_ACTIONS.map((action) => option(action, action, false))}</select>
    <input type="text" name="note" placeholder="Note (why)" required maxlength="1000" aria-label="Note">
    <button type="submit">Resolve</button>
  </form>`;
}

export function exceptionsPage(
  filter: ExceptionsFilter,
  exceptions: ReconciliationExceptionView[],
  /** More match than are shown: the page shows the newest. */
  more: boolean,
  { session, flash }: PageContext,
): string {
  const body = html`<form method="get" action="/ops/exceptions">
      <label>Status <select name="status">
        ${option('open', 'open', filter.status === 'open')}${option('resolved', 'resolved', filter.status === 'resolved')}${option('all', 'all', filter.status === 'all')}
      </select></label>
      <label>Category <select name="category">
        ${option('', 'any', filter.category === undefined)}${option('2', '2 · understood', filter.category === 2)}${option('3', '3 · not understood', filter.category === 3)}
      </select></label>
      <label>Kind <input type="text" name="kind" value="${filter.kind ?? ''}" placeholder="any"></label>
      <button type="submit">Filter</button>
    </form>
    ${
      exceptions.length === 0
        ? html`<p>No exceptions.</p>`
        : html`<table>
          <tr><th>Exception</th><th>Kind</th><th>Cat.</th><th>Status</th><th>Subject</th><th>PSP · date</th><th>Merchant · payment</th><th>Difference</th><th>Context</th><th>Resolution</th></tr>
          ${exceptions.map(
            (e) => html`<tr id="${e.id}" data-status="${e.status}">
              <td>${e.id}<br><small>${time(e.created)}</small></td>
              <td>${e.kind}</td><td class="num">${e.category}</td><td>${e.status}</td><td>${e.subject}</td>
              <td>${e.psp ?? '—'} · ${e.date ?? '—'}</td><td>${e.merchant ?? '—'} · ${e.payment ?? '—'}</td>
              <td class="num">${difference(e.context)}</td>
              <td><details><summary>context</summary><pre>${JSON.stringify(e.context, null, 1)}</pre></details></td>
              <td>${e.status === 'open' ? resolveForm(e, filter, session) : html`<pre>${JSON.stringify(e.resolution, null, 1)}</pre>`}</td>
            </tr>`,
          )}
        </table>`
    }
    ${more ? html`<p>Showing the newest ${exceptions.length}; narrow the filter to see older ones.</p>` : ''}`;
  return page('Exceptions', body, session, flash);
}
