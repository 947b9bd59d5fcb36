// HTML from template strings where every interpolated value is escaped unless it is itself
// a fragment built by `html`: escaping is the default, so a forgotten call cannot inject.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

export class HtmlFragment {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Value = HtmlFragment | string | number | boolean | null | undefined | Value[];

function render(value: Value): string {
  if (value instanceof HtmlFragment) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): HtmlFragment {
  return new HtmlFragment(strings.reduce((out, text, i) => out + text + (i < values.length ? render(values[i]!) : ''), ''));
}
