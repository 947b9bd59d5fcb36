// Runs `temporal server start-dev` as a child process and waits until it answers. We start
// it ourselves instead of through the SDK's ephemeral server because the SDK gives the
// binary 5 s to come up, which two busy cores do not always manage.
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { freePort } from './free-port';

/** The custom search attributes ops use to find payments in the Web UI. */
export const SEARCH_ATTRIBUTES = {
  MerchantId: 'Keyword',
  PaymentStatus: 'Keyword',
  Psp: 'Keyword',
} as const;

export interface TemporalDevServerOptions {
  cliPath: string;
  port: number;
  /** Port of the Web UI; null runs headless. */
  uiPort?: number | null;
  /** SQLite file that keeps workflows across restarts; absent = in memory. */
  dbFile?: string;
  namespace: string;
  /** Where the server's own output goes; without one only its tail is kept, for errors. */
  logFile?: string;
  /** Where the Web UI decodes payloads (holdfast's /ops/codec); with the UI only. */
  uiCodecEndpoint?: string;
  /** Dynamic config keys and their values, passed as `--dynamic-config-value KEY=JSON`. */
  dynamicConfig?: Record<string, string | number | boolean>;
}

export interface RunningTemporalDevServer {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

const READY_DEADLINE_MS = 60_000;
const STOP_GRACE_MS = 10_000;

/** Start attempts when a port the CLI binds besides ours was taken in the meantime. */
const START_ATTEMPTS = 3;

export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<RunningTemporalDevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      // The HTTP API's port is ours to pick too; between picking and binding, another
      // process (or one of our own listeners) can take it, which is worth another try.
      return await startOnce(options, await freePort());
    } catch (error) {
      if (attempt >= START_ATTEMPTS || !/address already in use/.test(String(error))) throw error;
    }
  }
}

async function startOnce(options: TemporalDevServerOptions, httpPort: number): Promise<RunningTemporalDevServer> {
  const host = '127.0.0.1';
  const address = `${host}:${options.port}`;
  const args = [
    'server',
    'start-dev',
    '--ip',
    host,
    '--port',
    String(options.port),
    '--http-port',
    String(httpPort),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    // On a restart with the same db file these already exist; start-dev accepts that.
    ...Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
  ];
  for (const [key, value] of Object.entries(options.dynamicConfig ?? {})) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  if (options.uiPort == null) args.push('--headless');
  else {
    args.push('--ui-port', String(options.uiPort));
    if (options.uiCodecEndpoint) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  }
  if (options.dbFile) {
    mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }

  // Own process group: a Ctrl-C in the terminal reaches only us, so `holdfast dev` can stop
  // the worker before the server it polls, instead of everything dying at once.
  const child = spawn(options.cliPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child, options.logFile);
  // Detached children outlive a parent that exits without calling stop(); never leave one.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code ?? 'unknown'));
    child.once('error', (error) => resolve(error.message));
  }).finally(() => process.off('exit', killOnExit));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    await output.close();
  };

  const earlyExit = exited.then((status) => {
    throw new Error(`temporal server start-dev exited before it was ready (${status}):\n${output.tail()}`);
  });
  const giveUp = new AbortController();
  try {
    await Promise.race([waitUntilServing(address, options.namespace, giveUp.signal), earlyExit]);
  } catch (error) {
    giveUp.abort();
    await stop();
    throw error;
  }
  earlyExit.catch(() => undefined); // an exit after start-up is the caller's business

  return {
    address,
    uiUrl: options.uiPort == null ? undefined : `http://${host}:${options.uiPort}`,
    stop,
  };
}

/** Retries until the namespace answers: the gRPC port opens before the namespace is ready. */
async function waitUntilServing(address: string, namespace: string, giveUp: AbortSignal): Promise<void> {
  const deadline = Date.now() + READY_DEADLINE_MS;
  let delay = 50;
  while (!giveUp.aborted) {
    try {
      // gRPC waits ~1 s before redialling a refused port; a plain TCP probe notices sooner.
      await probeTcp(address);
      const connection = await Connection.connect({ address, connectTimeout: '2s' });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      if (Date.now() + delay > deadline) {
        throw new Error(`Temporal at ${address} not ready after ${READY_DEADLINE_MS} ms`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 250);
    }
  }
}

function probeTcp(address: string): Promise<void> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

const TAIL_BYTES = 16 * 1024;

/**
 * Drains the child's stdout and stderr (an undrained pipe blocks the server once full),
 * appending them to the log file if there is one and keeping the last few KB for errors.
 */
function captureOutput(child: ChildProcess, logFile?: string) {
  let tail = '';
  let file: ReturnType<typeof createWriteStream> | undefined;
  if (logFile) {
    mkdirSync(path.dirname(logFile), { recursive: true });
    file = createWriteStream(logFile, { flags: 'a' });
  }
  const onData = (chunk: Buffer) => {
    file?.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return {
    tail: () => tail.trim() || '(no output)',
    close: () => new Promise<void>((resolve) => (file ? file.end(resolve) : resolve())),
  };
}

const GRPC_ALREADY_EXISTS = 6;

/**
 * Registers any of SEARCH_ATTRIBUTES missing from `namespace` on an existing cluster (the
 * dev server registers them at start). Fails if one exists with another type, since
 * queries on it would not behave as the code expects.
 */
export async function ensureSearchAttributes(connection: Pick<Connection, 'operatorService'>, namespace: string): Promise<void> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing: Record<string, ReturnType<typeof indexedType>> = {};
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) {
    const existing = customAttributes?.[name];
    if (existing === undefined || existing === null) missing[name] = indexedType(type);
    else if (existing !== indexedType(type)) {
      throw new Error(`search attribute ${name} exists in ${namespace} with a type other than ${type}`);
    }
  }
  if (Object.keys(missing).length === 0) return;
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  } catch (error) {
    // Another process registered them between our list and add.
    if (!(isGrpcServiceError(error) && error.code === GRPC_ALREADY_EXISTS)) throw error;
  }
}

type AttributeType = (typeof SEARCH_ATTRIBUTES)[keyof typeof SEARCH_ATTRIBUTES];
/** The CLI spells types `Keyword`, the SDK `KEYWORD`; adding a type fails to compile until mapped here. */
const SDK_TYPE_NAME = { Keyword: 'KEYWORD' } as const satisfies Record<AttributeType, string>;

function indexedType(type: AttributeType) {
  const encoded = encodeSearchAttributeIndexedValueType(SDK_TYPE_NAME[type]);
  if (encoded === undefined) throw new Error(`unknown search attribute type ${type}`);
  return encoded;
}
