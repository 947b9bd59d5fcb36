import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
  pspEventsFromAdyenNotification,
  UnmappableAdyenNotificationError,
  verifyAdyenNotificationItem,
} from '../../psp/adyen/notifications';
import type { AdyenNotificationItem } from '../support/adyen-notification-item';

const HMAC_KEY = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';
const OTHER_KEY = 'A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90';

/** Adyen's recipe, written out here so the library's validator is checked against it. */
function signed(item: AdyenNotificationItem, key = HMAC_KEY): AdyenNotificationItem {
  const data = [
    item.pspReference,
    item.originalReference ?? '',
    item.merchantAccountCode,
    item.merchantReference,
    item.amount.value,
    item.amount.currency,
    item.eventCode,
    item.success,
  ].join(':');
  const hmacSignature = createHmac('sha256', Buffer.from(key, 'hex')).update(data).digest('base64');
  return { ...item, additionalData: { ...item.additionalData, hmacSignature } };
}

function item(fields: Partial<AdyenNotificationItem>): AdyenNotificationItem {
  return {
    pspReference: 'PAYMENT000000001',
    merchantAccountCode: 'HoldfastECOM',
    merchantReference: 'pay_123',
    amount: { value: 2500, currency: 'EUR' },
    eventCode: 'AUTHORISATION',
    eventDate: '2026-03-01T10:15:30+01:00',
    success: 'true',
    ...fields,
  };
}

function modification(eventCode: string, fields: Partial<AdyenNotificationItem> = {}): AdyenNotificationItem {
  return item({ eventCode, pspReference: 'MODIFICATION0001', originalReference: 'PAYMENT000000001', ...fields });
}

function eventsOf(...items: AdyenNotificationItem[]) {
  return pspEventsFromAdyenNotification({ notificationItems: items.map((NotificationRequestItem) => ({ NotificationRequestItem })) });
}

