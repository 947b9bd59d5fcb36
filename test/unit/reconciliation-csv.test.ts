// The RFC 4180 parser the Adyen settlement report is read with.
import assert from 'node:assert/strict';
import { CsvSyntaxError, parseCsv } from '../../psp/adyen/csv';

describe('CSV parser (RFC 4180)', () => {
  it('splits records on CRLF and fields on commas, keeping empty fields', () => {
    assert.deepEqual(parseCsv('a,b,c\r\n1,,3\r\n'), [
      ['a', 'b', 'c'],
      ['1', '', '3'],
    ]);
  });

  it('accepts bare LF line ends and a last record without a line break', () => {
    assert.deepEqual(parseCsv('a,b\n1,2'), [
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    assert.deepEqual(parseCsv('name,note\r\n"Shop, Inc.","said ""hi""\r\nthen left"\r\n'), [
      ['name', 'note'],
      ['Shop, Inc.', 'said "hi"\r\nthen left'],
    ]);
  });

  it('keeps an empty quoted field and a trailing empty field', () => {
    assert.deepEqual(parseCsv('"",x,\r\n'), [['', 'x', '']]);
  });

  it('refuses a quote that is never closed', () => {
    assert.throws(() => parseCsv('a,"b\r\n1,2\r\n'), CsvSyntaxError);
  });

  it('refuses a quote inside an unquoted field, and text after a closing quote', () => {
    assert.throws(() => parseCsv('a,b"c\r\n'), /quote inside an unquoted field/);
    assert.throws(() => parseCsv('"a"b,c\r\n'), /after a quoted field/);
  });

  it('counts lines in its errors past fields that hold line breaks', () => {
    assert.throws(() => parseCsv('"x\r\ny",1\r\nz,q"\r\n'), /line 3/);
  });
});
