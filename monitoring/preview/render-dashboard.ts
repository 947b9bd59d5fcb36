// `node --import tsx monitoring/preview/render-dashboard.ts [--minutes M] [--out file.png]`:
// a picture of the Grafana dashboard drawn from the metrics of a real run, where Grafana is
// not at hand (it is not in Debian's archive). Brings up the stack (Postgres, Temporal, the
// PSP simulator) with the worker and the API in this process, their /metrics and the SDK's
// exporter on, and Debian's Prometheus scraping them every 5 s with the alert rules loaded;
// drives payments (captured, declined, manual then captured, then an Adyen outage that opens
// its breaker and leaves outcomes unknown) and a settlement; then evaluates every panel's
// queries in Prometheus over the run and draws them on a page laid out by the dashboard's
// grid, screenshotted by Debian's chromium. A query Prometheus refuses fails the run.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startApi } from '../../api/server';
import { startDevStack } from '../../cli/stack';
import { installTemporalRuntime } from '../../cli/temporal-runtime';
import { loadConfig } from '../../config/config';
import { withDevMasterKey } from '../../devtools/dev-master-key';
import { createDatabase } from '../../db/client';
import { createFinanceKey, createMerchant } from '../../db/queries/merchants';
import { chromiumExecutable } from '../../devtools/chromium';
import { freePort } from '../../devtools/free-port';
import { simulatorWiring } from '../../sim/wiring';
import { startWorker } from '../../workers/start';

const ROOT = path.resolve(__dirname, '../..');
const PROMETHEUS = '/usr/bin/prometheus';
const TOKEN = `preview-${randomUUID()}`;

interface Panel {
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  fieldConfig?: { defaults?: { unit?: string } };
  targets?: Array<{ expr: string; legendFormat: string }>;
}
type Series = { metric: Record<string, string>; values: Array<[number, string]> };

