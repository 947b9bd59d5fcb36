// The simulated card acquirer's memory: the answers it gave under each Idempotency-Key, every
// batch it received (for inspection), and the rejections tests asked it to inject. It lives
// as long as the simulator; unlike the PSPs' state it is not kept in the store's file.
import { InjectedRejections } from './injected-rejections';

/** One submission as it arrived and how it was answered, for GET /_sim/acquirer/batches. */
export interface ReceivedBatch {
  idempotency_key: string | null;
  /** The raw file; null when the body was not text/csv. */
  body: string | null;
  status: number;
  response: unknown;
}

/** The first answer under a key, and the file it answered, to replay or refuse. */
export interface KeptAnswer {
  body: string;
  /** The JSON text exactly as it was sent, so a replay is byte for byte the same. */
  response: string;
}

export class Acquirer {
  readonly rejections = new InjectedRejections();
  private readonly answers = new Map<string, KeptAnswer>();
  private readonly received: ReceivedBatch[] = [];

  answerUnder(idempotencyKey: string): KeptAnswer | undefined {
    return this.answers.get(idempotencyKey);
  }

  keepAnswer(idempotencyKey: string, answer: KeptAnswer): void {
    this.answers.set(idempotencyKey, answer);
  }

  recordReceived(batch: ReceivedBatch): void {
    this.received.push(batch);
  }

  receivedBatches(): readonly ReceivedBatch[] {
    return this.received;
  }
}
