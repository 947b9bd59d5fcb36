import assert from 'node:assert/strict';
import { escapeHtml, html } from '../../api/ops/html';

describe('ops page HTML templates', () => {
  it('escapes every interpolated value, attributes included', () => {
    const hostile = `"><script>alert('x')</script>&`;
    assert.equal(
      html`<input value="${hostile}"><p>${hostile}</p>`.text,
      '<input value="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"><p>&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>',
    );
  });

  it('keeps nested fragments and lists of fragments as markup, escaping their own values', () => {
    const rows = ['<a>', 'b&c'].map((cell) => html`<td>${cell}</td>`);
    assert.equal(html`<tr>${rows}</tr>`.text, '<tr><td>&lt;a&gt;</td><td>b&amp;c</td></tr>');
  });

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    assert.equal(html`[${null}${undefined}${false}${0}${-12}]`.text, '[0-12]');
  });

  it('escapes the five characters that matter in text and quoted attributes', () => {
    assert.equal(escapeHtml(`&<>"'`), '&amp;&lt;&gt;&quot;&#39;');
  });
});
