// The old release's id formulas, frozen: these are the ids `git show 88bcf99^1:api/ids.ts`
// derives for the same merchant and key. A takeover finds the old release's refund, payout or
// Update only while they stay exactly so.
import assert from 'node:assert/strict';
import { derivePayoutId, deriveRefundId } from '../../views/ids';
import { legacyPaymentRequestId, legacyPayoutId, legacyRefundId } from '../../api/legacy-derived-ids';

describe('ids the release before derived from an Idempotency-Key', () => {
  it('are the old release’s, byte for byte', () => {
    assert.equal(legacyRefundId('mer_123', 'key-1'), 're_10988e18c07ccaba738011c7');
    assert.equal(legacyPayoutId('mer_123', 'key-1'), 'po_5e0fc78c415cfc83f976d256');
    assert.equal(legacyPaymentRequestId('mer_123', 'key-1'), '567e6c6c33665a3a67879b37');
  });

  it('differ from the ids derived now, which name their parent', () => {
    assert.notEqual(deriveRefundId('mer_123', 'pay_1', 'key-1'), legacyRefundId('mer_123', 'key-1'));
    assert.notEqual(derivePayoutId('mer_123', 'sel_1', 'key-1'), legacyPayoutId('mer_123', 'key-1'));
  });
});
