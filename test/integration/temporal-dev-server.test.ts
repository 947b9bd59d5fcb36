import { Client, Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { msToTs } from '@temporalio/common/lib/time';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config/config';
import { ensureSearchAttributes, SEARCH_ATTRIBUTES, startTemporalDevServer } from '../../devtools/temporal-dev-server';
import { freePort } from '../../devtools/free-port';
import { ensureTemporalCli } from '../../devtools/temporal-tools';
import { eventually } from '../support/eventually';
import { sharedTemporal, uniqueTaskQueue } from '../support/temporal';

const KEYWORD = encodeSearchAttributeIndexedValueType('KEYWORD');

describe('Temporal dev server', () => {
  let cliPath: string;
  let scratch: string;

  before(async () => {
    cliPath = await ensureTemporalCli(loadConfig().temporal.cliPath);
    scratch = await mkdtemp(path.join(tmpdir(), 'holdfast-temporal-test-'));
  });

  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('serves the requested namespace once started', async () => {
    const { client, namespace } = await sharedTemporal();

    const { namespaceInfo } = await client.workflowService.describeNamespace({ namespace });

    assert.equal(namespaceInfo?.name, namespace);
  });

  it('registers MerchantId, PaymentStatus and Psp as Keyword search attributes', async () => {
    const { client, namespace } = await sharedTemporal();

    const { customAttributes } = await client.connection.operatorService.listSearchAttributes({ namespace });

    for (const name of Object.keys(SEARCH_ATTRIBUTES)) {
      assert.equal(customAttributes?.[name], KEYWORD, `${name} is not a registered Keyword attribute`);
    }
  });

  it('ensureSearchAttributes adds the attributes a namespace lacks and accepts them when present', async () => {
    const { client } = await sharedTemporal();
    const namespace = `sa-${randomUUID()}`;
    await client.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('1 day'),
    });

    const before = await client.connection.operatorService.listSearchAttributes({ namespace });
    assert.equal(before.customAttributes?.MerchantId, undefined, 'a new namespace already had MerchantId');

    await ensureSearchAttributes(client.connection, namespace);
    await ensureSearchAttributes(client.connection, namespace);

    const { customAttributes } = await client.connection.operatorService.listSearchAttributes({ namespace });
    for (const name of Object.keys(SEARCH_ATTRIBUTES)) assert.equal(customAttributes?.[name], KEYWORD);
  });

  it('keeps workflows in a persistent db file across a restart', async () => {
    const dbFile = path.join(scratch, 'restart.db');
    const workflowId = `restart-probe-${randomUUID()}`;
    const query = `WorkflowId = '${workflowId}'`;

    await withServer(dbFile, async (client) => {
      // No worker polls this queue, so the workflow stays open across the restart.
      await client.workflow.start('restartProbe', { taskQueue: uniqueTaskQueue('restart'), workflowId });
      // Visibility (what `list` reads) is updated asynchronously after a workflow starts.
      await eventually('the workflow in visibility', async () => (await listIds(client, query)).includes(workflowId));
    });

    await withServer(dbFile, async (client) => {
      const description = await client.workflow.getHandle(workflowId).describe();
      assert.equal(description.status.name, 'RUNNING');
      assert.deepEqual(await listIds(client, query), [workflowId]);
    });
  });

  it('fails with the server output when the CLI exits before it is ready', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      await assert.rejects(
        startTemporalDevServer({ cliPath, port, uiPort: null, namespace: 'default' }),
        /exited before it was ready[\s\S]*address already in use/,
      );
    } finally {
      taken.close();
    }
  });

  it('passes dynamic config values to the server', async () => {
    await withServer(
      undefined,
      async (client) => {
        // The limit covers task queue names too; a fresh server needs no unique one.
        const taskQueue = 'probe';
        await client.workflow.start('probe', { taskQueue, workflowId: 'x'.repeat(40) });
        await assert.rejects(client.workflow.start('probe', { taskQueue, workflowId: 'x'.repeat(41) }), (error: Error) =>
          /WorkflowId exceeds maximum allowed length/.test(String(error.cause)),
        );
      },
      { 'limit.maxIDLength': 40 },
    );
  });

  async function withServer(
    dbFile: string | undefined,
    use: (client: Client) => Promise<void>,
    dynamicConfig?: Record<string, number>,
  ): Promise<void> {
    const server = await startTemporalDevServer({
      cliPath,
      port: await freePort(),
      uiPort: null,
      dbFile,
      namespace: 'default',
      dynamicConfig,
    });
    try {
      const connection = await Connection.connect({ address: server.address });
      try {
        await use(new Client({ connection, namespace: 'default' }));
      } finally {
        await connection.close();
      }
    } finally {
      await server.stop();
    }
  }
});

async function listIds(client: Client, query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const execution of client.workflow.list({ query })) ids.push(execution.workflowId);
  return ids;
}
