// The frame of every /ops page: title, navigation with the logout button, the message left
// by the last action, and a little CSS. No scripts: forms and links do everything.
import { html, HtmlFragment } from './html';
import type { Flash, OpsSession } from './sessions';

const STYLE = `
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0 2em 2em; color: #222; }
  nav { display: flex; gap: 1.5em; align-items: center; padding: .8em 0; border-bottom: 1px solid #ccc; margin-bottom: 1em; }
  nav form { margin-left: auto; }
  table { border-collapse: collapse; margin: .5em 0 1.5em; }
  th, td { border: 1px solid #ddd; padding: .25em .6em; text-align: left; vertical-align: top; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .flash { padding: .5em 1em; margin-bottom: 1em; border-radius: 4px; }
  .flash.ok { background: #e6f4ea; } .flash.error { background: #fce8e6; }
  pre { margin: 0; max-width: 40em; white-space: pre-wrap; font-size: 12px; }
  form.inline { display: inline; }
`;

/** The hidden field every state-changing form carries. */
export const csrfField = (session: OpsSession) => html`<input type="hidden" name="csrf_token" value="${session.csrfToken}">`;

export function page(title: string, body: HtmlFragment, session?: OpsSession, flash?: Flash): string {
  const nav = session
    ? html`<nav>
        <strong>holdfast ops</strong>
        <a href="/ops/settlements">Settlements</a>
        <a href="/ops/exceptions">Exceptions</a>
        <a href="/ops/payouts">Payouts</a>
        <form method="post" action="/ops/logout">${csrfField(session)}<button type="submit">Log out</button></form>
      </nav>`
    : html`<nav><strong>holdfast ops</strong></nav>`;
  const message = flash ? html`<div class="flash ${flash.kind}" role="status">${flash.text}</div>` : '';
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title} · holdfast ops</title><style>${new HtmlFragment(STYLE)}</style></head>
<body>${nav}${message}<h1>${title}</h1>${body}</body>
</html>`.text;
}
