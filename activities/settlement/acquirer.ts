// The acquirer's batch API: POST the batch file under the batch's idempotency key and read
// its per-item answer. A 5xx or a network error throws a plain error (retried with the same
// key, so the acquirer records the batch once); a 4xx is a refusal no retry can change.
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import type { ItemAnswer } from '../../db/queries/settlements';
import { ACQUIRER_REFUSED_BATCH } from '../../domain/failures';

const ACQUIRER_TIMEOUT_MS = 15_000;

const answerSchema = z.object({
  batch_id: z.string(),
  items: z.array(
    z.discriminatedUnion('status', [
      z.object({ item_id: z.string(), status: z.literal('accepted'), fee: z.number().int().min(0) }),
      z.object({ item_id: z.string(), status: z.literal('rejected'), reason: z.string(), retryable: z.boolean() }),
    ]),
  ),
});

export interface AcquirerAnswer {
  raw: string;
  answers: ItemAnswer[];
}

export async function submitToAcquirer(
  acquirerUrl: string,
  batch: { id: string; idempotencyKey: string; file: string; itemIds: string[] },
): Promise<AcquirerAnswer> {
  const response = await fetch(`${acquirerUrl}/batches`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', 'idempotency-key': batch.idempotencyKey },
    body: batch.file,
    signal: AbortSignal.timeout(ACQUIRER_TIMEOUT_MS),
  });
  const raw = await response.text();
  if (response.status >= 500) throw new Error(`acquirer answered HTTP ${response.status} to batch ${batch.id}`);
  if (!response.ok) {
    throw ApplicationFailure.create({
      type: ACQUIRER_REFUSED_BATCH,
      message: `acquirer refused batch ${batch.id} with HTTP ${response.status}: ${raw.slice(0, 500)}`,
      nonRetryable: true,
      details: [{ status: response.status, body: raw }],
    });
  }
  const parsed = answerSchema.parse(JSON.parse(raw));
  // An answer that leaves an item out (or names one we did not send) cannot be recorded
  // item by item; it is treated like a garbled answer and asked again.
  const answered = new Set(parsed.items.map((i) => i.item_id));
  if (parsed.batch_id !== batch.id || answered.size !== batch.itemIds.length || batch.itemIds.some((id) => !answered.has(id))) {
    throw new Error(`acquirer's answer to batch ${batch.id} does not cover exactly its items`);
  }
  return {
    raw,
    answers: parsed.items.map((item) =>
      item.status === 'accepted'
        ? { itemId: item.item_id, status: 'accepted', fee: item.fee }
        : { itemId: item.item_id, status: 'rejected', reason: item.reason, retryable: item.retryable },
    ),
  };
}
