// Card numbers in every spelling, in every part of a request that holdfast stores, logs or
// echoes, are refused; their lookalikes (UUIDs, timestamps, tokens, order numbers) are not.
// Then the stack's API log, a dump of every database table and the suite's workflow
// histories, their sealed values opened, are searched for the digits of every refused number:
// none may be there.
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Client as PgClient } from 'pg';
import { createLogger } from '../../telemetry/logger';
import { eventually } from '../support/eventually';
import { openedTableDump, openHistoryPayloads } from '../support/opened-at-rest';
import { startTestStack, type TestStack } from '../support/stack';

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A fresh Luhn-valid Visa-range number, so no other data can hold its digits by chance. */
function freshPan(length = 16): string {
  const body = `4${Array.from({ length: length - 2 }, () => randomInt(10)).join('')}`;
  return [...'0123456789'].map((check) => body + check).find(luhn)!;
}

const groups = (pan: string, separator: string) => pan.match(/\d{4}/g)!.join(separator);
const inScript = (pan: string, zero: number) => pan.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));

/** Spellings that fit anywhere, headers included (ASCII, no controls). */
const ASCII_SPELLINGS: Record<string, (pan: string) => string> = {
  bare: (pan) => pan,
  'glued to letters': (pan) => `card${pan}`,
  dots: (pan) => groups(pan, '.'),
  underscores: (pan) => groups(pan, '_'),
  dashes: (pan) => groups(pan, '-'),
  slashes: (pan) => groups(pan, '/'),
  'double spaces': (pan) => groups(pan, '  '),
  'dot and space': (pan) => groups(pan, '. '),
};

/** Spellings for JSON strings, query strings and paths. */
const SPELLINGS: Record<string, (pan: string) => string> = {
  ...ASCII_SPELLINGS,
  tabs: (pan) => groups(pan, '\t'),
  'no-break spaces': (pan) => groups(pan, '\u00a0'),
  'en dashes': (pan) => groups(pan, '\u2013'),
  'zero-width spaces': (pan) => groups(pan, '\u200b'),
  'full-width digits': (pan) => inScript(pan, 0xff10),
  'Arabic-Indic digits': (pan) => inScript(pan, 0x0660),
  'Devanagari digits': (pan) => inScript(pan, 0x0966),
  'Arabic-Indic digits in groups': (pan) => inScript(groups(pan, ' '), 0x0660),
};

