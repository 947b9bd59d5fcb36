// The settlement batch file holdfast sends the acquirer: header, one detail line per item,
// trailer, as comma-separated records (no quoting: no field may contain a comma).
//   H,<batch_id>,<psp>,<merchant_id>,<currency>,<created ISO instant>
//   D,<item_id>,<capture|refund|void>,<psp_reference>,<amount in minor units>
//   T,<item_count>,<gross = Σ captures − Σ refunds; voids count 0>
// Parsing stops at the first fault and names its line (1-based), as an acquirer's file
// validation report does; nothing in a faulty file is evaluated.
import { isSupportedCurrency } from '../../domain/money';
import { PSP_NAMES, type PspName } from '../../domain/psp';
import type { SettlementKind } from '../fees';

export interface BatchHeader {
  batchId: string;
  psp: PspName;
  merchantId: string;
  /** Lower-case, like holdfast's currencies. */
  currency: string;
  created: string;
}

export interface BatchItem {
  itemId: string;
  kind: SettlementKind;
  pspReference: string;
  amount: number;
}

export interface BatchFile {
  header: BatchHeader;
  items: BatchItem[];
}

export class InvalidBatchFile extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'InvalidBatchFile';
  }
}

const KINDS: readonly SettlementKind[] = ['capture', 'refund', 'void'];
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const POSITIVE_INTEGER = /^[1-9]\d*$/;
const FIELDS = { H: 6, D: 5, T: 3 } as const;

export function parseBatchFile(text: string): BatchFile {
  const lines = text.split(/\r?\n/);
  // One newline after the trailer is usual; anything more is an empty record.
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) throw new InvalidBatchFile('the file is empty', 1);

  const header = parseHeader(fieldsOf(lines[0]!, 1), 1);
  const items: BatchItem[] = [];
  const itemIds = new Set<string>();
  for (let index = 1; index < lines.length; index++) {
    const line = index + 1;
    const fields = fieldsOf(lines[index]!, line);
    if (fields[0] === 'T') {
      if (index !== lines.length - 1) throw new InvalidBatchFile('the trailer (T) must be the last line', line);
      checkTrailer(fields, items, line);
      return { header, items };
    }
    const item = parseDetail(fields, line);
    if (itemIds.has(item.itemId)) throw new InvalidBatchFile(`item_id ${item.itemId} appears twice`, line);
    itemIds.add(item.itemId);
    items.push(item);
  }
  throw new InvalidBatchFile('the file ends without a trailer (T)', lines.length + 1);
}

function fieldsOf(text: string, line: number): string[] {
  const fields = text.split(',');
  const type = fields[0]!;
  if (!(type in FIELDS)) throw new InvalidBatchFile(`unknown record type ${JSON.stringify(type)}`, line);
  const expected = FIELDS[type as keyof typeof FIELDS];
  if (fields.length !== expected) {
    throw new InvalidBatchFile(`a ${type} record has ${expected} fields, this one has ${fields.length}`, line);
  }
  return fields;
}

function parseHeader(fields: string[], line: number): BatchHeader {
  const [type, batchId, psp, merchantId, currency, created] = fields as [string, string, string, string, string, string];
  if (type !== 'H') throw new InvalidBatchFile('the first line must be the header (H)', line);
  if (batchId === '') throw new InvalidBatchFile('batch_id is empty', line);
  if (!PSP_NAMES.includes(psp as PspName)) throw new InvalidBatchFile(`psp must be one of ${PSP_NAMES.join(', ')}`, line);
  if (merchantId === '') throw new InvalidBatchFile('merchant_id is empty', line);
  if (!isSupportedCurrency(currency.toLowerCase())) throw new InvalidBatchFile(`unknown currency ${JSON.stringify(currency)}`, line);
  if (!ISO_INSTANT.test(created) || Number.isNaN(Date.parse(created))) {
    throw new InvalidBatchFile(`created must be an ISO 8601 instant, got ${JSON.stringify(created)}`, line);
  }
  return { batchId, psp: psp as PspName, merchantId, currency: currency.toLowerCase(), created };
}

function parseDetail(fields: string[], line: number): BatchItem {
  const [type, itemId, kind, pspReference, amount] = fields as [string, string, string, string, string];
  if (type !== 'D') throw new InvalidBatchFile(`a ${type} record where a detail (D) or the trailer (T) belongs`, line);
  if (itemId === '') throw new InvalidBatchFile('item_id is empty', line);
  if (!KINDS.includes(kind as SettlementKind)) throw new InvalidBatchFile(`kind must be one of ${KINDS.join(', ')}`, line);
  if (pspReference === '') throw new InvalidBatchFile('psp_reference is empty', line);
  if (!POSITIVE_INTEGER.test(amount) || !Number.isSafeInteger(Number(amount))) {
    throw new InvalidBatchFile(`amount must be a positive integer of minor units, got ${JSON.stringify(amount)}`, line);
  }
  return { itemId, kind: kind as SettlementKind, pspReference, amount: Number(amount) };
}

function checkTrailer(fields: string[], items: BatchItem[], line: number): void {
  const [, count, gross] = fields as [string, string, string];
  if (!/^\d+$/.test(count) || Number(count) !== items.length) {
    throw new InvalidBatchFile(`the trailer counts ${JSON.stringify(count)} items, the file has ${items.length}`, line);
  }
  const expected = items.reduce((sum, item) => sum + signedGross(item), 0n);
  if (!/^-?\d+$/.test(gross) || BigInt(gross) !== expected) {
    throw new InvalidBatchFile(`the trailer's gross is ${JSON.stringify(gross)}, the items add up to ${expected}`, line);
  }
}

function signedGross(item: BatchItem): bigint {
  if (item.kind === 'capture') return BigInt(item.amount);
  if (item.kind === 'refund') return -BigInt(item.amount);
  return 0n;
}
