import assert from 'node:assert/strict';
import { evidencePdf } from '../../psp/adyen/evidence-pdf';
import {
  assertDisputeServiceSucceeded,
  defendDisputeRequest,
  defenseDocumentRequest,
  payoutRequest,
  payoutResultFromSubmitResponse,
  UnmappableAdyenResponseError,
} from '../../psp/adyen/mappers';
import {
  disputeEventsFromAdyenNotification,
  payoutEventsFromAdyenNotification,
  pspEventsFromAdyenNotification,
  UnmappableAdyenNotificationError,
} from '../../psp/adyen/notifications';
import { PspRequestError } from '../../domain/psp-gateway';
import type { AdyenNotificationItem } from '../support/adyen-notification-item';

function notification(fields: Partial<AdyenNotificationItem> & Pick<AdyenNotificationItem, 'eventCode'>) {
  const item: AdyenNotificationItem = {
    pspReference: 'PAYOUT0000000001',
    merchantAccountCode: 'HoldfastECOM',
    merchantReference: 'po_1',
    amount: { value: 12_345, currency: 'EUR' },
    eventDate: '2026-03-04T10:00:00+01:00',
    success: 'true',
    ...fields,
  };
  return { live: 'false', notificationItems: [{ NotificationRequestItem: item }] };
}

function chargeback(eventCode: string, additionalData: Record<string, string> = {}) {
  return notification({
    eventCode,
    pspReference: 'DISPUTE000000001',
    originalReference: 'PAYMENT000000001',
    merchantReference: 'pay_1',
    amount: { value: 5000, currency: 'EUR' },
    reason: 'Other Fraud-Card Absent Environment',
    additionalData: {
      chargebackReasonCode: '10.4',
      defensePeriodEndsAt: '2026-03-11T10:00:00+01:00',
      disputeStatus: 'Undefended',
      ...additionalData,
    },
  });
}

describe('Adyen payouts: request and answer', () => {
  const request = { payoutId: 'po_1', sellerId: 'sel_1', amount: 12_345, currency: 'eur', idempotencyKey: 'po_1:submit' };

  it('pays to the seller’s stored payout details, with our payout id as reference', () => {
    assert.deepEqual(payoutRequest(request, 'HoldfastECOM'), {
      merchantAccount: 'HoldfastECOM',
      reference: 'po_1',
      amount: { value: 12_345, currency: 'EUR' },
      shopperEmail: 'sel_1@sellers.holdfast.invalid',
      shopperReference: 'sel_1',
      recurring: { contract: 'PAYOUT' },
      selectedRecurringDetailReference: 'LATEST',
    });
  });

  it('converts the amount to Adyen’s minor units (ISK has two decimals at Adyen)', () => {
    assert.deepEqual(payoutRequest({ ...request, amount: 1000, currency: 'isk' }, 'M').amount, { value: 100_000, currency: 'ISK' });
  });

  it('[payout-submit-received] is pending under the payout’s pspReference', () => {
    assert.deepEqual(payoutResultFromSubmitResponse({ pspReference: 'PAYOUT0000000001', resultCode: '[payout-submit-received]' }), {
      outcome: 'pending',
      pspPayoutReference: 'PAYOUT0000000001',
    });
  });

  it('a refusal is a failed payout with Adyen’s reason', () => {
    assert.deepEqual(payoutResultFromSubmitResponse({ pspReference: 'P', resultCode: 'Refused', refusalReason: 'Invalid bank account' }), {
      outcome: 'failed',
      pspPayoutReference: 'P',
      failureCode: 'payout_refused',
      failureMessage: 'Invalid bank account',
    });
  });

  it('an unknown resultCode throws instead of guessing', () => {
    assert.throws(
      () => payoutResultFromSubmitResponse({ pspReference: 'P', resultCode: '[payout-confirm-received]' }),
      UnmappableAdyenResponseError,
    );
    assert.throws(
      () => payoutResultFromSubmitResponse({ pspReference: '', resultCode: '[payout-submit-received]' }),
      UnmappableAdyenResponseError,
    );
  });
});

