// Group commit for postings written on their own: while earlier batches are being written,
// the postings that arrive wait, and the next batch writes all of them in one call of
// `ledger_post_batch` (migration 0014), one database transaction. A lone posting is sent in
// the next turn of the event loop, so a quiet process adds no measurable latency; under load,
// the statement, its triggers, the commit's WAL flush and the round trip are paid once per
// batch instead of once per posting.
//
// A batch that fails writes nothing (one transaction), and each of its postings is then
// written alone: one bad posting never fails the others, and each caller sees exactly the
// answer or error `ledger_post` gives for its own posting.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';

export interface Written {
  transactionId: string;
  created: boolean;
}

interface Waiting {
  parameter: string;
  resolve(written: Written): void;
  reject(error: unknown): void;
}

export interface BatcherOptions {
  /** Batches being written at once; more postings wait for one of them to finish. */
  concurrentBatches: number;
  /** The most postings in one batch. */
  maxBatch: number;
}

/**
 * Two batches at once: while one waits for its WAL flush the other runs, on the second core.
 * Measured with 16 writers (npm run bench:ledger): one at a time left a core idle, three made
 * batches smaller and the whole slower (docs/architecture.md, "Group commit").
 */
const DEFAULTS: BatcherOptions = { concurrentBatches: 2, maxBatch: 100 };

export class PostingBatcher {
  private readonly waiting: Waiting[] = [];
  private writing = 0;
  private flushScheduled = false;
  /**
   * Sends (batches, counting a lone posting as one), the postings they carried, and the postings
   * written again alone after their batch failed: the benchmark and the tests read them.
   */
  readonly counts = { batches: 0, postings: 0, rewritten: 0 };

  constructor(
    private readonly db: Database,
    /** Writes one posting alone with `ledger_post`, mapping its errors: the batch's fallback. */
    private readonly writeAlone: (parameter: string) => Promise<Written>,
    private readonly options: BatcherOptions = DEFAULTS,
  ) {}

  /** `parameter` is the posting as `ledger_post` reads it (activities/ledger.ts, postingParameter). */
  write(parameter: string): Promise<Written> {
    return new Promise<Written>((resolve, reject) => {
      this.waiting.push({ parameter, resolve, reject });
      this.scheduleFlush();
    });
  }

  /**
   * Sends in the next turn of the event loop, not at once: when a batch is answered, its
   * callers' next postings arrive in the same turn, and they go together instead of the first
   * alone and the rest after it.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.sendWhileRoom();
    });
  }

  private sendWhileRoom(): void {
    while (this.writing < this.options.concurrentBatches && this.waiting.length > 0) {
      // Shared evenly among the free batches: two half batches are written side by side on
      // two connections, where one whole batch would leave the other idle.
      const free = this.options.concurrentBatches - this.writing;
      const batch = this.waiting.splice(0, Math.min(this.options.maxBatch, Math.ceil(this.waiting.length / free)));
      this.writing += 1;
      void this.send(batch).finally(() => {
        this.writing -= 1;
        this.scheduleFlush();
      });
    }
  }

  private async send(batch: Waiting[]): Promise<void> {
    this.counts.batches += 1;
    this.counts.postings += batch.length;
    if (batch.length > 1) {
      // Why it failed does not matter here: written alone, each posting meets its own answer
      // or error, and `rewritten` counts what the batch did not take.
      const written = await this.writeBatch(batch).catch(() => undefined);
      if (written) {
        batch.forEach((posting, i) => posting.resolve(written[i]!));
        return;
      }
      this.counts.rewritten += batch.length;
    }
    await Promise.all(
      batch.map(async (posting) => {
        try {
          posting.resolve(await this.writeAlone(posting.parameter));
        } catch (error) {
          posting.reject(error);
        }
      }),
    );
  }

  /** One row per posting, in the batch's order; throws if the batch was not written whole. */
  private async writeBatch(batch: Waiting[]): Promise<Written[]> {
    // The postings are already JSON texts: joined into one array, bound as one parameter.
    const postings = `[${batch.map((posting) => posting.parameter).join(',')}]`;
    const { rows } = await this.db.execute<{ ordinal: string; transaction_id: string; created: boolean }>(
      sql`select * from ledger_post_batch(${postings}::jsonb)`,
    );
    const written: Written[] = [];
    for (const row of rows) written[Number(row.ordinal) - 1] = { transactionId: row.transaction_id, created: row.created };
    if (written.length !== batch.length || written.includes(undefined as never)) {
      throw new Error(`ledger_post_batch answered ${rows.length} rows for ${batch.length} postings`);
    }
    return written;
  }
}
