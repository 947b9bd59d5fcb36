import assert from 'node:assert/strict';
import { z } from 'zod';
import { openApiDocument } from '../../api/openapi';
import { freeText, metadata, plainText, requiredText } from '../../api/schemas/fields';
import { findUnstorable } from '../../api/middleware/storable-body';

const ok = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

describe('text fields', () => {
  const controls = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
  const refusedEverywhere = [
    ...controls(0x00, 0x08),
    '\u000B',
    '\u000C',
    ...controls(0x0e, 0x1f),
    ...controls(0x7f, 0x9f),
    '\ud800',
    '\udfff',
  ];

  it('free text refuses NUL, the other C0 and C1 controls and lone surrogates, and keeps tab, LF and CR', () => {
    for (const c of refusedEverywhere) assert.equal(ok(freeText(100), `a${c}b`), false, `U+${c.charCodeAt(0).toString(16)}`);
    for (const c of ['\t', '\n', '\r', '🙂', 'é', '\u00A0', '\u2028']) assert.equal(ok(freeText(100), `a${c}b`), true, c);
  });

  it('ids, keys and URLs refuse every control character, tab, LF and CR included', () => {
    for (const c of [...refusedEverywhere, '\t', '\n', '\r']) assert.equal(ok(plainText(100), `a${c}b`), false);
    assert.equal(ok(plainText(100), 'order_42:é🙂'), true);
  });

  it('lengths count characters as JSON Schema does: an emoji is one', () => {
    assert.equal(ok(freeText(3), '🙂🙂🙂'), true);
    assert.equal(ok(freeText(3), '🙂🙂🙂🙂'), false);
  });

  it('required text is trimmed and must not be blank', () => {
    assert.deepEqual(requiredText(10).parse('  Ada  '), 'Ada');
    for (const blank of ['', ' ', '\t\n', '\u3000\uFEFF']) assert.equal(ok(requiredText(10), blank), false, JSON.stringify(blank));
  });

  it('metadata refuses a control character in a key or a value', () => {
    assert.equal(ok(metadata, { order: '42' }), true);
    assert.equal(ok(metadata, { 'or\u0001der': '42' }), false);
    assert.equal(ok(metadata, { order: '4\u00002' }), false);
    assert.equal(ok(metadata, { order: 'line\nbreak' }), true);
  });

  it('the body net names the first unstorable string, and only NUL and lone surrogates', () => {
    assert.equal(findUnstorable({ a: 'x', b: [{ c: 'ok' }, { c: 'n\u0000' }] }), 'b[1][c]');
    assert.equal(findUnstorable({ m: { 'k\ud800': 'v' } }), 'm');
    assert.equal(findUnstorable({ a: 'bell\u0007 is the schemas’ business', n: 1, t: true, z: null }), undefined);
  });

  it('the documented patterns say what the code does, in a form other tools read (no surrogates, no `u` flag needed)', () => {
    const document = JSON.stringify(openApiDocument());
    assert.ok(!/\\\\u[dD][89abAB]/.test(document), 'no surrogate range in a pattern');
    const description = new RegExp(
      (openApiDocument().paths['/v1/payments'].post.requestBody.content['application/json'].schema as any).properties.description.pattern,
    );
    assert.equal(description.test('a\tb\r\n'), true);
    assert.equal(description.test('a\u0000'), false);
    assert.equal(description.test('a\u0085'), false);
  });
});