describe('Adyen disputes: defense requests', () => {
  const request = {
    pspDisputeReference: 'DISPUTE000000001',
    pspReference: 'PAYMENT000000001',
    text: 'Delivered (signed).',
    idempotencyKey: 'k',
  };

  it('sends the merchant’s text as one DefenseMaterial PDF', () => {
    const body = defenseDocumentRequest(request, 'HoldfastECOM');
    assert.equal(body.merchantAccountCode, 'HoldfastECOM');
    assert.equal(body.disputePspReference, 'DISPUTE000000001');
    assert.equal(body.defenseDocuments.length, 1);
    const [document] = body.defenseDocuments;
    assert.deepEqual([document.defenseDocumentTypeCode, document.contentType], ['DefenseMaterial', 'application/pdf']);
    assert.deepEqual(Buffer.from(document.content, 'base64'), evidencePdf(request.text));
  });

  it('defends with SupplyDefenseMaterial', () => {
    assert.deepEqual(defendDisputeRequest(request, 'HoldfastECOM'), {
      merchantAccountCode: 'HoldfastECOM',
      disputePspReference: 'DISPUTE000000001',
      defenseReasonCode: 'SupplyDefenseMaterial',
    });
  });

  it('success=false is a refusal for good; no result at all is unreadable', () => {
    assert.doesNotThrow(() => assertDisputeServiceSucceeded({ disputeServiceResult: { success: true } }, 'defendDispute'));
    assert.throws(
      () => assertDisputeServiceSucceeded({ disputeServiceResult: { success: false, errorMessage: 'Dispute is closed' } }, 'defendDispute'),
      (error: unknown) =>
        error instanceof PspRequestError && error.code === 'dispute_not_defendable' && /Dispute is closed/.test(error.message),
    );
    assert.throws(() => assertDisputeServiceSucceeded({}, 'supplyDefenseDocument'), UnmappableAdyenResponseError);
  });
});

describe('the evidence PDF', () => {
  /** Each xref entry points at its object, as a PDF reader expects. */
  function assertWellFormed(pdf: Buffer): string {
    const text = pdf.toString('latin1');
    assert.ok(text.startsWith('%PDF-1.4\n') && text.endsWith('%%EOF\n'));
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    assert.ok(text.startsWith('xref\n', startxref));
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
    offsets.forEach((offset, index) => assert.ok(text.startsWith(`${index + 1} 0 obj\n`, offset), `object ${index + 1} at ${offset}`));
    for (const [, length, stream] of text.matchAll(/<< \/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/g)) {
      assert.equal(stream.length, Number(length));
    }
    return text;
  }

  it('escapes what PDF strings treat specially and replaces what Helvetica cannot show', () => {
    const text = assertWellFormed(evidencePdf('Signed (by the cardholder) \\ café 日本'));
    assert.ok(text.includes('(Signed \\(by the cardholder\\) \\\\ caf\xe9 ??) Tj'));
  });

  it('wraps long paragraphs between words and runs onto more pages', () => {
    const text = assertWellFormed(evidencePdf(`${'word '.repeat(40)}\n${Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n')}`));
    assert.ok(text.includes(`(${Array(16).fill('word').join(' ')}) Tj`), 'lines break at 80 characters, between words');
    assert.match(text, /\/Count 3 >>/);
  });

  it('is the same bytes for the same text', () => {
    assert.deepEqual(evidencePdf('x'), evidencePdf('x'));
  });
});

