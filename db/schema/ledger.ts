import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import type { AccountType, PostingKind } from '../../domain/ledger/types';

// The double-entry ledger. What drizzle cannot express (balanced transactions checked at
// commit, append-only tables) lives in the hand-written migration `*_ledger_invariants.sql`.

/** Accounts are created lazily by the posting activity; code + currency names one. */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** e.g. `merchant:mer_123:pending`; its type is derived from it (domain/ledger/accounts). */
    code: text('code').notNull(),
    currency: text('currency').notNull(),
    type: text('type').$type<AccountType>().notNull(),
    /** Set for merchant-scoped accounts so a merchant's accounts are found without parsing codes. */
    merchantId: text('merchant_id'),
    /** Set for a marketplace seller's accounts (`seller:<id>:…`). */
    sellerId: text('seller_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('ledger_accounts_code_currency_key').on(t.code, t.currency),
    // Target of the entries' (account_id, currency) foreign key, which is what makes an
    // entry's currency equal its account's.
    unique('ledger_accounts_id_currency_key').on(t.id, t.currency),
    check('ledger_accounts_type_check', sql`${t.type} in ('asset', 'liability', 'revenue', 'expense', 'memo')`),
    check('ledger_accounts_currency_check', sql`${t.currency} ~ '^[a-z]{3}$'`),
    index('ledger_accounts_merchant_idx').on(t.merchantId),
    index('ledger_accounts_seller_idx').on(t.sellerId),
  ],
);

/** One posting: a set of entries that sum to zero per currency, written at most once per key. */
export const ledgerTransactions = pgTable(
  'ledger_transactions',
  {
    /** `ltx_` + a random UUID without dashes. */
    id: text('id').primaryKey(),
    /** Derived from the business event (`payment:<id>:capture`): a retried posting is a no-op. */
    postingKey: text('posting_key').notNull().unique('ledger_transactions_posting_key_key'),
    kind: text('kind').$type<PostingKind>().notNull(),
    /** Null for platform-level postings (an unmatched PSP charge). */
    merchantId: text('merchant_id'),
    paymentId: text('payment_id'),
    refundId: text('refund_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'ledger_transactions_kind_check',
      sql`${t.kind} in ('authorization_hold', 'hold_release', 'capture', 'refund', 'settlement', 'reconciliation', 'payout', 'dispute')`,
    ),
    index('ledger_transactions_merchant_created_idx').on(t.merchantId, t.createdAt),
    index('ledger_transactions_payment_idx').on(t.paymentId),
  ],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /**
     * The ledger transaction and the (account, currency) an entry names are checked once per
     * INSERT statement by the trigger ledger_entries_checked, not by foreign keys (migration 0012).
     */
    transactionId: text('transaction_id').notNull(),
    accountId: bigint('account_id', { mode: 'number' }).notNull(),
    /** Signed minor units: positive = debit, negative = credit; never zero. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ledger_entries_amount_nonzero_check', sql`${t.amount} <> 0`),
    index('ledger_entries_transaction_idx').on(t.transactionId),
    index('ledger_entries_account_idx').on(t.accountId),
  ],
);
