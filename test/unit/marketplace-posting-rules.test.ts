// Posting rules for split payments, payouts and disputes: balanced, on the right accounts,
// keyed once per step.
import assert from 'node:assert/strict';
import {
  capture,
  disputeHeld,
  disputeLost,
  disputeWon,
  payoutPaid,
  payoutReserved,
  payoutReturned,
  refund,
  settlement,
  type Posting,
} from '../../domain/ledger';

const payment = { paymentId: 'pay_1', merchantId: 'mer_1', psp: 'stripe', currency: 'jpy' };

function byAccount(posting: Posting): Record<string, number> {
  return Object.fromEntries(posting.entries.map((e) => [e.account, e.amount]));
}

function realSum(posting: Posting): number {
  return posting.entries.filter((e) => !e.account.startsWith('memo:')).reduce((sum, e) => sum + e.amount, 0);
}

describe('split payment postings', () => {
  it('a capture credits each seller its part, and the merchant the rest less the fee on the whole capture', () => {
    const posting = capture({
      ...payment,
      authorizedAmount: 1001,
      amount: 1001,
      feeBps: 290,
      sellerParts: [
        { seller: 'sel_a', amount: 333 },
        { seller: 'sel_b', amount: 333 },
      ],
    });
    // fee = floor(1001 × 2.9%) = 29; merchant = 1001 − 666 − 29 = 306.
    assert.deepEqual(byAccount(posting), {
      'memo:holds:stripe': -1001,
      'memo:holds_offset:mer_1': 1001,
      'psp:stripe:receivable': 1001,
      'seller:sel_a:pending': -333,
      'seller:sel_b:pending': -333,
      'merchant:mer_1:pending': -306,
      'platform:fees': -29,
    });
    assert.equal(realSum(posting), 0);
  });

  it('a refund debits each seller its part and the merchant the rest', () => {
    const posting = refund({ ...payment, refundId: 're_1', amount: 500, sellerParts: [{ seller: 'sel_a', amount: 166 }] });
    assert.deepEqual(byAccount(posting), {
      'seller:sel_a:pending': 166,
      'merchant:mer_1:pending': 334,
      'psp:stripe:receivable': -500,
    });
  });

  it('settlement moves each seller share from pending to available beside the merchant share', () => {
    const posting = settlement({
      ledgerTransactionId: 'ltx_1',
      psp: 'stripe',
      merchantId: 'mer_1',
      paymentId: 'pay_1',
      currency: 'jpy',
      receivable: 1001,
      merchantShare: 306,
      sellerShares: [{ seller: 'sel_a', amount: 333 }],
      fee: 10,
    });
    assert.equal(byAccount(posting)['seller:sel_a:pending'], 333);
    assert.equal(byAccount(posting)['seller:sel_a:available'], -333);
    assert.equal(realSum(posting), 0);
  });
});

describe('payout postings', () => {
  const ref = { payoutId: 'po_1', merchantId: 'mer_1', sellerId: 'sel_a', psp: 'adyen', amount: 700, currency: 'usd' };

  it('reserve, paid and returned move the amount between the seller accounts and the bank, one key per step', () => {
    assert.deepEqual(byAccount(payoutReserved(ref)), { 'seller:sel_a:available': 700, 'seller:sel_a:payout_reserve': -700 });
    assert.deepEqual(byAccount(payoutPaid(ref)), { 'seller:sel_a:payout_reserve': 700, 'bank:adyen:settlement': -700 });
    assert.deepEqual(byAccount(payoutReturned(ref)), { 'seller:sel_a:payout_reserve': 700, 'seller:sel_a:available': -700 });
    const keys = [payoutReserved(ref), payoutPaid(ref), payoutReturned(ref)].map((p) => p.postingKey);
    assert.deepEqual(keys, ['payout:po_1:reserve', 'payout:po_1:paid', 'payout:po_1:returned']);
    assert.ok([payoutReserved(ref), payoutPaid(ref)].every((p) => p.kind === 'payout' && p.paymentId === null));
  });

  it('refuses a payout of nothing', () => {
    assert.throws(() => payoutReserved({ ...ref, amount: 0 }), /payout amount/);
  });
});

describe('dispute postings', () => {
  const ref = {
    disputeId: 'dsp_1',
    merchantId: 'mer_1',
    paymentId: 'pay_1',
    psp: 'stripe',
    currency: 'usd',
    shares: [
      { seller: null, amount: 1 },
      { seller: 'sel_a', amount: 333 },
    ],
  };

  it('the hold takes the disputed amount from the PSP receivable and each share from available into its reserve', () => {
    assert.deepEqual(byAccount(disputeHeld(ref)), {
      'psp:stripe:disputes': 334,
      'psp:stripe:receivable': -334,
      'merchant:mer_1:available': 1,
      'merchant:mer_1:dispute_reserve': -1,
      'seller:sel_a:available': 333,
      'seller:sel_a:dispute_reserve': -333,
    });
  });

  it('won reverses the hold; lost gives the reserves up against what the PSP withdrew', () => {
    const won = byAccount(disputeWon(ref));
    const held = byAccount(disputeHeld(ref));
    for (const [account, amount] of Object.entries(held)) assert.equal(won[account], -amount, account);
    assert.deepEqual(byAccount(disputeLost(ref)), {
      'merchant:mer_1:dispute_reserve': 1,
      'seller:sel_a:dispute_reserve': 333,
      'psp:stripe:disputes': -334,
    });
    assert.deepEqual(
      [disputeHeld(ref), disputeWon(ref), disputeLost(ref)].map((p) => p.postingKey),
      ['dispute:dsp_1:hold', 'dispute:dsp_1:won', 'dispute:dsp_1:lost'],
    );
  });
});
