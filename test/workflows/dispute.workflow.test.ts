// The dispute workflow on the time-skipping test server, with every activity mocked: how it
// divides and holds the disputed amount, when it reminds the merchant, which evidence it
// takes to the PSP and which it refuses, and what each decision posts.
import assert from 'node:assert/strict';
import { disputeView } from '../../views/dispute';
import { disputeEventSignal, disputeStateQuery, submitEvidenceUpdate } from '../../contracts/dispute.contract';
import {
  acceptedUpdates,
  deferred,
  disputeEvent,
  DisputeMocks,
  newDisputeInput,
  prepareDisputeHarness,
  pspRejected,
  refusalOf,
  withDisputeWorker,
} from './support/dispute-mocks';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

function assertStrictlyIncreasing(versions: number[]): void {
  for (let i = 1; i < versions.length; i++) {
    assert.ok(versions[i]! > versions[i - 1]!, `saveDispute versions not strictly increasing: ${versions.join(', ')}`);
  }
}

describe('dispute workflow (time-skipping, mocked activities)', function () {
  this.timeout(60_000);

  // The first test pays for starting the test server and bundling the workflow code.
  before(prepareDisputeHarness);

  describe('hold', () => {
    it("holds each holder's share of a split payment (merchant and two sellers) and announces dispute.created", async () => {
      const mocks = new DisputeMocks({
        disputedPayment: async () => ({
          amount: 10_000,
          amountCaptured: 10_000,
          splits: [
            { seller: 'sel_a', amount: 3000 },
            { seller: 'sel_b', amount: 2000 },
          ],
        }),
      });

      const { input, created } = await withDisputeWorker(mocks, async ({ env, start }) => {
        const input = await newDisputeInput(env, { amount: 3333 });
        const handle = await start(input);
        await mocks.called('publishObjectEvent');
        const created = await handle.query(disputeStateQuery);
        await handle.signal(disputeEventSignal, disputeEvent(input, 'dispute_lost'));
        await handle.result();
        return { input, created };
      });
      const id = input.disputeId;

      assert.deepEqual(mocks.inputsOf('disputedPayment'), [{ paymentId: input.paymentId }]);
      // Sellers round down (30% and 20% of 3333); the merchant takes the remainder.
      const shares = [
        { seller: null, amount: 1668 },
        { seller: 'sel_a', amount: 999 },
        { seller: 'sel_b', amount: 666 },
      ];
      assert.deepEqual(created.shares, shares);
      const [hold] = mocks.inputsOf('postLedgerTransaction');
      assert.equal(hold!.postingKey, `dispute:${id}:hold`);
      assert.equal(hold!.kind, 'dispute');
      assert.equal(hold!.paymentId, input.paymentId);
      assert.deepEqual(
        new Set(hold!.entries.map((e) => `${e.account} ${e.amount} ${e.currency}`)),
        new Set([
          'psp:stripe:disputes 3333 usd',
          'psp:stripe:receivable -3333 usd',
          'merchant:mer_test:available 1668 usd',
          'merchant:mer_test:dispute_reserve -1668 usd',
          'seller:sel_a:available 999 usd',
          'seller:sel_a:dispute_reserve -999 usd',
          'seller:sel_b:available 666 usd',
          'seller:sel_b:dispute_reserve -666 usd',
        ]),
      );

      const [saved] = mocks.inputsOf('saveDispute');
      assert.equal(saved!.status, 'needs_response');
      assert.equal(saved!.version, 1);
      assert.deepEqual(saved!.shares, shares);
      const [announced] = mocks.inputsOf('publishObjectEvent');
      assert.deepEqual(announced, {
        merchantId: 'mer_test',
        type: 'dispute.created',
        object: disputeView(saved!),
        paymentId: input.paymentId,
        sourceKey: `dispute:${id}:created`,
      });
      assert.equal(disputeView(saved!).status, 'needs_response');
    });

    it('puts the part of a dispute above the captured amount on the merchant', async () => {
      const mocks = new DisputeMocks({
        // Captured 4000 of 10000; the seller's split is half of the payment.
        disputedPayment: async () => ({ amount: 10_000, amountCaptured: 4000, splits: [{ seller: 'sel_a', amount: 5000 }] }),
      });

      const final = await withDisputeWorker(mocks, async ({ env, start }) => {
        const input = await newDisputeInput(env, { amount: 5000 });
        const handle = await start(input);
        await handle.signal(disputeEventSignal, disputeEvent(input, 'dispute_lost'));
        return handle.result();
      });

      // The seller bears half of the 4000 captured; the 1000 above it is the merchant's.
      assert.deepEqual(final.shares, [
        { seller: null, amount: 3000 },
        { seller: 'sel_a', amount: 2000 },
      ]);
    });
  });

  describe('evidence reminder', () => {
    it('publishes dispute.evidence_due_soon once, at the due date minus reminderSeconds in workflow time', async () => {
      const mocks = new DisputeMocks();

      const { input, final } = await withDisputeWorker(mocks, async ({ env, start }) => {
        const input = await newDisputeInput(env, { dueInMs: 7 * DAY_MS, reminderSeconds: 2 * 24 * 3600 });
        const handle = await start(input);
        await env.sleep(6 * DAY_MS);
        await handle.signal(disputeEventSignal, disputeEvent(input, 'dispute_won'));
        return { input, final: await handle.result() };
      });

      const remindAt = Date.parse(input.evidenceDueBy) - 2 * DAY_MS;
      const [sentAt, ...more] = mocks.eventTimes('dispute.evidence_due_soon');
      assert.deepEqual(more, []);
      assert.ok(sentAt! >= remindAt && sentAt! < remindAt + 60_000, `reminded ${sentAt! - remindAt} ms after due − reminderSeconds`);
      assert.deepEqual(mocks.eventTypes(), ['dispute.created', 'dispute.evidence_due_soon', 'dispute.closed']);
      const reminder = mocks.inputsOf('publishObjectEvent')[1]!;
      assert.equal(reminder.sourceKey, `dispute:${input.disputeId}:evidence_due_soon`);
      assert.equal((reminder.object as { status: string }).status, 'needs_response');
      assert.equal(final.status, 'won');
    });

    it('sends no reminder when evidence was submitted before it', async () => {
      const mocks = new DisputeMocks();

      await withDisputeWorker(mocks, async ({ env, start }) => {
        const input = await newDisputeInput(env, { dueInMs: 7 * DAY_MS, reminderSeconds: 2 * 24 * 3600 });
        const handle = await start(input);
        await handle.executeUpdate(submitEvidenceUpdate, { args: [{ text: 'Delivered, signed for.' }] });
        await env.sleep(6 * DAY_MS);
        await handle.signal(disputeEventSignal, disputeEvent(input, 'dispute_won'));
        await handle.result();
      });

      assert.deepEqual(mocks.eventTypes(), ['dispute.created', 'dispute.updated', 'dispute.closed']);
    });

    it('sends no reminder for a dispute that opens already inside the reminder window', async () => {
      const mocks = new DisputeMocks();

      await withDisputeWorker(mocks, async ({ env, start }) => {
        const input = await newDisputeInput(env, { dueInMs: HOUR_MS, reminderSeconds: 2 * 3600 });
        const handle = await start(input);
        await env.sleep(2 * HOUR_MS);
        await handle.signal(disputeEventSignal, disputeEvent(input, 'dispute_lost'));
        await handle.result();
      });

      assert.deepEqual(mocks.eventTypes(), ['dispute.created', 'dispute.closed']);
    });
  });

  describe('evidence', () => {
    it("sends evidence before the due date to the PSP under the dispute's idempotency key and moves to under_review", async () => {
      const mocks = new DisputeMocks();

      const { input, answered, final } = await withDisputeWorker(mocks, async ({ env, start }) => {
        const input = await newDisputeInput(env);
        const handle = await start(input);
        await env.sleep(DAY_MS);
        const answered = await handle.executeUpdate(submitEvidenceUpdate, { args: [{ text: 'Tracking 1Z999 shows delivery.' }] });
        await handle.signal(disputeEventSignal, disputeEvent(input, 'dispute_won'));
        return { input, answered, final: await handle.result() };
      });

      assert.deepEqual(mocks.inputsOf('submitEvidenceToPsp'), [
        {
          psp: 'stripe',
          pspDisputeReference: input.pspDisputeReference,
          pspReference: input.pspReference,
          text: 'Tracking 1Z999 shows delivery.',
          idempotencyKey: `${input.disputeId}:evidence`,
        },
      ]);
      assert.equal(answered.status, 'under_review');
      assert.equal(answered.evidenceText, 'Tracking 1Z999 shows delivery.');
      assert.ok(answered.evidenceSubmittedAt && Date.parse(answered.evidenceSubmittedAt) < Date.parse(input.evidenceDueBy));
      assert.equal(answered.version, 2);
      assert.deepEqual(mocks.inputsOf('saveDispute')[1], answered);
      const updated = mocks.inputsOf('publishObjectEvent')[1]!;
      assert.equal(updated.type, 'dispute.updated');
      assert.equal(updated.sourceKey, `dispute:${input.disputeId}:evidence_submitted`);
      assert.deepEqual(updated.object, disputeView(answered));
      assert.equal(final.evidenceText, 'Tracking 1Z999 shows delivery.');
    });

    it('refuses evidence after the due date, before it enters history, and does not call the PSP', async () => {
      const mocks = new DisputeMocks();

      const { refusal, accepted, state } = await withDisputeWorker(mocks, async ({ env, start }) => {
        const input = await newDisputeInput(env, { dueInMs: DAY_MS });
        const handle = await start(input);
        await env.sleep(DAY_MS + HOUR_MS);
        const refusal = await refusalOf(handle.executeUpdate(submitEvidenceUpdate, { args: [{ text: 'Too late.' }] }));
        return { refusal, accepted: await acceptedUpdates(handle), state: await handle.query(disputeStateQuery) };
      });

      assert.equal(refusal.code, 'dispute_evidence_past_due');
      assert.equal(accepted, 0);
      assert.deepEqual(mocks.inputsOf('submitEvidenceToPsp'), []);
      assert.equal(state.status, 'needs_response');
    });

    it('refuses a second submission and calls the PSP only once', async () => {
      const mocks = new DisputeMocks();

      const refusal = await withDisputeWorker(mocks, async ({ env, start }) => {
        const handle = await start(await newDisputeInput(env));
        await handle.executeUpdate(submitEvidenceUpdate, { args: [{ text: 'First.' }] });
        return refusalOf(handle.executeUpdate(submitEvidenceUpdate, { args: [{ text: 'Second.' }] }));
      });

      assert.equal(refusal.code, 'dispute_evidence_already_submitted');
      assert.deepEqual(
        mocks.inputsOf('submitEvidenceToPsp').map((r) => r.text),
        ['First.'],
      );
    });

    it('refuses evidence once the PSP has decided, without calling the PSP', async () => {
      const closing = deferred();
      const mocks = new DisputeMocks({
        postLedgerTransaction: async (posting) => {
          if (posting.postingKey.endsWith(':won')) await closing.promise;
          return { transactionId: 'ltx_test', created: true };
        },
      });

      const { refusal, final } = await withDisputeWorker(mocks, async ({ env, start }) => {
        const input = await newDisputeInput(env);
        const handle = await start(input);
        await handle.signal(disputeEventSignal, disputeEvent(input, 'dispute_won'));
        await mocks.called('postLedgerTransaction', 2);
        const refusal = await refusalOf(handle.executeUpdate(submitEvidenceUpdate, { args: [{ text: 'After the fact.' }] }));
        closing.resolve();
        return { refusal, final: await handle.result() };
      });

      assert.equal(refusal.code, 'dispute_closed');
      assert.deepEqual(mocks.inputsOf('submitEvidenceToPsp'), []);
      assert.equal(final.status, 'won');
      assert.equal(final.evidenceText, undefined);
    });

    it('refuses empty evidence before it enters history', async () => {
      const mocks = new DisputeMocks();

      const { refusal, accepted } = await withDisputeWorker(mocks, async ({ env, start }) => {
        const handle = await start(await newDisputeInput(env));
        const refusal = await refusalOf(handle.executeUpdate(submitEvidenceUpdate, { args: [{ text: '  ' }] }));
        return { refusal, accepted: await acceptedUpdates(handle) };
      });

      assert.equal(refusal.code, 'dispute_evidence_empty');
      assert.equal(accepted, 0);
      assert.deepEqual(mocks.inputsOf('submitEvidenceToPsp'), []);
    });

    it('answers a PSP refusal with psp_refused_evidence and leaves the dispute needing a response', async () => {
      const mocks = new DisputeMocks({
        submitEvidenceToPsp: async () => {
          throw pspRejected('dispute_already_closed', 'This dispute is already closed.');
        },
      });

      const { refusal, state } = await withDisputeWorker(mocks, async ({ env, start }) => {
        const handle = await start(await newDisputeInput(env));
        const refusal = await refusalOf(handle.executeUpdate(submitEvidenceUpdate, { args: [{ text: 'Evidence.' }] }));
        return { refusal, state: await handle.query(disputeStateQuery) };
      });

      assert.deepEqual(refusal, { code: 'psp_refused_evidence', message: 'This dispute is already closed.' });
      assert.equal(mocks.inputsOf('submitEvidenceToPsp').length, 1, 'a refusal is not retried');
      assert.equal(state.status, 'needs_response');
      assert.equal(state.evidenceSubmittedAt, undefined);
      assert.deepEqual(mocks.eventTypes(), ['dispute.created']);
    });
  });

  describe('outcome', () => {
    it('a won dispute posts disputeWon once, closes as won and announces dispute.closed', async () => {
      const mocks = new DisputeMocks();

      const { input, final } = await withDisputeWorker(mocks, async ({ env, start }) => {
        const input = await newDisputeInput(env);
        const handle = await start(input);
        await handle.signal(disputeEventSignal, disputeEvent(input, 'dispute_won'));
        return { input, final: await handle.result() };
      });
      const id = input.disputeId;

      assert.deepEqual(mocks.postingKeys(), [`dispute:${id}:hold`, `dispute:${id}:won`]);
      const won = mocks.inputsOf('postLedgerTransaction')[1]!;
      assert.deepEqual(
        new Set(won.entries.map((e) => `${e.account} ${e.amount}`)),
        new Set([
          'psp:stripe:receivable 3333',
          'psp:stripe:disputes -3333',
          'merchant:mer_test:dispute_reserve 3333',
          'merchant:mer_test:available -3333',
        ]),
      );
      assert.equal(final.status, 'won');
      assert.ok(final.closedAt);
      assert.deepEqual(
        mocks.inputsOf('saveDispute').map((s) => s.status),
        ['needs_response', 'won'],
      );
      assertStrictlyIncreasing(mocks.savedVersions());
      const closed = mocks.inputsOf('publishObjectEvent').at(-1)!;
      assert.equal(closed.type, 'dispute.closed');
      assert.equal(closed.sourceKey, `dispute:${id}:closed`);
      assert.deepEqual(closed.object, disputeView(final));
    });

    it('a lost dispute posts disputeLost once and closes as lost', async () => {
      const mocks = new DisputeMocks();

      const { input, final } = await withDisputeWorker(mocks, async ({ env, start }) => {
        const input = await newDisputeInput(env);
        const handle = await start(input);
        await handle.signal(disputeEventSignal, disputeEvent(input, 'dispute_lost'));
        return { input, final: await handle.result() };
      });
      const id = input.disputeId;

      assert.deepEqual(mocks.postingKeys(), [`dispute:${id}:hold`, `dispute:${id}:lost`]);
      const lost = mocks.inputsOf('postLedgerTransaction')[1]!;
      assert.deepEqual(
        new Set(lost.entries.map((e) => `${e.account} ${e.amount}`)),
        new Set(['merchant:mer_test:dispute_reserve 3333', 'psp:stripe:disputes -3333']),
      );
      assert.equal(final.status, 'lost');
      assert.deepEqual(mocks.eventTypes(), ['dispute.created', 'dispute.closed']);
    });

    it('duplicate events, repeated openings and a second outcome change nothing', async () => {
      const mocks = new DisputeMocks();

      const { input, beforeOutcome, final } = await withDisputeWorker(mocks, async ({ env, start }) => {
        const input = await newDisputeInput(env);
        const handle = await start(input);
        await mocks.called('publishObjectEvent');
        await handle.signal(disputeEventSignal, disputeEvent(input, 'dispute_opened')); // Stripe's funds_withdrawn
        const beforeOutcome = await handle.query(disputeStateQuery);
        const won = disputeEvent(input, 'dispute_won');
        await handle.signal(disputeEventSignal, won);
        await handle.signal(disputeEventSignal, won);
        await handle.signal(disputeEventSignal, disputeEvent(input, 'dispute_lost'));
        return { input, beforeOutcome, final: await handle.result() };
      });
      const id = input.disputeId;

      assert.equal(beforeOutcome.version, 1);
      assert.equal(beforeOutcome.status, 'needs_response');
      assert.deepEqual(mocks.postingKeys(), [`dispute:${id}:hold`, `dispute:${id}:won`]);
      assert.deepEqual(mocks.eventTypes(), ['dispute.created', 'dispute.closed']);
      assert.deepEqual(mocks.savedVersions(), [1, 2]);
      assert.equal(final.status, 'won');
    });

    it('an outcome that arrives before the hold is posted still posts the hold first, then the outcome', async () => {
      const paymentRead = deferred();
      const mocks = new DisputeMocks({
        disputedPayment: async () => {
          await paymentRead.promise;
          return { amount: 10_000, amountCaptured: 10_000, splits: null };
        },
      });

      const { input, final } = await withDisputeWorker(mocks, async ({ env, start }) => {
        const input = await newDisputeInput(env);
        const handle = await start(input);
        await mocks.called('disputedPayment');
        await handle.signal(disputeEventSignal, disputeEvent(input, 'dispute_lost'));
        paymentRead.resolve();
        return { input, final: await handle.result() };
      });
      const id = input.disputeId;

      assert.deepEqual(mocks.postingKeys(), [`dispute:${id}:hold`, `dispute:${id}:lost`]);
      assert.deepEqual(mocks.eventTypes(), ['dispute.created', 'dispute.closed']);
      assert.deepEqual(mocks.savedVersions(), [1, 2]);
      assert.equal(final.status, 'lost');
      assert.deepEqual(final.shares, [{ seller: null, amount: 3333 }]);
    });
  });
});
