// A write the database refuses for good, through the real stack: the payment workflow stops
// at that step instead of retrying forever in silence, finance sees an `activity_failed`
// exception with its context, the payment still answers, and finance's `retry` (once the
// cause is fixed) or `fail` (only where no money moved) is carried out by the workflow.
// The refusal is a CHECK constraint the test adds to the read model: a rule of the database
// that the API cannot validate beforehand, as a schema or data bug would be.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { eventually } from '../support/eventually';
import type { HoldfastClient } from '@holdfast/client';
import { financeClient } from '../support/settlement';
import { stackForSuite } from '../support/stack';
import { answered, refused, withId } from '../support/typed-answers';

interface ActivityFailedContext {
  workflowId: string;
  activity: string;
  error: { type: string; details: { sqlstate: string; constraint: string } };
  actions: string[];
}

describe('a workflow step the database refuses for good', function () {
  this.timeout(120_000);
  // The create request answers with the payment as it stands soon, rather than after 10 s.
  const suite = stackForSuite({ env: { CREATE_WAIT_MS: '1500' } });
  let finance: HoldfastClient;

  before(async () => {
    finance = await financeClient(suite.stack);
  });

  /** Altering a table is the owner's: the app role the stack runs as may not. */
  async function asOwner(statement: string): Promise<void> {
    const client = new Client({ connectionString: suite.stack.ownerDatabaseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  async function refuseInDatabase(table: 'payments' | 'refunds', check: string): Promise<string> {
    const name = `test_refuse_${randomBytes(4).toString('hex')}`;
    await asOwner(`ALTER TABLE ${table} ADD CONSTRAINT ${name} CHECK (${check}) NOT VALID`);
    return name;
  }

  async function dropRefusal(table: 'payments' | 'refunds', name: string): Promise<void> {
    await asOwner(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
  }

  async function openActivityFailed(paymentId: string) {
    return eventually(`an activity_failed exception for ${paymentId}`, async () => {
      const query = { kind: 'activity_failed', status: 'open', limit: 100 } as const;
      const list = answered(await finance.GET('/v1/reconciliation/exceptions', { params: { query } }), 200);
      const found = list.data.find((e) => e.payment === paymentId);
      // The document leaves `context` open (each kind has its own); activity_failed's is this.
      return found && { ...found, context: found.context as ActivityFailedContext };
    });
  }
  const resolve = (id: string, body: { action: 'retry' | 'fail'; note: string }) =>
    finance.POST('/v1/reconciliation/exceptions/{id}/resolve', { ...withId(id), body });

  it('stops, raises activity_failed with its context, answers GETs meanwhile, and carries on after retry', async () => {
    const marker = `poison-${randomBytes(4).toString('hex')}`;
    // The description is sealed at rest, so the refusal keys on an amount only this payment has.
    const amount = 10_000 + randomBytes(2).readUInt16BE();
    const constraint = await refuseInDatabase('payments', `amount IS DISTINCT FROM ${amount}`);
    const created = await suite.api.post('/v1/payments', { amount, currency: 'usd', payment_method: 'pm_card_visa', description: marker });
    assert.ok(created.status < 500, JSON.stringify(created.body));
    const paymentId: string = created.body.id ?? created.body.error?.payment;
    assert.match(paymentId, /^pay_/, JSON.stringify(created.body));

    const exception = await openActivityFailed(paymentId);
    assert.equal(exception.kind, 'activity_failed');
    assert.equal(exception.context.workflowId, `payment-${paymentId}`);
    assert.equal(exception.context.activity, 'recordPaymentTransition');
    assert.equal(exception.context.error.type, 'ActivityDataRejected');
    assert.equal(exception.context.error.details.sqlstate, '23514');
    assert.equal(exception.context.error.details.constraint, constraint);
    assert.deepEqual(exception.context.actions, ['retry', 'fail'], 'no PSP was asked yet');
    const merchantView = await suite.api.get('/v1/exceptions');
    assert.ok(!merchantView.body.data.some((e: any) => e.kind === 'activity_failed'), "the database's words stay off the merchant's list");

    await dropRefusal('payments', constraint);
    const retried = answered(await resolve(exception.id, { action: 'retry', note: 'constraint fixed' }), 200);
    assert.equal(retried.status, 'resolved');
    const captured = await eventually('the payment to carry on and be captured', async () => {
      const got = await suite.api.get(`/v1/payments/${paymentId}`);
      return got.status === 200 && got.body.status === 'captured' && got.body;
    });
    assert.equal(captured.description, marker);
  });

  it('refuses fail once money moved, and the refund waiting for a person completes after retry', async () => {
    const payment = await suite.api.post('/v1/payments', { amount: 3000, currency: 'usd', payment_method: 'pm_card_visa' });
    assert.equal(payment.body.status, 'captured', JSON.stringify(payment.body));
    const constraint = await refuseInDatabase('refunds', `NOT (payment_id = '${payment.body.id}' AND amount = 1234)`);
    const refund = suite.api.post(`/v1/payments/${payment.body.id}/refunds`, { amount: 1234 });

    const exception = await openActivityFailed(payment.body.id);
    assert.deepEqual(exception.context.actions, ['retry']);
    const fail = refused(await resolve(exception.id, { action: 'fail', note: 'give up' }), 422);
    assert.equal(fail.error.code, 'action_not_applicable');
    assert.equal(fail.error.param, 'action');
    const stillThere = await suite.api.get(`/v1/payments/${payment.body.id}`);
    assert.equal(stillThere.status, 200, 'the payment answers while its refund waits');

    await dropRefusal('refunds', constraint);
    answered(await resolve(exception.id, { action: 'retry', note: 'fixed' }), 200);
    const refundAnswer = await refund;
    assert.equal(refundAnswer.status, 201, JSON.stringify(refundAnswer.body));
    assert.equal(refundAnswer.body.status, 'succeeded');
  });
});
