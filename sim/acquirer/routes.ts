// POST /acquirer/batches on the control face: the acquirer holdfast's settlement sends its
// batch files to. Idempotent under the required Idempotency-Key: the same file again gets
// the first answer byte for byte, without being evaluated again (no injected rejection is
// used up); another file under the key is refused with 409. A file refused as invalid is
// not kept under its key, so a corrected file can go with the same key.
import express, { Router } from 'express';
import type { SimContext } from '../context';
import { type BatchFile, InvalidBatchFile, parseBatchFile } from './batch-file';
import { evaluateItem } from './evaluate-item';

/** Batch files of a busy day run to megabytes; express.text's default (100 kB) would refuse them. */
const MAX_BATCH_FILE = '20mb';

interface Answer {
  status: number;
  /** JSON text: what is kept under the key is what was sent, to the byte. */
  response: string;
  replayed?: true;
}

export function acquirerRoutes(context: SimContext): Router {
  const router = Router();

  router.post('/acquirer/batches', express.text({ type: 'text/csv', limit: MAX_BATCH_FILE }), (req, res) => {
    const idempotencyKey = req.get('Idempotency-Key') || null;
    // express.text leaves the body unread unless it is text/csv.
    const body = typeof req.body === 'string' ? req.body : null;
    const answer = answerSubmission(context, idempotencyKey, body);
    context.acquirer.recordReceived({
      idempotency_key: idempotencyKey,
      body,
      status: answer.status,
      response: JSON.parse(answer.response),
    });
    if (answer.replayed) res.set('Idempotent-Replayed', 'true');
    res.status(answer.status).type('application/json').send(answer.response);
  });

  return router;
}

function answerSubmission(context: SimContext, idempotencyKey: string | null, body: string | null): Answer {
  if (idempotencyKey === null) return refusal(400, 'idempotency_key_required', 'An Idempotency-Key header is required.');
  if (body === null) return refusal(415, 'unsupported_media_type', 'Send the batch file as Content-Type: text/csv.');

  const earlier = context.acquirer.answerUnder(idempotencyKey);
  if (earlier) {
    if (earlier.body === body) return { status: 200, response: earlier.response, replayed: true };
    return refusal(409, 'idempotency_key_reused', `Idempotency-Key ${idempotencyKey} was used for another batch file.`);
  }

  let batch: BatchFile;
  try {
    batch = parseBatchFile(body);
  } catch (error) {
    if (!(error instanceof InvalidBatchFile)) throw error;
    return { status: 400, response: JSON.stringify({ error: { code: 'invalid_batch_file', message: error.message, line: error.line } }) };
  }
  const response = JSON.stringify({
    batch_id: batch.header.batchId,
    received_at: new Date().toISOString(),
    items: batch.items.map((item) => evaluateItem(context, batch.header, item)),
  });
  context.acquirer.keepAnswer(idempotencyKey, { body, response });
  return { status: 200, response };
}

function refusal(status: number, code: string, message: string): Answer {
  return { status, response: JSON.stringify({ error: { code, message } }) };
}
