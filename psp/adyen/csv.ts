// RFC 4180 CSV, as Adyen writes its reports: comma-separated fields, records ended by CRLF
// (a bare LF is accepted too), and fields in double quotes when they hold a comma, a quote
// (doubled) or a line break. Strict: a stray quote or an unclosed one is an error, because a
// report misread by one field would be reconciled wrongly rather than not at all.

export class CsvSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** Every record's fields, in order; no trailing empty record for a final line break. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  /** True from a field's start until its first character: where a quote may open it. */
  let atFieldStart = true;

  const endField = () => {
    record.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
    line++;
  };

  while (i < text.length) {
    const char = text[i]!;
    if (atFieldStart && char === '"') {
      const close = quotedField(text, i, line);
      field = close.value;
      line += close.lineBreaks;
      i = close.next;
      atFieldStart = false;
      // After the closing quote only a separator or the end may follow.
      if (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        throw new CsvSyntaxError(`line ${line}: unexpected ${JSON.stringify(text[i])} after a quoted field`);
      }
      continue;
    }
    if (char === ',') {
      endField();
    } else if (char === '\r' || char === '\n') {
      endRecord();
      if (char === '\r' && text[i + 1] === '\n') i++;
    } else if (char === '"') {
      throw new CsvSyntaxError(`line ${line}: a quote inside an unquoted field`);
    } else {
      field += char;
      atFieldStart = false;
    }
    i++;
  }
  // The last record, unless the text ended with its line break.
  if (field !== '' || record.length > 0 || !atFieldStart) endRecord();
  return records;
}

/** Reads the quoted field opening at `start`; `next` is the index after its closing quote. */
function quotedField(text: string, start: number, line: number): { value: string; next: number; lineBreaks: number } {
  let value = '';
  let lineBreaks = 0;
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote === -1) throw new CsvSyntaxError(`line ${line}: a quoted field is never closed`);
    value += text.slice(i, quote);
    if (text[quote + 1] === '"') {
      value += '"';
      i = quote + 2;
      continue;
    }
    lineBreaks = (value.match(/\r\n|\r|\n/g) ?? []).length;
    return { value, next: quote + 1, lineBreaks };
  }
}
