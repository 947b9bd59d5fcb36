// The Disputes API (v30) a merchant defends a chargeback with, at the paths the library calls
// relative to its host (ca-test.adyen.com/ca/services/DisputeService/v30/…):
// - /supplyDefenseDocument stores defense documents (PDF, JPEG or TIFF, the formats Adyen
//   accepts; the content must be what its contentType says);
// - /defendDispute sends the defense to the scheme with a defense reason whose required
//   documents were supplied; the dispute then counts as defended (disputeStatus Responded).
// A malformed request is refused with a ServiceError, like the other APIs. A well-formed one
// the dispute's state refuses (unknown, closed, defense period over, already defended) is
// answered 200 with `disputeServiceResult.success: false` and an errorMessage, which is what
// the spec's DisputeServiceResult is for.
import { Router } from 'express';
import type { SimContext } from '../context';
import { DISPUTE_SERVICE_PATH } from './api-paths';
import { invalidField, requiredField } from './errors';
import { answer } from './idempotency';
import { type Body, jsonObject, requiredString } from './params';
import type { AdyenState, SimAdyenDispute } from './state';

/** The first bytes of each content type Adyen accepts for a defense document, and its size limit. */
const DOCUMENT_FORMATS: Readonly<Record<string, { magic: Buffer[]; maxBytes: number }>> = {
  'application/pdf': { magic: [Buffer.from('%PDF-')], maxBytes: 2 * 1024 * 1024 },
  'image/jpeg': { magic: [Buffer.from([0xff, 0xd8, 0xff])], maxBytes: 10 * 1024 * 1024 },
  'image/tiff': { magic: [Buffer.from('II*\0', 'latin1'), Buffer.from('MM\0*', 'latin1')], maxBytes: 10 * 1024 * 1024 },
};

/** The defense reasons the simulator knows, each with the document type it requires. */
const REQUIRED_DOCUMENT: Readonly<Record<string, string>> = { SupplyDefenseMaterial: 'DefenseMaterial' };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function disputeServiceRoutes(context: SimContext): Router {
  const router = Router();
  const state = context.store.adyen;

  router.post(`${DISPUTE_SERVICE_PATH}/supplyDefenseDocument`, (req, res) => {
    const body = jsonObject(req.body);
    const { merchantAccountCode, disputePspReference } = disputeParams(body);
    const documents = defenseDocumentsParam(body);
    const found = defendableDispute(state, merchantAccountCode, disputePspReference);
    if (typeof found === 'string') return answer(res, 200, refused(found));
    found.defenseDocuments.push(...documents);
    answer(res, 200, SUCCEEDED);
  });

  router.post(`${DISPUTE_SERVICE_PATH}/defendDispute`, (req, res) => {
    const body = jsonObject(req.body);
    const { merchantAccountCode, disputePspReference } = disputeParams(body);
    const defenseReasonCode = requiredString(body, 'defenseReasonCode');
    const found = defendableDispute(state, merchantAccountCode, disputePspReference);
    if (typeof found === 'string') return answer(res, 200, refused(found));
    const required = REQUIRED_DOCUMENT[defenseReasonCode];
    if (required === undefined) return answer(res, 200, refused(`Defense reason ${defenseReasonCode} is not applicable to this dispute`));
    if (!found.defenseDocuments.some((document) => document.defenseDocumentTypeCode === required)) {
      return answer(res, 200, refused(`Required defense document ${required} has not been supplied`));
    }
    found.defenseReasonCode = defenseReasonCode;
    answer(res, 200, SUCCEEDED);
  });

  return router;
}

const SUCCEEDED = { disputeServiceResult: { success: true } };

function refused(errorMessage: string) {
  return { disputeServiceResult: { success: false, errorMessage } };
}

function disputeParams(body: Body): { merchantAccountCode: string; disputePspReference: string } {
  return {
    merchantAccountCode: requiredString(body, 'merchantAccountCode'),
    disputePspReference: requiredString(body, 'disputePspReference'),
  };
}

/** The open dispute a defense can still be given for, or why not. Another account's dispute is not found. */
function defendableDispute(state: AdyenState, merchantAccountCode: string, disputePspReference: string): SimAdyenDispute | string {
  const dispute = state.disputes.get(disputePspReference);
  const payment = dispute && state.payments.get(dispute.paymentPspReference);
  if (!dispute || payment?.merchantAccount !== merchantAccountCode) return `Could not find dispute ${disputePspReference}`;
  if (dispute.status !== 'open') return `Dispute ${disputePspReference} is closed (${dispute.status})`;
  if (Date.now() > Date.parse(dispute.defensePeriodEndsAt)) return `The defense period of dispute ${disputePspReference} has ended`;
  if (dispute.defenseReasonCode !== null) return `Dispute ${disputePspReference} has already been defended`;
  return dispute;
}

function defenseDocumentsParam(body: Body): SimAdyenDispute['defenseDocuments'] {
  const documents = body.defenseDocuments;
  if (documents === undefined || (Array.isArray(documents) && documents.length === 0)) throw requiredField('defenseDocuments');
  if (!Array.isArray(documents)) throw invalidField('defenseDocuments', 'expected an array');
  return documents.map((item: unknown, index) => {
    const path = `defenseDocuments[${index}]`;
    const document = jsonObject(item);
    const defenseDocumentTypeCode = requiredString(document, 'defenseDocumentTypeCode', `${path}.defenseDocumentTypeCode`);
    const contentType = requiredString(document, 'contentType', `${path}.contentType`);
    const format = DOCUMENT_FORMATS[contentType];
    if (!format) throw invalidField(`${path}.contentType`, `expected one of ${Object.keys(DOCUMENT_FORMATS).join(', ')}`);
    const content = requiredString(document, 'content', `${path}.content`);
    if (!BASE64.test(content)) throw invalidField(`${path}.content`, 'not base64');
    const bytes = Buffer.from(content, 'base64');
    if (!format.magic.some((magic) => bytes.subarray(0, magic.length).equals(magic))) {
      throw invalidField(`${path}.content`, `not ${contentType} content`);
    }
    if (bytes.length > format.maxBytes) throw invalidField(`${path}.content`, `larger than ${format.maxBytes} bytes`);
    return { defenseDocumentTypeCode, contentType, bytes: bytes.length };
  });
}
