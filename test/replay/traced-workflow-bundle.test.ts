// The tracing interceptors join the workflow bundle only when a process traces; histories
// recorded without them (every committed one) must replay with them too, or turning tracing
// on would break workflows in flight.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Resource } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry/lib/worker';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../workers/workflow-bundle';

const HISTORIES = path.join(__dirname, 'histories');

describe('committed workflow histories replay with the tracing interceptors bundled', function () {
  this.timeout(180_000);
  const sinks = { exporter: makeWorkflowExporter(new SimpleSpanProcessor(new InMemorySpanExporter()), new Resource({})) };

  for (const file of readdirSync(HISTORIES).filter((f) => f.endsWith('.json'))) {
    it(`replays ${file.replace(/\.json$/, '')} deterministically with tracing on`, async () => {
      const history = historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')));
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle({ tracing: true }), sinks }, history, `replay-traced-${file}`);
    });
  }
});
