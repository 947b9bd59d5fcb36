import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../telemetry/logger';
import { writeTemporalLogEntry } from '../../telemetry/worker-log';

function capture(level = 'debug') {
  let written = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  return {
    log: createLogger(level, sink),
    lines: () =>
      written
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    text: () => written,
  };
}

describe("the Temporal SDK's log lines as the API's JSON", () => {
  it('names workflow and run as the API does (snake_case), keeps the rest, drops task tokens', () => {
    const { log, lines } = capture();
    writeTemporalLogEntry(log, {
      level: 'INFO',
      message: 'Activity completed',
      timestampNanos: 0n,
      meta: {
        workflowId: 'payment-pay_1',
        workflowRunId: 'run-1',
        request_id: 'req_1',
        activityType: 'authorizePayment',
        taskToken: 'AAEC',
      },
    });
    const [line] = lines();
    assert.equal(line.msg, 'Activity completed');
    assert.equal(line.level, 30);
    assert.equal(line.source, 'temporal');
    assert.equal(line.workflow_id, 'payment-pay_1');
    assert.equal(line.run_id, 'run-1');
    assert.equal(line.request_id, 'req_1');
    assert.equal(line.activityType, 'authorizePayment');
    assert.equal(line.taskToken, undefined);
  });

  it("keeps the logger's level, serializes errors with their stack, and masks card numbers", () => {
    const { log, lines, text } = capture('warn');
    writeTemporalLogEntry(log, { level: 'DEBUG', message: 'quiet', timestampNanos: 0n, meta: {} });
    writeTemporalLogEntry(log, {
      level: 'WARN',
      message: 'Activity failed 4242424242424242',
      timestampNanos: 0n,
      meta: { error: new Error('refused card 4000056655665556'), workflowId: 'payment-pay_2' },
    });
    assert.equal(lines().length, 1, 'the debug line is below the level');
    const [line] = lines();
    assert.equal(line.level, 40);
    assert.match(line.err.stack, /Error: refused card \*{16}/);
    assert.ok(!text().includes('4242424242424242') && !text().includes('4000056655665556'));
  });
});
