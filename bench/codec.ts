// What sealing Temporal payloads costs: µs per payload to encode and decode a payment's
// workflow input with the keyring's codec (AES-256-GCM), in this process, no I/O.
// `npx tsx bench/codec.ts`
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { keyringPayloadCodec } from '../keyring/payload-codec';
import { memoryKeyring } from '../test/support/memory-keyring';

const ROUNDS = 20_000;

async function main(): Promise<void> {
  const codec = keyringPayloadCodec(await memoryKeyring());
  const payload = defaultPayloadConverter.toPayload({
    paymentId: 'pay_0123456789abcdef01234567',
    merchantId: 'mer_ABCDEFGHIJKLMNOP',
    amount: 1999,
    currency: 'usd',
    paymentMethod: 'pm_card_visa',
    captureMethod: 'automatic',
    description: 'Order 1234: two books',
    customer: { email: 'ada@example.com', name: 'Ada Lovelace' },
    metadata: { order: 'A-1', channel: 'web' },
  });
  let sealed: Payload[] = [];
  for (let i = 0; i < ROUNDS / 10; i++) sealed = await codec.decode(await codec.encode([payload])); // warm-up
  let started = process.hrtime.bigint();
  for (let i = 0; i < ROUNDS; i++) sealed = await codec.encode([payload]);
  const encodeUs = Number(process.hrtime.bigint() - started) / ROUNDS / 1000;
  started = process.hrtime.bigint();
  for (let i = 0; i < ROUNDS; i++) await codec.decode(sealed);
  const decodeUs = Number(process.hrtime.bigint() - started) / ROUNDS / 1000;
  console.log(
    JSON.stringify({
      payloadBytes: payload.data!.length,
      sealedBytes: sealed[0]!.data!.length,
      encodeUs: +encodeUs.toFixed(1),
      decodeUs: +decodeUs.toFixed(1),
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
