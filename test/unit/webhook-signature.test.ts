import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { computeSignature, signatureHeader, SignatureVerificationError, verifySignature } from '../../activities/merchant-events/signature';

const SECRET = 'whsec_test_secret';
const BODY = '{"id":"evt_1","object":"event","type":"payment.captured","created":1893456000,"data":{"object":{"id":"pay_1"}}}';
const T = 1_893_456_000;

const refusal = (run: () => void, message: RegExp) =>
  assert.throws(run, (e: unknown) => e instanceof SignatureVerificationError && message.test(e.message));

describe('webhook signatures (Holdfast-Signature)', () => {
  it('signs "<t>.<raw body>" with HMAC-SHA256 keyed by the whole secret, as t=…,v1=<hex>', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    assert.equal(signatureHeader(SECRET, BODY, T), `t=${T},v1=${expected}`);
    assert.equal(computeSignature(SECRET, T, Buffer.from(BODY)), expected);
  });

  it('a receiver accepts the exact body it was sent, within the tolerance', () => {
    const header = signatureHeader(SECRET, BODY, T);
    verifySignature({ payload: BODY, header, secret: SECRET, nowSeconds: T + 299 });
    verifySignature({ payload: Buffer.from(BODY), header, secret: SECRET, nowSeconds: T - 10 });
  });

  it('a changed body, another secret or a mangled signature is refused', () => {
    const header = signatureHeader(SECRET, BODY, T);
    const check =
      (payload: string, secret: string, h = header) =>
      () =>
        verifySignature({ payload, header: h, secret, nowSeconds: T });
    refusal(check(BODY.replace('captured', 'refunded'), SECRET), /No signature matches/);
    refusal(check(`${BODY} `, SECRET), /No signature matches/);
    refusal(check(BODY, 'whsec_other'), /No signature matches/);
    refusal(check(BODY, SECRET, header.slice(0, -1)), /No signature matches/);
    // The timestamp is signed too: moving it breaks the signature.
    refusal(check(BODY, SECRET, header.replace(`t=${T}`, `t=${T + 1}`)), /No signature matches/);
  });

  it('an old signature is refused, so a captured request cannot be replayed later', () => {
    const header = signatureHeader(SECRET, BODY, T);
    refusal(() => verifySignature({ payload: BODY, header, secret: SECRET, nowSeconds: T + 301 }), /outside the tolerance/);
    verifySignature({ payload: BODY, header, secret: SECRET, nowSeconds: T + 3600, toleranceSeconds: 3600 });
  });

  it('a missing or malformed header is refused', () => {
    for (const header of [undefined, '', 'v1=abc', `t=${T}`, `t=soon,v1=abc`, 'garbage']) {
      refusal(() => verifySignature({ payload: BODY, header, secret: SECRET, nowSeconds: T }), /Malformed/);
    }
  });

  it('any one of several v1 signatures may match (a secret being rolled)', () => {
    const good = computeSignature(SECRET, T, BODY);
    const header = `t=${T},v1=${computeSignature('whsec_old', T, BODY)},v1=${good}`;
    verifySignature({ payload: BODY, header, secret: SECRET, nowSeconds: T });
  });

  it('signs with every secret given, the new one first, so both verify during a rotation', () => {
    const header = signatureHeader(['whsec_new', 'whsec_old'], BODY, T);
    assert.equal(header, `t=${T},v1=${computeSignature('whsec_new', T, BODY)},v1=${computeSignature('whsec_old', T, BODY)}`);
    for (const secret of ['whsec_new', 'whsec_old']) verifySignature({ payload: BODY, header, secret, nowSeconds: T });
    refusal(() => verifySignature({ payload: BODY, header, secret: SECRET, nowSeconds: T }), /No signature matches/);
  });
});
