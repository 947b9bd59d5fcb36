/**
 * One CSV record as RFC 4180 writes it: a field is quoted only when it holds a comma, a
 * double quote or a line break, and a quote inside is doubled.
 */
export function csvRecord(fields: readonly string[]): string {
  return fields.map((field) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field)).join(',');
}
