// The merchant's written case as a PDF: Adyen takes defense documents as PDF, JPEG or TIFF
// only (its dispute defense requirements), not plain text. A plain page of Helvetica is all a
// reviewer at the scheme needs; no library, so nothing here can pull in more than text.
// Pure: the same text gives the same bytes.

const PAGE_WIDTH = 612; // US Letter in points; A4 would do as well
const PAGE_HEIGHT = 792;
const MARGIN = 72;
const FONT_SIZE = 11;
const LEADING = 14;
/** Helvetica at 11 pt averages well under 6 pt a character: 80 fit between the margins. */
const CHARACTERS_PER_LINE = 80;
const LINES_PER_PAGE = Math.floor((PAGE_HEIGHT - 2 * MARGIN) / LEADING);

/** A PDF of `text`, wrapped at word boundaries, as many pages as it takes. */
export function evidencePdf(text: string): Buffer {
  const lines = wrap(latin1Only(text));
  const pages: string[][] = [];
  for (let start = 0; start < lines.length; start += LINES_PER_PAGE) pages.push(lines.slice(start, start + LINES_PER_PAGE));
  if (pages.length === 0) pages.push([]);

  // Objects 1–3 are the catalog, the page tree and the font; then each page and its content.
  const pageId = (index: number) => 4 + 2 * index;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pages.map((_, index) => `${pageId(index)} 0 R`).join(' ')}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  pages.forEach((pageLines, index) => {
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageId(index) + 1} 0 R >>`,
    );
    const stream = contentStream(pageLines);
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  });

  // Every character is one byte (latin1), so string offsets are byte offsets.
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

function contentStream(lines: string[]): string {
  const shown = lines.map((line) => `(${escapePdfString(line)}) Tj T*`).join('\n');
  return `BT\n/F1 ${FONT_SIZE} Tf\n${LEADING} TL\n${MARGIN} ${PAGE_HEIGHT - MARGIN} Td\n${shown}\nET`;
}

/** Paragraphs kept, long lines broken between words (a word longer than a line is cut). */
function wrap(text: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
      for (let rest = word; rest !== '';) {
        const candidate = line === '' ? rest : `${line} ${rest}`;
        if (candidate.length <= CHARACTERS_PER_LINE) {
          line = candidate;
          rest = '';
        } else if (line !== '') {
          lines.push(line);
          line = '';
        } else {
          lines.push(rest.slice(0, CHARACTERS_PER_LINE));
          rest = rest.slice(CHARACTERS_PER_LINE);
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

/** WinAnsi covers Latin-1's printable characters; anything else would print as garbage, so it is '?'. */
function latin1Only(text: string): string {
  return text.replace(/[^\n\r\t\x20-\x7e\xa0-\xff]/g, '?');
}

function escapePdfString(line: string): string {
  return line.replace(/[\\()]/g, (character) => `\\${character}`);
}
