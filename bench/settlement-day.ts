// One business day of captured payments, settled and reconciled through the real parts: the
// payments are seeded straight into the read model, the ledger (capture postings through the
// ledger's own posting path) and a simulator state file, because creating 100,000 payments
// through the API would measure the payment path, not settlement. Their payment workflows do
// not exist, so each settled notice finds no workflow and is counted as skipped. Then finance
// settles the date over the API (POST /v1/settlements) and the run is followed to
// `reconciled`. Shared by `npm run bench:settlement` and its test at 2,000.
import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLedgerActivities } from '../activities/ledger';
import { forEachConcurrently } from '../activities/settlement/concurrently';
import { startApi } from '../api/server';
import type { Config } from '../config/config';
import type { Database } from '../db/client';
import { createFinanceKey, createMerchant } from '../db/queries/merchants';
import { capture } from '../domain/ledger';
import { businessDateOf } from '../domain/settlement/business-date';
import { writeSeededStripeDay, type SeededCapture } from '../sim/reports/seeded-day';
import { startSimulator } from '../sim/server';
import { simulatorWiring } from '../sim/wiring';
import { startWorker } from '../workers/start';
import { settlementWorkflowId, type SettlementResult } from '../contracts/settlement.contract';
import { reconciliationWorkflowId } from '../contracts/reconciliation.contract';
import { countEvents } from './history-counts';

const FEE_BPS = 100;
const SEED_WRITERS = 32;
const ROWS_PER_INSERT = 5_000;
const POLL_MS = 500;

export interface SettlementDayOptions {
  payments: number;
  merchants: number;
  /** Gives up on the settlement after this long. */
  timeoutMs: number;
  log?: (message: string) => void;
}

export interface HistorySize {
  workflowId: string;
  events: number;
  bytes: number;
}

export interface SettlementDayResult {
  payments: number;
  merchants: number;
  seconds: { seed: number; settleAndReconcile: number };
  settlement: SettlementResult;
  /** Seeded captures in exactly one settlement item, settled by exactly one posting. */
  settledExactlyOnce: number;
  reconciliation: { reportLines: number; matched: number; autoFixed: number; exceptions: number; cleared: number };
  histories: HistorySize[];
  largestHistory: HistorySize;
}

interface Parts {
  config: Config;
  db: Database;
  client: Client;
  connection: NativeConnection;
}