describe('card data in any spelling, anywhere in a request, is refused and leaves no trace', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let apiKey: string;
  let logged = '';
  /** The digits of every number a request was refused for. */
  const refusedPans: string[] = [];
  let acceptedPayments = 0;

  before(async function () {
    this.timeout(300_000);
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    stack = await startTestStack({ logger: createLogger('trace', sink) });
    ({ apiKey } = await stack.merchant());
  });
  after(() => stack?.stop());

  async function send(method: string, path: string, options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}`, ...options.headers };
    let body: string | undefined;
    if (options.body !== undefined || options.rawBody !== undefined) {
      headers['content-type'] = 'application/json';
      body = options.rawBody ?? JSON.stringify(options.body);
    }
    if (method === 'POST') headers['idempotency-key'] ??= randomUUID();
    const response = await fetch(`${stack.apiUrl}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, text, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  const payment = (overrides: Record<string, unknown> = {}) => ({
    amount: 1000,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    ...overrides,
  });

  /** Sends a request carrying `pan` and expects the guard's refusal naming `param`. */
  async function expectRefused(pan: string, param: string, request: Parameters<typeof send>) {
    refusedPans.push(pan);
    const answer = await send(...request);
    const what = `${request[0]} ${request[1]} (${param})`;
    assert.equal(answer.status, 400, `${what}: ${answer.text}`);
    assert.equal(answer.body.error.code, 'raw_card_data_not_allowed', what);
    assert.equal(answer.body.error.param, param, what);
    assert.ok(!digitsOf(answer.text).includes(pan), `${what}: the answer echoes the number`);
    assert.ok(!digitsOf(answer.headers.get('request-id') ?? '').includes(pan), `${what}: Request-Id echoes the number`);
  }

  describe('refused with 400 raw_card_data_not_allowed', () => {
    for (const [how, spell] of Object.entries(SPELLINGS)) {
      it(`a number written with ${how}, in a body field, metadata, a query and the path`, async () => {
        let pan = freshPan();
        await expectRefused(pan, 'description', ['POST', '/v1/payments', { body: payment({ description: `pay with ${spell(pan)}` }) }]);
        pan = freshPan();
        await expectRefused(pan, 'metadata[note]', ['POST', '/v1/payments', { body: payment({ metadata: { note: spell(pan) } }) }]);
        pan = freshPan();
        await expectRefused(pan, 'customer[name]', ['POST', '/v1/payments', { body: payment({ customer: { name: spell(pan) } }) }]);
        pan = freshPan();
        await expectRefused(pan, 'starting_after', ['GET', `/v1/payments?starting_after=${encodeURIComponent(spell(pan))}`]);
        pan = freshPan();
        await expectRefused(pan, '(path)', ['GET', `/v1/payments/${encodeURIComponent(spell(pan))}`]);
      });
    }

    for (const [how, spell] of Object.entries(ASCII_SPELLINGS)) {
      it(`a number written with ${how}, in the Idempotency-Key and the X-Request-Id`, async () => {
        let pan = freshPan();
        await expectRefused(pan, 'Idempotency-Key', [
          'POST',
          '/v1/payments',
          { body: payment(), headers: { 'idempotency-key': `order-${spell(pan)}` } },
        ]);
        pan = freshPan();
        await expectRefused(pan, 'X-Request-Id', ['GET', '/v1/payments', { headers: { 'x-request-id': spell(pan) } }]);
      });
    }

    it('a number in full-width digits, sent as UTF-8 bytes in a header', async () => {
      const pan = freshPan();
      const utf8AsLatin1 = Buffer.from(SPELLINGS['full-width digits']!(pan), 'utf8').toString('latin1');
      await expectRefused(pan, 'Idempotency-Key', [
        'POST',
        '/v1/payments',
        { body: payment(), headers: { 'idempotency-key': utf8AsLatin1 } },
      ]);
    });

    it('a metadata key that is a card number, named masked in param', async () => {
      const pan = freshPan();
      refusedPans.push(pan);
      const answer = await send('POST', '/v1/payments', { body: payment({ metadata: { [pan]: 'x' } }) });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error.code, 'raw_card_data_not_allowed');
      assert.equal(answer.body.error.param, 'metadata[****************]');
    });

    it('a card number sent as a JSON number, also beyond 2^53 where the parsed value lost its digits', async () => {
      const pan = freshPan();
      await expectRefused(pan, 'metadata[n]', [
        'POST',
        '/v1/payments',
        { rawBody: `{"amount":1000,"currency":"usd","payment_method":"pm_card_visa","metadata":{"n":${pan}}}` },
      ]);
      const nineteen = freshPan(19);
      assert.notEqual(String(Number(nineteen)), nineteen);
      await expectRefused(nineteen, 'amount', [
        'POST',
        '/v1/payments',
        { rawBody: `{"amount":${nineteen},"currency":"usd","payment_method":"pm_card_visa"}` },
      ]);
    });

    it('a card number in a path outside /v1, and in the path of a POST', async () => {
      let pan = freshPan();
      await expectRefused(pan, '(path)', ['GET', `/${pan}`]);
      pan = freshPan();
      await expectRefused(pan, '(path)', ['POST', `/v1/payments/${groups(pan, '.')}/capture`, { body: {} }]);
    });
  });

  describe('lookalikes are accepted', () => {
    const timestamps = [
      '2026-12-05T06:30:18.123456789-05:00',
      '2026-12-05 06:30:18.123456+05:30',
      '2026-12-05T06:30:18Z',
      '20261205T063018.123Z',
    ];

    it('UUIDs, ISO-8601 timestamps, tokens, order numbers and Luhn-invalid numbers in the body and metadata', async () => {
      const lookalikes = [
        randomUUID(),
        `order ${randomUUID()} ${randomUUID()}`,
        ...timestamps,
        'pm_card_visa',
        '123456789012',
        'orders 123456789012 123456789013',
        '4242424242424241',
        '+1 415-555-0100',
      ];
      for (const text of lookalikes) {
        const answer = await send('POST', '/v1/payments', {
          body: payment({ description: text, metadata: { ref: text.slice(0, 500) } }),
          headers: { 'idempotency-key': `order-${randomUUID()}` },
        });
        assert.equal(answer.status, 201, `${text}: ${answer.text}`);
        acceptedPayments += 1;
      }
    });

    it('a UUID, or a timestamp, as X-Request-Id is kept and echoed; an unsafe one is replaced', async () => {
      for (const requestId of [randomUUID(), 'req-2026-12-05T06:30:18.123Z', 'order_123456789012']) {
        const answer = await send('GET', '/v1/payments', { headers: { 'x-request-id': requestId } });
        assert.equal(answer.status, 200, answer.text);
        assert.equal(answer.headers.get('request-id'), requestId);
      }
      const unsafe = await send('GET', '/v1/payments', { headers: { 'x-request-id': 'has spaces & <html>' } });
      assert.equal(unsafe.status, 200);
      assert.match(unsafe.headers.get('request-id')!, /^req_[0-9a-f]{32}$/);
    });

    it('a UUID in the path is looked up (404), not refused', async () => {
      const answer = await send('GET', `/v1/payments/${randomUUID()}`);
      assert.equal(answer.status, 404, answer.text);
      assert.equal(answer.body.error.code, 'resource_missing');
    });

    it('a large JSON number that fails Luhn is judged by the schema, not refused as a card', async () => {
      // A 19-digit number that fails Luhn although its value rounded to a double passes.
      let sent = 4_000_000_000_000_000_000n;
      while (luhn(String(sent)) || !luhn(String(Number(sent)))) sent += 1n;
      const answer = await send('POST', '/v1/payments', { rawBody: `{"amount":${sent},"currency":"usd","payment_method":"pm_card_visa"}` });
      assert.equal(answer.status, 400);
      assert.notEqual(answer.body.error.code, 'raw_card_data_not_allowed', answer.text);
      assert.equal(answer.body.error.param, 'amount');
    });
  });

  describe('no refused number anywhere', () => {
    it('not in the API log', () => {
      assert.ok(refusedPans.length > 50, `${refusedPans.length} numbers refused`);
      assert.ok(logged.includes('"status":400'), 'the refusals themselves are logged');
      assertNoneIn('the API log', logged);
    });

    it('not in any database table', async () => {
      const client = new PgClient({ connectionString: stack.databaseUrl });
      await client.connect();
      try {
        // Sealed values are opened: a number kept encrypted would still be kept.
        const dump = await openedTableDump(client, stack.keyring);
        assert.ok(dump.includes('pm_card_visa'), 'the accepted payments are in the dump');
        assertNoneIn('the database', dump);
      } finally {
        await client.end();
      }
    });

    it('not in any workflow history', async () => {
      const query = `TaskQueue = '${stack.config.temporal.taskQueue}'`;
      const ids = await eventually('the accepted payments to be listed', async () => {
        const listed: string[] = [];
        for await (const execution of stack.client.workflow.list({ query })) listed.push(execution.workflowId);
        return listed.length >= acceptedPayments && listed;
      });
      let histories = '';
      for (const workflowId of ids) {
        const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
        histories += JSON.stringify(await openHistoryPayloads(history, stack.keyring), decodedBytes);
      }
      assert.ok(histories.includes('pm_card_visa'), 'the accepted payments are in the histories');
      assertNoneIn('the workflow histories', histories);
    });
  });

  /** A history's payloads are JSON in bytes, shown base64-encoded: decoded, so their text is searched. */
  function decodedBytes(key: string, value: unknown): unknown {
    return key === 'data' && typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : value;
  }

  /** The text's digits in ASCII, every other character dropped: a number in any spelling shows. */
  function digitsOf(text: string): string {
    return text
      .normalize('NFKC')
      .replace(/\p{Nd}/gu, (d) => {
        const codePoint = d.codePointAt(0)!;
        let below = 0;
        while (/\p{Nd}/u.test(String.fromCodePoint(codePoint - below - 1))) below++;
        return String(below % 10);
      })
      .replace(/\D/g, '');
  }

  function assertNoneIn(where: string, text: string) {
    const digits = digitsOf(text);
    const found = refusedPans.filter((pan) => digits.includes(pan));
    assert.deepEqual(found, [], `refused numbers found in ${where}`);
  }
});