describe('Adyen payout notifications', () => {
  it('PAYOUT_THIRDPARTY success=true: the payout was paid', () => {
    assert.deepEqual(payoutEventsFromAdyenNotification(notification({ eventCode: 'PAYOUT_THIRDPARTY' })), [
      {
        psp: 'adyen',
        eventId: 'PAYOUT_THIRDPARTY:PAYOUT0000000001:true',
        kind: 'payout_paid',
        pspPayoutReference: 'PAYOUT0000000001',
        payoutId: 'po_1',
        occurredAt: '2026-03-04T09:00:00.000Z',
      },
    ]);
  });

  it('PAYOUT_THIRDPARTY success=false: failed, with the reason as failure code', () => {
    const [event] = payoutEventsFromAdyenNotification(
      notification({ eventCode: 'PAYOUT_THIRDPARTY', success: 'false', reason: 'account_closed' }),
    );
    assert.deepEqual(
      [event.kind, event.eventId, event.failureCode, event.failureMessage],
      ['payout_failed', 'PAYOUT_THIRDPARTY:PAYOUT0000000001:false', 'account_closed', 'account_closed'],
    );
  });

  it('PAYOUT_DECLINE and PAYOUT_EXPIRE fail the payout they name', () => {
    for (const [eventCode, failureCode] of [
      ['PAYOUT_DECLINE', 'payout_declined'],
      ['PAYOUT_EXPIRE', 'payout_expired'],
    ]) {
      const [event] = payoutEventsFromAdyenNotification(
        notification({ eventCode, pspReference: 'MODIFICATION0001', originalReference: 'PAYOUT0000000001' }),
      );
      assert.deepEqual(
        [event.kind, event.pspPayoutReference, event.failureCode, event.payoutId],
        ['payout_failed', 'PAYOUT0000000001', failureCode, 'po_1'],
      );
    }
  });

  it('a decline that did not happen (success=false) changes nothing', () => {
    assert.deepEqual(payoutEventsFromAdyenNotification(notification({ eventCode: 'PAYOUT_DECLINE', success: 'false' })), []);
  });

  it('payment and dispute events are not payout events, and payouts are not payment events', () => {
    assert.deepEqual(payoutEventsFromAdyenNotification(notification({ eventCode: 'AUTHORISATION' })), []);
    assert.deepEqual(payoutEventsFromAdyenNotification(chargeback('CHARGEBACK')), []);
    assert.deepEqual(pspEventsFromAdyenNotification(notification({ eventCode: 'PAYOUT_THIRDPARTY' })), []);
  });
});

describe('Adyen dispute notifications', () => {
  it('NOTIFICATION_OF_CHARGEBACK opens the dispute, with amount, reason code and the defense period’s end', () => {
    assert.deepEqual(disputeEventsFromAdyenNotification(chargeback('NOTIFICATION_OF_CHARGEBACK')), [
      {
        psp: 'adyen',
        eventId: 'NOTIFICATION_OF_CHARGEBACK:DISPUTE000000001:true',
        kind: 'dispute_opened',
        pspDisputeReference: 'DISPUTE000000001',
        pspReference: 'PAYMENT000000001',
        paymentId: 'pay_1',
        amount: 5000,
        currency: 'eur',
        reason: '10.4',
        evidenceDueBy: '2026-03-11T09:00:00.000Z',
        occurredAt: '2026-03-04T09:00:00.000Z',
      },
    ]);
  });

  it('CHARGEBACK is a loss only when its disputeStatus says Lost', () => {
    const kinds = ['Pending', 'Responded', 'Undefended', 'Lost'].map(
      (disputeStatus) => disputeEventsFromAdyenNotification(chargeback('CHARGEBACK', { disputeStatus }))[0].kind,
    );
    assert.deepEqual(kinds, ['dispute_opened', 'dispute_opened', 'dispute_opened', 'dispute_lost']);
  });

  it('CHARGEBACK_REVERSED is a win', () => {
    const [event] = disputeEventsFromAdyenNotification(chargeback('CHARGEBACK_REVERSED', { disputeStatus: 'Won' }));
    assert.deepEqual([event.kind, event.eventId], ['dispute_won', 'CHARGEBACK_REVERSED:DISPUTE000000001:true']);
  });

  it('dispute events are not payment events; payment events are not dispute events', () => {
    for (const eventCode of ['NOTIFICATION_OF_CHARGEBACK', 'CHARGEBACK', 'CHARGEBACK_REVERSED']) {
      assert.deepEqual(pspEventsFromAdyenNotification(chargeback(eventCode)), []);
    }
    assert.deepEqual(disputeEventsFromAdyenNotification(notification({ eventCode: 'CAPTURE', originalReference: 'P' })), []);
  });

  it('a dispute item without the payment, or with a bad defense period, is unreadable', () => {
    const withoutPayment = chargeback('CHARGEBACK');
    delete withoutPayment.notificationItems[0].NotificationRequestItem.originalReference;
    assert.throws(() => disputeEventsFromAdyenNotification(withoutPayment), UnmappableAdyenNotificationError);
    assert.throws(
      () => disputeEventsFromAdyenNotification(chargeback('NOTIFICATION_OF_CHARGEBACK', { defensePeriodEndsAt: 'soon' })),
      UnmappableAdyenNotificationError,
    );
  });
});
