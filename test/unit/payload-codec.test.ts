// The keyring's Temporal payload codec on its own: sealed payloads round-trip, carry only
// their key id in clear, keep opening after a rotation, pass foreign payloads through, and
// refuse a tampered one loudly. Data keys live in memory here; the integration tests
// (temporal-encryption.test.ts) run it on the real stack.
import assert from 'node:assert/strict';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { TamperedCiphertext } from '../../keyring/aes-gcm';
import type { Keyring } from '../../keyring/keyring';
import { ENCRYPTED_ENCODING, KEY_ID_METADATA, keyringPayloadCodec } from '../../keyring/payload-codec';
import { memoryKeyring } from '../support/memory-keyring';

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString();

describe('keyring payload codec', () => {
  let keyring: Keyring;
  let tampered: Array<{ keyId: string; context: string }>;
  beforeEach(async () => {
    tampered = [];
    keyring = await memoryKeyring((detail) => tampered.push(detail));
  });

  it('seals the whole payload, metadata included, and opens it again', async () => {
    const codec = keyringPayloadCodec(keyring);
    const original = defaultPayloadConverter.toPayload({ email: 'ada.codec@example.com', description: 'Gift for Ada' });
    const [sealed] = await codec.encode([original]);
    assert.equal(text(sealed!.metadata!.encoding), ENCRYPTED_ENCODING);
    assert.equal(text(sealed!.metadata![KEY_ID_METADATA]), keyring.currentKeyId);
    assert.deepEqual(Object.keys(sealed!.metadata!).sort(), ['encoding', KEY_ID_METADATA].sort());
    assert.ok(!Buffer.from(sealed!.data!).includes('ada.codec'), 'the value is not in the sealed bytes');
    assert.ok(!Buffer.from(sealed!.data!).includes('json/plain'), 'nor is its original encoding');
    const [opened] = await codec.decode([sealed!]);
    assert.deepEqual(defaultPayloadConverter.fromPayload(opened!), { email: 'ada.codec@example.com', description: 'Gift for Ada' });
  });

  it('passes a payload it did not seal through decoding unchanged (histories recorded before encryption)', async () => {
    const plain = defaultPayloadConverter.toPayload({ paymentId: 'pay_1' });
    const [decoded] = await keyringPayloadCodec(keyring).decode([plain]);
    assert.equal(decoded, plain);
  });

  it('still opens what an older data key sealed after a rotation, and seals with the new one', async () => {
    const codec = keyringPayloadCodec(keyring);
    const before = keyring.currentKeyId;
    const [old] = await codec.encode([defaultPayloadConverter.toPayload('before rotation')]);
    const after = await keyring.rotate();
    assert.notEqual(after, before);
    const [fresh] = await codec.encode([defaultPayloadConverter.toPayload('after rotation')]);
    assert.equal(text(fresh!.metadata![KEY_ID_METADATA]), after);
    const opened = await codec.decode([old!, fresh!]);
    assert.deepEqual(
      opened.map((p) => defaultPayloadConverter.fromPayload(p)),
      ['before rotation', 'after rotation'],
    );
  });

  it('refuses a tampered payload with TamperedCiphertext, and reports it, rather than returning garbage', async () => {
    const codec = keyringPayloadCodec(keyring);
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload('card holder Ada')]);
    const data = Buffer.from(sealed!.data!);
    data[20] = data[20]! ^ 0x01;
    await assert.rejects(codec.decode([{ ...sealed!, data }]), TamperedCiphertext);
    assert.deepEqual(tampered, [{ keyId: keyring.currentKeyId, context: 'holdfast temporal payload' }]);
  });

  it('refuses an encrypted payload without its key id', async () => {
    const codec = keyringPayloadCodec(keyring);
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload('x')]);
    const stripped: Payload = { metadata: { encoding: sealed!.metadata!.encoding }, data: sealed!.data };
    await assert.rejects(codec.decode([stripped]), /lacks its encryption-key-id/);
  });

  it('opens the keyring only when a payload needs it (a CLI command that meets none needs no database)', async () => {
    let opened = 0;
    const codec = keyringPayloadCodec(async () => {
      opened++;
      return keyring;
    });
    await codec.decode([defaultPayloadConverter.toPayload('clear')]);
    assert.equal(opened, 0);
    const sealed = await codec.encode([defaultPayloadConverter.toPayload('a'), defaultPayloadConverter.toPayload('b')]);
    await codec.decode(sealed);
    assert.equal(opened, 1);
  });
});