describe('Adyen notifications', () => {
  describe('HMAC', () => {
    it('accepts an item signed with the key', () => {
      assert.equal(verifyAdyenNotificationItem(signed(item({})), HMAC_KEY), true);
      assert.equal(verifyAdyenNotificationItem(signed(modification('REFUND')), HMAC_KEY), true);
    });

    it('refuses an item signed with another key', () => {
      assert.equal(verifyAdyenNotificationItem(signed(item({}), OTHER_KEY), HMAC_KEY), false);
    });

    it('refuses an item changed after signing (amount, success, reference)', () => {
      const original = signed(item({}));
      assert.equal(verifyAdyenNotificationItem({ ...original, amount: { value: 9999, currency: 'EUR' } }, HMAC_KEY), false);
      assert.equal(verifyAdyenNotificationItem({ ...original, success: 'false' }, HMAC_KEY), false);
      assert.equal(verifyAdyenNotificationItem({ ...original, merchantReference: 'pay_other' }, HMAC_KEY), false);
    });

    it('refuses an unsigned item and anything that is not an item', () => {
      assert.equal(verifyAdyenNotificationItem(item({}), HMAC_KEY), false);
      assert.equal(verifyAdyenNotificationItem(undefined, HMAC_KEY), false);
      assert.equal(verifyAdyenNotificationItem({ pspReference: 'X' }, HMAC_KEY), false);
    });
  });

  describe('events', () => {
    it('AUTHORISATION success is `authorized`, for our payment id, in minor units, at the event time', () => {
      assert.deepEqual(eventsOf(item({})), [
        {
          psp: 'adyen',
          eventId: 'AUTHORISATION:PAYMENT000000001:true',
          kind: 'authorized',
          pspReference: 'PAYMENT000000001',
          paymentId: 'pay_123',
          amount: 2500,
          currency: 'eur',
          occurredAt: '2026-03-01T09:15:30.000Z',
        },
      ]);
    });

    it('AUTHORISATION failure is `authorization_failed`, with the refusal mapped', () => {
      const [event] = eventsOf(item({ success: 'false', reason: 'Not enough balance' }));
      assert.equal(event.kind, 'authorization_failed');
      assert.equal(event.failureCode, 'insufficient_funds');
      assert.equal(event.failureMessage, 'Not enough balance');
      assert.equal(event.eventId, 'AUTHORISATION:PAYMENT000000001:false');
      const [other] = eventsOf(item({ success: 'false', reason: 'Refused' }));
      assert.equal(other.failureCode, 'card_declined');
    });

    it('CAPTURE is `captured` for the original payment, with our payment id from merchantReference', () => {
      const [event] = eventsOf(modification('CAPTURE', { amount: { value: 2000, currency: 'EUR' } }));
      assert.equal(event.kind, 'captured');
      assert.equal(event.pspReference, 'PAYMENT000000001');
      assert.equal(event.paymentId, 'pay_123');
      assert.equal(event.amount, 2000);
      assert.equal(event.eventId, 'CAPTURE:MODIFICATION0001:true');
    });

    it('CAPTURE with success=false failed Adyen checks: `capture_failed`', () => {
      const [event] = eventsOf(modification('CAPTURE', { success: 'false', reason: 'Insufficient balance on payment' }));
      assert.equal(event.kind, 'capture_failed');
      assert.equal(event.failureCode, 'refused_by_psp');
      assert.equal(event.failureMessage, 'Insufficient balance on payment');
    });

    it('CAPTURE_FAILED is `capture_failed`, rejected by the scheme', () => {
      const [event] = eventsOf(modification('CAPTURE_FAILED'));
      assert.equal(event.kind, 'capture_failed');
      assert.equal(event.failureCode, 'rejected_by_scheme');
      assert.equal(event.pspReference, 'PAYMENT000000001');
    });

    it('CANCELLATION is `canceled` or `cancel_failed` by success', () => {
      assert.equal(eventsOf(modification('CANCELLATION'))[0].kind, 'canceled');
      assert.equal(eventsOf(modification('CANCELLATION', { success: 'false' }))[0].kind, 'cancel_failed');
      assert.equal(eventsOf(modification('CANCELLATION'))[0].paymentId, 'pay_123');
    });

    it("REFUND is `refunded` for our refund id, under the refund's own pspReference", () => {
      const [event] = eventsOf(modification('REFUND', { merchantReference: 're_9', amount: { value: 500, currency: 'EUR' } }));
      assert.equal(event.kind, 'refunded');
      assert.equal(event.refundId, 're_9');
      assert.equal(event.pspRefundReference, 'MODIFICATION0001');
      assert.equal(event.pspReference, 'PAYMENT000000001');
      assert.equal(event.paymentId, undefined);
      assert.equal(event.amount, 500);
    });

    it('REFUND with success=false and REFUND_FAILED are `refund_failed`', () => {
      assert.equal(eventsOf(modification('REFUND', { success: 'false' }))[0].kind, 'refund_failed');
      const [failed] = eventsOf(modification('REFUND_FAILED', { merchantReference: 're_9' }));
      assert.equal(failed.kind, 'refund_failed');
      assert.equal(failed.refundId, 're_9');
      assert.equal(failed.failureCode, 'rejected_by_scheme');
    });

    it('two partial refunds of one payment are two events', () => {
      const ids = eventsOf(
        modification('REFUND', { pspReference: 'REFUND0000000001' }),
        modification('REFUND', { pspReference: 'REFUND0000000002' }),
      ).map((event) => event.eventId);
      assert.deepEqual(ids, ['REFUND:REFUND0000000001:true', 'REFUND:REFUND0000000002:true']);
    });

    it('converts amounts where Adyen counts other decimals (ISK)', () => {
      const [event] = eventsOf(item({ amount: { value: 100_000, currency: 'ISK' } }));
      assert.deepEqual([event.amount, event.currency], [1000, 'isk']);
    });

    it('skips event codes a payment does not act on, keeping the others', () => {
      const events = eventsOf(item({ eventCode: 'REPORT_AVAILABLE' }), modification('CHARGEBACK'), modification('CAPTURE'));
      assert.deepEqual(
        events.map((event) => event.kind),
        ['captured'],
      );
    });

    it('refuses a modification that names no payment, and an item that is not one', () => {
      assert.throws(() => eventsOf(item({ eventCode: 'CAPTURE' })), UnmappableAdyenNotificationError);
      assert.throws(
        () => pspEventsFromAdyenNotification({ notificationItems: [{ NotificationRequestItem: { eventCode: 'CAPTURE' } }] }),
        UnmappableAdyenNotificationError,
      );
      assert.throws(() => eventsOf(item({ eventDate: 'yesterday' })), UnmappableAdyenNotificationError);
    });
  });
});
