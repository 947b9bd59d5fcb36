import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../telemetry/logger';

/** A logger writing to a string, and the lines it wrote, parsed. */
function capture() {
  let written = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  return {
    log: createLogger('info', sink),
    lines: () =>
      written
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    text: () => written,
  };
}

describe('the logger masks card numbers that reach it', () => {
  it('in fields at any depth, keys, numbers, the message and its arguments', () => {
    const { log, lines, text } = capture();
    log.info(
      { a: 'card 4242424242424242', n: 5555555555554444, nested: { '4000 0566 5566 5556': ['378282246310005'] } },
      'msg %s',
      '6011111111111117',
    );
    for (const digits of ['4242424242424242', '5555555555554444', '0566', '378282246310005', '6011111111111117']) {
      assert.ok(!text().includes(digits), digits);
    }
    const [line] = lines();
    assert.equal(line.a, 'card ****************');
    assert.deepEqual(line.nested, { '**** **** **** ****': ['***************'] });
    assert.equal(line.msg, 'msg ****************');
  });

  it("in an error's message and stack", () => {
    const { log, text } = capture();
    log.error({ err: new Error('no such payment 4242-4242-4242-4242') }, 'unhandled error');
    assert.ok(text().includes('no such payment ****-****-****-****'));
    assert.ok(!text().includes('4242'));
  });

  it('and leaves everything else as it was', () => {
    const { log, lines } = capture();
    log.info({ route: '/v1/payments', status: 400, duration_ms: 3, token: 'pm_card_visa', at: '2026-12-05T06:30:18.123Z' }, 'request');
    const [line] = lines();
    assert.deepEqual(
      { route: line.route, status: line.status, duration_ms: line.duration_ms, token: line.token, at: line.at, msg: line.msg },
      { route: '/v1/payments', status: 400, duration_ms: 3, token: 'pm_card_visa', at: '2026-12-05T06:30:18.123Z', msg: 'request' },
    );
  });
});