const log = (message: string) => console.error(`[preview] ${message}`);
const until = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const { values } = parseArgs({
    options: { minutes: { type: 'string', default: '3' }, out: { type: 'string', default: 'docs/observability-dashboard.png' } },
  });
  const minutes = Number(values.minutes);
  const [workerPort, sdkPort, promPort] = [await freePort(), await freePort(), await freePort()];
  const config = withDevMasterKey(
    loadConfig({
      ...process.env,
      LOG_LEVEL: 'error',
      TEMPORAL_TASK_QUEUE: `preview-${randomUUID()}`,
      METRICS_TOKEN: TOKEN,
      WORKER_METRICS_PORT: String(workerPort),
      CIRCUIT_FAILURE_THRESHOLD: '3',
      PSP_TIMEOUT_MS: '2000',
      // Unknown outcomes of the outage reach the exceptions list within the run.
      OUTCOME_UNKNOWN_DEADLINE_SECONDS: '15',
    }),
    { persistent: false },
  );
  installTemporalRuntime('error', { metricsAddress: `127.0.0.1:${sdkPort}` });
  const stack = await startDevStack(config, { persistent: false, withUi: false });
  const database = createDatabase(stack.databaseUrl);
  const wiring = simulatorWiring(config, stack.simulator!);
  const worker = await startWorker({ config, db: database.db, connection: stack.connection, wiring });
  const api = await startApi({ config, db: database.db, temporal: stack.client, port: 0, wiring });
  stack.simulator!.setWebhookTarget(api.url);
  const dir = mkdtempSync(path.join(tmpdir(), 'holdfast-preview-'));
  const prometheus = startPrometheus(dir, promPort, {
    api: new URL(api.url).host,
    worker: `127.0.0.1:${workerPort}`,
    sdk: `127.0.0.1:${sdkPort}`,
  });
  try {
    const started = Date.now() / 1000;
    await drive(api.url, stack.simulator!.url, database.db, minutes * 60_000);
    log('letting Prometheus scrape the end state');
    await until(20_000);
    const ended = Date.now() / 1000;
    const out = path.resolve(ROOT, values.out!);
    await render(`http://127.0.0.1:${promPort}`, started, ended, out);
    log(`wrote ${out}`);
  } finally {
    prometheus.kill('SIGTERM');
    await api.stop();
    await worker.stop();
    await database.close();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function startPrometheus(dir: string, port: number, targets: { api: string; worker: string; sdk: string }) {
  writeFileSync(path.join(dir, 'token'), TOKEN);
  const rules = path.join(ROOT, 'monitoring/prometheus/holdfast-alerts.yml');
  const job = (name: string, target: string, auth: boolean) =>
    [
      `  - job_name: ${name}`,
      ...(auth ? [`    authorization: { credentials_file: ${path.join(dir, 'token')} }`] : []),
      `    static_configs: [{ targets: ['${target}'] }]`,
    ].join('\n');
  writeFileSync(
    path.join(dir, 'prometheus.yml'),
    [
      `global: { scrape_interval: 5s, evaluation_interval: 5s }`,
      `rule_files: ['${rules}']`,
      'scrape_configs:',
      job('holdfast-api', targets.api, true),
      job('holdfast-worker', targets.worker, true),
      job('holdfast-temporal-sdk', targets.sdk, false),
      '',
    ].join('\n'),
  );
  return spawn(
    PROMETHEUS,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
}

/** Payments of every kind for most of the run, an Adyen outage near its end, then a settlement. */
async function drive(apiUrl: string, simUrl: string, db: Parameters<typeof createMerchant>[0], durationMs: number) {
  const merchant = await createMerchant(db, { name: 'Preview merchant' });
  const finance = await createFinanceKey(db);
  const post = (key: string, route: string, body: unknown) =>
    fetch(`${apiUrl}${route}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { id?: string; status?: string } }));
  const control = (body: unknown) =>
    fetch(`${simUrl}/_sim/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const kinds = [
    () => post(merchant.apiKey, '/v1/payments', { amount: 2500, currency: 'usd', payment_method: 'pm_card_visa' }),
    () => post(merchant.apiKey, '/v1/payments', { amount: 4200, currency: 'eur', payment_method: 'pm_card_visa', psp: 'adyen' }),
    () => post(merchant.apiKey, '/v1/payments', { amount: 1300, currency: 'usd', payment_method: 'pm_card_chargeDeclined' }),
    async () => {
      const created = await post(merchant.apiKey, '/v1/payments', {
        amount: 9000,
        currency: 'usd',
        payment_method: 'pm_card_mastercard',
        capture_method: 'manual',
      });
      if (created.body.id) await post(merchant.apiKey, `/v1/payments/${created.body.id}/capture`, {});
      return created;
    },
  ];
  const outageAt = Date.now() + durationMs * 0.7;
  const end = Date.now() + durationMs;
  let count = 0;
  let outage = false;
  log(`driving payments for ${durationMs / 1000}s`);
  const lane = async () => {
    while (Date.now() < end) {
      if (!outage && Date.now() > outageAt) {
        outage = true;
        log('Adyen answers 503 from now on');
        await control({ action: 'psp_down', psp: 'adyen', mode: '503' });
      }
      await kinds[count++ % kinds.length]!().catch((error: Error) => log(`payment: ${error.message}`));
      await until(400);
    }
  };
  await Promise.all([lane(), lane()]);
  await control({ action: 'psp_up', psp: 'adyen' });
  const today = new Date().toISOString().slice(0, 10);
  log(`${count} payments; settling ${today}`);
  const settled = await post(finance.apiKey, '/v1/settlements', { date: today });
  log(`settlement answered ${settled.status}`);
}

async function query(promUrl: string, expr: string, start: number, end: number): Promise<Series[]> {
  const params = new URLSearchParams({ query: expr, start: String(start), end: String(end), step: '5' });
  const answer = (await (await fetch(`${promUrl}/api/v1/query_range?${params}`)).json()) as {
    status: string;
    error?: string;
    data: { result: Series[] };
  };
  if (answer.status !== 'success') throw new Error(`Prometheus refused ${expr}: ${answer.error}`);
  return answer.data.result;
}

const COLORS = ['#73bf69', '#f2cc0c', '#8ab8ff', '#ff780a', '#f2495c', '#5794f2', '#b877d9', '#fade2a', '#37872d', '#c4162a'];

function legend(format: string, metric: Record<string, string>): string {
  return format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, label: string) => metric[label] ?? '') || JSON.stringify(metric);
}

function formatValue(value: number, unit = 'short'): string {
  if (!Number.isFinite(value)) return '–';
  if (unit === 'percentunit') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'bool_on_off') return value >= 1 ? 'OPEN' : 'closed';
  if (unit === 's') return value < 1 ? `${(value * 1000).toFixed(0)} ms` : `${value.toFixed(2)} s`;
  if (unit === 'bytes') return `${(value / 1024 / 1024).toFixed(0)} MiB`;
  if (unit === 'reqps' || unit === 'ops') return `${value.toFixed(2)}/s`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

async function render(promUrl: string, start: number, end: number, out: string) {
  const dashboard = JSON.parse(readFileSync(path.join(ROOT, 'monitoring/grafana/holdfast-dashboard.json'), 'utf8')) as {
    title: string;
    panels: Panel[];
  };
  const cell = 34;
  const boxes: string[] = [];
  for (const panel of dashboard.panels) {
    const { x, y, w, h } = panel.gridPos;
    const style = `left:${(x / 24) * 100}%;top:${y * cell}px;width:calc(${(w / 24) * 100}% - 8px);height:${h * cell - 8}px`;
    if (panel.type === 'row') {
      boxes.push(`<div class="row" style="${style}">${escapeHtml(panel.title)}</div>`);
      continue;
    }
    const unit = panel.fieldConfig?.defaults?.unit;
    const lines: Array<{ name: string; points: Array<[number, number]> }> = [];
    for (const target of panel.targets ?? []) {
      for (const series of await query(promUrl, target.expr, start, end)) {
        lines.push({
          name: legend(target.legendFormat, series.metric),
          points: series.values.map(([t, v]) => [t, Number(v)] as [number, number]).filter(([, v]) => Number.isFinite(v)),
        });
      }
    }
    let body: string;
    if (lines.length === 0) {
      body = '<div class="empty">No data</div>';
    } else if (panel.type === 'stat') {
      body = `<div class="stats">${lines.map((l, i) => `<div><span class="big" style="color:${COLORS[i % COLORS.length]}">${formatValue(l.points.at(-1)?.[1] ?? NaN, unit)}</span><span>${escapeHtml(l.name)}</span></div>`).join('')}</div>`;
    } else {
      const all = lines.flatMap((l) => l.points.map(([, v]) => v));
      const max = Math.max(...all, 0) || 1;
      const min = Math.min(...all, 0);
      const [W, H] = [1000, 1000];
      const path = (points: Array<[number, number]>) =>
        points
          .map(
            ([t, v], i) =>
              `${i ? 'L' : 'M'}${(((t - start) / (end - start)) * W).toFixed(1)},${(H - ((v - min) / (max - min)) * H).toFixed(1)}`,
          )
          .join('');
      body = `<div class="chart"><div class="axis"><span>${formatValue(max, unit)}</span><span>${formatValue(min, unit)}</span></div><svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none">${lines
        .map(
          (l, i) =>
            `<path d="${path(l.points)}" stroke="${COLORS[i % COLORS.length]}" fill="none" stroke-width="2" vector-effect="non-scaling-stroke"/>`,
        )
        .join('')}</svg></div><div class="legend">${lines
        .slice(0, 8)
        .map(
          (l, i) =>
            `<span><i style="background:${COLORS[i % COLORS.length]}"></i>${escapeHtml(l.name)} <b>${formatValue(l.points.at(-1)?.[1] ?? NaN, unit)}</b></span>`,
        )
        .join('')}${lines.length > 8 ? `<span>+${lines.length - 8} more</span>` : ''}</div>`;
    }
    boxes.push(`<div class="panel" style="${style}"><div class="title">${escapeHtml(panel.title)}</div>${body}</div>`);
  }
  const height = Math.max(...dashboard.panels.map((p) => (p.gridPos.y + p.gridPos.h) * cell)) + 60;
  const minutes = ((end - start) / 60).toFixed(1);
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>
    body{margin:0;background:#111217;color:#ccccdc;font:12px Inter,Helvetica,Arial,sans-serif}
    header{padding:12px 16px;font-size:16px;color:#fff}header small{color:#8e8e8e;font-size:12px;margin-left:12px}
    main{position:relative;margin:0 8px;height:${height}px}
    .row{position:absolute;font-size:14px;font-weight:600;color:#fff;padding-top:8px}
    .panel{position:absolute;background:#181b1f;border:1px solid #2c3235;border-radius:3px;display:flex;flex-direction:column;overflow:hidden}
    .title{padding:6px 8px;font-weight:600;color:#fff}
    .chart{flex:1;display:flex;min-height:0;padding:0 8px}.chart svg{flex:1;height:100%;border-left:1px solid #2c3235;border-bottom:1px solid #2c3235}
    .axis{display:flex;flex-direction:column;justify-content:space-between;color:#8e8e8e;padding-right:4px;font-size:10px;min-width:48px;text-align:right}
    .legend{padding:4px 8px;display:flex;flex-wrap:wrap;gap:2px 10px;font-size:10px;max-height:44px;overflow:hidden}.legend i{display:inline-block;width:10px;height:3px;margin-right:4px;vertical-align:middle}
    .stats{flex:1;display:flex;gap:16px;align-items:center;justify-content:center;flex-wrap:wrap}.stats div{display:flex;flex-direction:column;align-items:center}.big{font-size:28px;font-weight:600}
    .empty{flex:1;display:flex;align-items:center;justify-content:center;color:#8e8e8e}
  </style></head><body><header>${escapeHtml(dashboard.title)}<small>monitoring/grafana/holdfast-dashboard.json, every query evaluated by Prometheus over a ${minutes}-minute run (rendered without Grafana)</small></header><main>${boxes.join('')}</main></body></html>`;
  const browser = await chromium.launch({ executablePath: await chromiumExecutable(), args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.setContent(html);
    await page.screenshot({ path: out, fullPage: true });
  } finally {
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
