// The batch file sent to the acquirer: header, one detail line per item, trailer. A plain
// clearing-file layout, so the file stored with the batch is exactly what was sent and can be
// read by a person in an audit.
//
//   H,<batch id>,<psp>,<merchant id>,<currency>,<created ISO instant>
//   D,<item id>,<capture|refund|void>,<psp reference>,<amount>
//   T,<item count>,<gross: captures − refunds, voids count 0>

export interface BatchFileItem {
  itemId: string;
  kind: 'capture' | 'refund' | 'void';
  pspReference: string;
  /** Positive minor units. */
  amount: number;
}

export interface BatchFileHeader {
  batchId: string;
  psp: string;
  merchantId: string;
  currency: string;
  createdAt: string;
}

/** What an item adds to the batch's gross: a capture in, a refund out, a void nothing. */
export function grossOf(item: Pick<BatchFileItem, 'kind' | 'amount'>): number {
  return item.kind === 'capture' ? item.amount : item.kind === 'refund' ? -item.amount : 0;
}

/** No field may carry the separator or a line break: every value is an id, a code or a number. */
function field(value: string | number): string {
  const text = String(value);
  if (/[,\r\n"]/.test(text)) throw new Error(`batch file field contains a separator: ${JSON.stringify(text)}`);
  return text;
}

export function buildBatchFile(header: BatchFileHeader, items: BatchFileItem[]): string {
  if (items.length === 0) throw new Error(`batch ${header.batchId} has no items`);
  const gross = items.reduce((sum, item) => sum + grossOf(item), 0);
  const lines = [
    ['H', header.batchId, header.psp, header.merchantId, header.currency, header.createdAt],
    ...items.map((item) => ['D', item.itemId, item.kind, item.pspReference, item.amount]),
    ['T', items.length, gross],
  ];
  return `${lines.map((line) => line.map(field).join(',')).join('\n')}\n`;
}
