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
  /** Asset: money a PSP withdrew for open disputes; it comes back if the dispute is won. */
  pspDisputes: (psp: string) => `psp:${id(psp, 'psp')}:disputes`,
  /** Liability: the merchant's share of disputed payments, held until the outcome. */
  merchantDisputeReserve: (merchantId: string) => `merchant:${id(merchantId, 'merchant id')}:dispute_reserve`,
  /** Liability: a marketplace seller's share of captured money, not yet settled. */
  sellerPending: (sellerId: string) => `seller:${id(sellerId, 'seller id')}:pending`,
  /** Liability: a seller's settled money, ready to pay out. A payout may never overdraw it. */
  sellerAvailable: (sellerId: string) => `seller:${id(sellerId, 'seller id')}:available`,
  /** Liability: a seller's money reserved for payouts on their way to its bank. */
  sellerPayoutReserve: (sellerId: string) => `seller:${id(sellerId, 'seller id')}:payout_reserve`,
  /** Liability: a seller's share of disputed payments, held until the outcome. */
  sellerDisputeReserve: (sellerId: string) => `seller:${id(sellerId, 'seller id')}:dispute_reserve`,
  /** Memo: authorized-but-uncaptured money on cards at a PSP; off balance sheet. */
  memoHolds: (psp: string) => `memo:holds:${id(psp, 'psp')}`,
  /** Memo: the merchant's side of its holds, so memo entries balance among themselves. */
  memoHoldsOffset: (merchantId: string) => `memo:holds_offset:${id(merchantId, 'merchant id')}`,
};

export interface AccountDescription {
  type: AccountType;
  /** The merchant a merchant-scoped account belongs to; null for platform, PSP and seller accounts. */
  merchantId: string | null;
  /** The seller a seller-scoped account belongs to. */
  sellerId: string | null;
}

const SELLER_ACCOUNTS = ['pending', 'available', 'payout_reserve', 'dispute_reserve'];
const MERCHANT_ACCOUNTS = ['pending', 'available', 'dispute_reserve'];

/** The type and owner of the account a code names; throws for a code no rule produces. */
export function describeAccount(code: string): AccountDescription {
  const parts = code.split(':');
  const [head, middle, tail] = parts;
  const platform = (type: AccountType): AccountDescription => ({ type, merchantId: null, sellerId: null });
  if (parts.length === 2 && head === 'platform') {
    if (middle === 'fees') return platform('revenue');
    if (middle === 'suspense') return platform('liability');
    if (middle === 'write_offs') return platform('expense');
  }
  if (parts.length === 3 && middle !== undefined && tail !== undefined) {
    if (head === 'psp' && isIdentifier(middle) && (tail === 'receivable' || tail === 'disputes')) return platform('asset');
    if (head === 'psp' && isIdentifier(middle) && tail === 'fees') return platform('expense');
    if (head === 'bank' && isIdentifier(middle) && tail === 'settlement') return platform('asset');
    if (head === 'merchant' && isIdentifier(middle) && MERCHANT_ACCOUNTS.includes(tail)) {
      return { type: 'liability', merchantId: middle, sellerId: null };
    }
    if (head === 'seller' && isIdentifier(middle) && SELLER_ACCOUNTS.includes(tail)) {
      return { type: 'liability', merchantId: null, sellerId: middle };
    }
    if (head === 'memo' && middle === 'holds' && isIdentifier(tail)) return platform('memo');
    if (head === 'memo' && middle === 'holds_offset' && isIdentifier(tail)) {
      return { type: 'memo', merchantId: tail, sellerId: null };
    }
  }
  throw new Error(`unknown ledger account code: ${JSON.stringify(code)}`);
}