export async function runSettlementDay(parts: Parts, options: SettlementDayOptions): Promise<SettlementDayResult> {
  const { config, db, client, connection } = parts;
  const log = options.log ?? (() => undefined);
  const date = businessDateOf(new Date(), config.settlement.timeZone);
  const dir = await mkdtemp(path.join(tmpdir(), 'holdfast-bench-settlement-'));
  const cleanups: Array<() => Promise<unknown>> = [() => rm(dir, { recursive: true, force: true })];
  try {
    const seedStart = Date.now();
    const merchants = await Promise.all(
      Array.from({ length: options.merchants }, (_, i) => createMerchant(db, { name: `Bench merchant ${i}`, feeBps: FEE_BPS })),
    );
    const captures = seededCaptures(
      options.payments,
      merchants.map((m) => m.id),
    );
    log(`seeding ${captures.length} captured payments of ${merchants.length} merchants`);
    await insertPayments(db, captures);
    await postCaptures(db, captures);
    const stateFile = path.join(dir, 'sim-state.json');
    writeSeededStripeDay(stateFile, captures);
    const seedSeconds = (Date.now() - seedStart) / 1000;
    log(`seeded in ${seedSeconds.toFixed(1)} s`);

    const sim = await startSimulator({ stateFile });
    cleanups.unshift(() => sim.close());
    const wiring = simulatorWiring(config, sim, ['stripe']);
    const worker = await startWorker({ config, db, connection, wiring });
    cleanups.unshift(() => worker.stop());
    const api = await startApi({ config, db, temporal: client, port: 0, wiring });
    cleanups.unshift(() => api.stop());
    sim.setWebhookTarget(api.url);
    const { apiKey } = await createFinanceKey(db);

    const settleStart = Date.now();
    const started = await fetch(`${api.url}/v1/settlements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ date, psp: 'stripe' }),
    });
    if (started.status !== 200) throw new Error(`POST /v1/settlements answered ${started.status}: ${await started.text()}`);
    const workflowId = settlementWorkflowId(config.temporal.taskQueue, 'stripe', date);
    // The worker's client: the settlement's result is sealed by the keyring.
    const handle = worker.client.workflow.getHandle(workflowId);
    const settlement = (await Promise.race([
      handle.result(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`not settled within ${options.timeoutMs} ms`)), options.timeoutMs).unref(),
      ),
    ])) as SettlementResult;
    await waitUntilReconciled(db, settlement.settlementId, options.timeoutMs);
    const settleSeconds = (Date.now() - settleStart) / 1000;
    log(`settled and reconciled in ${settleSeconds.toFixed(1)} s`);

    const runId = settlement.reconciliationRunId;
    if (!runId) throw new Error('the settlement was not reconciled');
    const { rows } = await db.execute<{ summary: SettlementDayResult['reconciliation'] }>(
      sql`select summary from reconciliation_runs where id = ${runId}`,
    );
    const histories = await Promise.all([workflowId, reconciliationWorkflowId(runId)].map((id) => historySize(client, id)));
    return {
      payments: captures.length,
      merchants: merchants.length,
      seconds: { seed: seedSeconds, settleAndReconcile: settleSeconds },
      settlement,
      settledExactlyOnce: await settledExactlyOnce(db, settlement.settlementId),
      reconciliation: rows[0]!.summary,
      histories,
      largestHistory: histories.reduce((a, b) => (b.bytes > a.bytes ? b : a)),
    };
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
}

function seededCaptures(count: number, merchantIds: string[]): Array<SeededCapture & { merchantId: string }> {
  const capturedAt = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, i) => {
    const suffix = `${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    return {
      paymentId: `pay_${suffix}`,
      pspReference: `pi_${suffix}`,
      merchantId: merchantIds[i % merchantIds.length]!,
      // 10.00 to 109.99: amounts vary, so a fee or amount mix-up would show.
      amount: 1_000 + ((i * 7_919) % 10_000),
      currency: 'usd',
      capturedAt,
    };
  });
}

/** The read model's rows, as a captured automatic-capture payment leaves them. */
async function insertPayments(db: Database, captures: Array<SeededCapture & { merchantId: string }>): Promise<void> {
  for (let start = 0; start < captures.length; start += ROWS_PER_INSERT) {
    const page = captures
      .slice(start, start + ROWS_PER_INSERT)
      .map((c) => ({ id: c.paymentId, merchant: c.merchantId, ref: c.pspReference, amount: c.amount }));
    await db.execute(sql`
      insert into payments (id, merchant_id, workflow_id, status, amount, amount_capturable, amount_captured, amount_refunded,
                            currency, capture_method, psp, psp_reference, metadata, history, version, created_at, updated_at)
      select p.id, p.merchant, 'payment-' || p.id, 'captured', p.amount, 0, p.amount, 0, 'usd', 'automatic', 'stripe', p.ref,
             '{}'::jsonb, '[]'::jsonb, 1, now(), now()
        from jsonb_to_recordset(${JSON.stringify(page)}::jsonb) as p(id text, merchant text, ref text, amount bigint)`);
  }
}

/** Each payment's capture posting, through the ledger's posting path (group commit), many at once. */
async function postCaptures(db: Database, captures: Array<SeededCapture & { merchantId: string }>): Promise<void> {
  const { postLedgerTransaction } = createLedgerActivities({ db });
  await forEachConcurrently(captures, SEED_WRITERS, async (c) => {
    await postLedgerTransaction(
      capture({
        paymentId: c.paymentId,
        merchantId: c.merchantId,
        psp: 'stripe',
        currency: c.currency,
        authorizedAmount: c.amount,
        amount: c.amount,
        feeBps: FEE_BPS,
      }),
    );
  });
}

async function waitUntilReconciled(db: Database, settlementId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.execute<{ status: string }>(sql`select status from settlements where id = ${settlementId}`);
    if (rows[0]?.status === 'reconciled') return;
    if (Date.now() > deadline) throw new Error(`settlement ${settlementId} not reconciled within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Captures of the settlement in exactly one item, with one settlement posting each. */
async function settledExactlyOnce(db: Database, settlementId: string): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from (
      select t.id from ledger_transactions t
        join settlement_items i on i.ledger_transaction_id = t.id
        join ledger_transactions s on s.id = i.settled_transaction_id and s.kind = 'settlement'
       where t.kind = 'capture' and i.settlement_id = ${settlementId}
       group by t.id having count(*) = 1) once`);
  return rows[0]!.n;
}

async function historySize(client: Client, workflowId: string): Promise<HistorySize> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const counts = countEvents(history.events ?? []);
  return { workflowId, events: counts.events, bytes: counts.bytes };
}
