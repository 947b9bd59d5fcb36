// Ledger account codes. A code names the account and says what it is, so the posting
// activity can create accounts lazily (type and owner come from the code) and a code read
// in a ledger listing explains itself.
import { assertIdentifier, isIdentifier } from './assert';
import type { AccountType } from './types';

function id(value: string, what: string): string {
  assertIdentifier(value, what);
  return value;
}

export const accounts = {
  /** Asset: what the PSP owes us for captured payments until it pays out. */
  pspReceivable: (psp: string) => `psp:${id(psp, 'psp')}:receivable`,
  /** Liability: captured money owed to the merchant, not yet settled. */
  merchantPending: (merchantId: string) => `merchant:${id(merchantId, 'merchant id')}:pending`,
  /** Liability: settled money owed to the merchant, ready to pay out. */
  merchantAvailable: (merchantId: string) => `merchant:${id(merchantId, 'merchant id')}:available`,
  /** Revenue: the platform's fees on captures. */
  platformFees: () => 'platform:fees',
  /** Asset: the bank account the PSP pays settled funds into. */
  settlementBank: (psp: string) => `bank:${id(psp, 'psp')}:settlement`,
  /** Expense: what the PSP keeps of each settled item. */
  pspFees: (psp: string) => `psp:${id(psp, 'psp')}:fees`,
  /** Liability: money the PSP reports that no merchant's payment explains, until it is returned. */
  suspense: () => 'platform:suspense',
  /** Expense: reconciliation differences the platform absorbs (or, negative, gains). */
  writeOffs: () => 'platform:write_offs',
  /** Memo: authorized-but-uncaptured money on cards at a PSP; off balance sheet. */
  memoHolds: (psp: string) => `memo:holds:${id(psp, 'psp')}`,
  /** Memo: the merchant's side of its holds, so memo entries balance among themselves. */
  memoHoldsOffset: (merchantId: string) => `memo:holds_offset:${id(merchantId, 'merchant id')}`,
};

export interface AccountDescription {
  type: AccountType;
  /** The merchant a merchant-scoped account belongs to; null for platform and PSP accounts. */
  merchantId: string | null;
}

/** The type and owner of the account a code names; throws for a code no rule produces. */
export function describeAccount(code: string): AccountDescription {
  const parts = code.split(':');
  const [head, middle, tail] = parts;
  if (parts.length === 2 && head === 'platform') {
    if (middle === 'fees') return { type: 'revenue', merchantId: null };
    if (middle === 'suspense') return { type: 'liability', merchantId: null };
    if (middle === 'write_offs') return { type: 'expense', merchantId: null };
  }
  if (parts.length === 3) {
    if (head === 'psp' && isIdentifier(middle) && tail === 'receivable') {
      return { type: 'asset', merchantId: null };
    }
    if (head === 'psp' && isIdentifier(middle) && tail === 'fees') {
      return { type: 'expense', merchantId: null };
    }
    if (head === 'bank' && isIdentifier(middle) && tail === 'settlement') {
      return { type: 'asset', merchantId: null };
    }
    if (head === 'merchant' && isIdentifier(middle) && (tail === 'pending' || tail === 'available')) {
      return { type: 'liability', merchantId: middle };
    }
    if (head === 'memo' && middle === 'holds' && isIdentifier(tail)) {
      return { type: 'memo', merchantId: null };
    }
    if (head === 'memo' && middle === 'holds_offset' && isIdentifier(tail)) {
      return { type: 'memo', merchantId: tail };
    }
  }
  throw new Error(`unknown ledger account code: ${JSON.stringify(code)}`);
}
