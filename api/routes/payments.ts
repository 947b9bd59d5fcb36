import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Router } from 'express';
import type { AuthenticatedMerchant } from '../../db/queries/merchants';
import { hasOpenDispute } from '../../db/queries/disputes';
import { findPayment, findRefund, listPayments } from '../../db/queries/payments';
import { customerEmailIndex, metadataIndex } from '../../db/sealed/payment-fields';
import { checkCancel, checkCapture, checkConfirm, checkRefund, type RuleViolation } from '../../domain/payment/rules';
import type { PaymentState } from '../../domain/payment/types';
import { cancelUpdate, captureUpdate, confirmUpdate, refundUpdate, type PaymentInput } from '../../contracts/payment.contract';
import { gatherDeepObject } from '../deep-object-query';
import type { ApiDeps } from '../deps';
import { ApiError, invalidRequest, notFound } from '../errors';
import { derivePaymentId, derivePaymentRequestId, deriveRefundId } from '../../views/ids';
import { idempotentPost, keyReused } from '../idempotent-post';
import { findLegacyPaymentUpdate, findLegacyRefund } from '../legacy-derived-ids';
import {
  cancelPaymentBody,
  capturePaymentBody,
  confirmPaymentBody,
  createPaymentBody,
  createRefundBody,
  listPaymentsQuery,
} from '../schemas/payments';
import { assertValidSplits } from '../split-validation';
import { parseOrThrow } from '../validate';
import { openedPayment, paymentView, refundView } from '../../views/payment';

export function paymentRoutes({ config, db, commands, temporal, keyring }: ApiDeps): Router {
  const router = Router();
  const post = <S extends Parameters<typeof idempotentPost>[2]>(schema: S, handler: Parameters<typeof idempotentPost<S>>[3]) =>
    idempotentPost(db, config.idempotency, schema, handler);

  async function requirePayment(merchant: AuthenticatedMerchant, id: string): Promise<PaymentState> {
    const row = await findPayment(db, merchant.id, id);
    if (!row) throw notFound('payment', id);
    return openedPayment(keyring, row);
  }

  /** The refusal for an Update that reached a finished workflow, from the read model's state. */
  const refusedAfterClose = (payment: PaymentState, rule: (p: PaymentState) => RuleViolation | undefined) => async () => {
    const row = await findPayment(db, payment.merchantId, payment.id);
    const violation = rule(row ? await openedPayment(keyring, row) : payment) ?? {
      code: 'payment_unexpected_state',
      message: `This payment's status is ${payment.status}.`,
    };
    return invalidRequest(violation.code, violation.message, violation.param);
  };

  /**
   * For a request that took its key over: the payment as the release before left it, if that
   * release's attempt sent this Update under its own id (legacy-derived-ids.ts).
   */
  const legacyUpdate = (
    payment: PaymentState,
    kind: 'capture' | 'cancel' | 'confirm',
    idempotencyKey: string,
    rule: (p: PaymentState) => RuleViolation | undefined,
  ) => findLegacyPaymentUpdate(commands, payment, kind, idempotencyKey, refusedAfterClose(payment, rule));

  router.post(
    '/payments',
    post(createPaymentBody, async ({ merchant, body, idempotencyKey, bind }) => {
      const paymentId = derivePaymentId(merchant.id, idempotencyKey);
      if (body.splits) await assertValidSplits(db, merchant.id, body.amount, body.splits);
      // From here on the request makes a payment (a declined one too): the id is this request's.
      // The settings came with the key (api/middleware/auth.ts: at most a second old).
      const { settings } = merchant;
      await bind(paymentId);
      const input: PaymentInput = {
        paymentId,
        merchantId: merchant.id,
        amount: body.amount,
        currency: body.currency,
        paymentMethod: body.payment_method,
        captureMethod: body.capture_method,
        psp: body.psp,
        returnUrl: body.return_url ?? `${config.publicUrl}/payments/${paymentId}/return`,
        description: body.description,
        ...(settings.statementDescriptor === null ? {} : { statementDescriptor: settings.statementDescriptor }),
        metadata: body.metadata,
        customer: body.customer,
        ...(body.splits ? { splits: body.splits } : {}),
        createdAt: new Date().toISOString(),
        captureBeforeSeconds: settings.captureBeforeSeconds ?? config.payments.captureBeforeSeconds,
        refundWindowSeconds: config.payments.refundWindowSeconds,
        feeBps: settings.feeBps ?? config.payments.platformFeeBps,
        riskFallbackMaxAmount: config.risk.fallbackMaxAmount,
        outcomeUnknownDeadlineSeconds: config.payments.outcomeUnknownDeadlineSeconds,
        actionTimeoutSeconds: config.payments.actionTimeoutSeconds,
        modificationConfirmDeadlineSeconds: config.payments.modificationConfirmDeadlineSeconds,
        settlementDeadlineSeconds: config.settlement.deadlineSeconds,
      };
      try {
        return { status: 201, body: paymentView(await commands.create(input)) };
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        // The key's record expired but its payment's workflow already ran: never a second one.
        // (`bind` refused another request above; this check covers payments made before it.)
        const existing = await requirePayment(merchant, input.paymentId);
        if (existing.amount !== input.amount || existing.currency !== input.currency) {
          throw new ApiError(422, 'idempotency_error', 'idempotency_key_reused', 'This Idempotency-Key created a different payment.');
        }
        return { status: 201, body: paymentView(existing) };
      }
    }),
  );

  router.get('/payments', async (req, res) => {
    const given = gatherDeepObject(req.query, 'metadata');
    const query = parseOrThrow(listPaymentsQuery, given);
    // The pairs as given, each checked by the parse: the parsed record would drop a `__proto__`
    // key, and a filter must never widen silently (no payment holds that key: it matches none).
    const metadataPairs = query.metadata ? Object.entries(given.metadata as Record<string, string>) : [];
    const { rows, hasMore } = await listPayments(db, {
      merchantId: res.locals.merchant.id,
      limit: query.limit,
      startingAfter: query.starting_after,
      filter: {
        createdGte: query['created[gte]'],
        createdLt: query['created[lt]'],
        status: query.status,
        psp: query.psp,
        // Hashed as the write hashed them: the database sees blind indexes only.
        customerEmailIndex:
          query.customer_email === undefined ? undefined : customerEmailIndex(keyring, res.locals.merchant.id, query.customer_email),
        metadataIndexes: metadataPairs.map(([key, value]) => metadataIndex(keyring, res.locals.merchant.id, key, value)),
      },
    });
    const opened = await Promise.all(rows.map((row) => openedPayment(keyring, row)));
    res.json({ object: 'list', data: opened.map(paymentView), has_more: hasMore });
  });

  router.get('/payments/:id', async (req, res) => {
    res.json(paymentView(await requirePayment(res.locals.merchant, req.params.id)));
  });

  router.post(
    '/payments/:id/capture',
    post(capturePaymentBody, async ({ merchant, body, idempotencyKey, req, bind, retried }) => {
      const payment = await requirePayment(merchant, String(req.params.id));
      const legacy = retried && (await legacyUpdate(payment, 'capture', idempotencyKey, (p) => checkCapture(p, body.amount)));
      if (legacy) return { status: 200, body: paymentView(legacy) };
      const updateId = `capture-${derivePaymentRequestId(merchant.id, payment.id, idempotencyKey)}`;
      await bind(updateId);
      const state = await commands.update(
        payment.id,
        (workflow) =>
          workflow.executeUpdate(captureUpdate, {
            updateId,
            args: [{ amount: body.amount }],
          }),
        refusedAfterClose(payment, (p) => checkCapture(p, body.amount)),
      );
      return { status: 200, body: paymentView(state) };
    }),
  );

  router.post(
    '/payments/:id/cancel',
    post(cancelPaymentBody, async ({ merchant, idempotencyKey, req, bind, retried }) => {
      const payment = await requirePayment(merchant, String(req.params.id));
      const legacy = retried && (await legacyUpdate(payment, 'cancel', idempotencyKey, checkCancel));
      if (legacy) return { status: 200, body: paymentView(legacy) };
      const updateId = `cancel-${derivePaymentRequestId(merchant.id, payment.id, idempotencyKey)}`;
      await bind(updateId);
      const state = await commands.update(
        payment.id,
        (workflow) => workflow.executeUpdate(cancelUpdate, { updateId }),
        refusedAfterClose(payment, checkCancel),
      );
      return { status: 200, body: paymentView(state) };
    }),
  );

  router.post(
    '/payments/:id/confirm',
    post(confirmPaymentBody, async ({ merchant, body, idempotencyKey, req, bind, retried }) => {
      const payment = await requirePayment(merchant, String(req.params.id));
      const legacy = retried && (await legacyUpdate(payment, 'confirm', idempotencyKey, checkConfirm));
      if (legacy) return { status: 200, body: paymentView(legacy) };
      const updateId = `confirm-${derivePaymentRequestId(merchant.id, payment.id, idempotencyKey)}`;
      await bind(updateId);
      const state = await commands.update(
        payment.id,
        (workflow) =>
          workflow.executeUpdate(confirmUpdate, {
            updateId,
            args: [{ redirectResult: body.redirect_result }],
          }),
        refusedAfterClose(payment, checkConfirm),
      );
      return { status: 200, body: paymentView(state) };
    }),
  );

  router.post(
    '/payments/:id/refunds',
    post(createRefundBody, async ({ merchant, body, idempotencyKey, req, bind, retried }) => {
      const payment = await requirePayment(merchant, String(req.params.id));
      if (retried) {
        // The dead attempt may have been the release before, refunding under its own id.
        const legacy = await findLegacyRefund(db, temporal, payment, idempotencyKey);
        if (legacy) {
          const { refund } = legacy;
          const sameRequest =
            legacy.paymentId === payment.id &&
            (body.amount === undefined || body.amount === refund.amount) &&
            body.reason === refund.reason;
          if (!sameRequest) throw keyReused();
          return { status: 201, body: refundView(refund, payment) };
        }
      }
      // As at Stripe: the disputed money is held for the cardholder's bank; refunding it too
      // would return it twice. The payment's workflow decides (its dispute workflow tells it);
      // this read of the read model only answers early, and covers disputes opened before
      // dispute workflows told their payment.
      if (await hasOpenDispute(db, payment.id)) {
        throw invalidRequest('charge_disputed', 'This payment has an open dispute; it cannot be refunded until the dispute is closed.');
      }
      const refundId = deriveRefundId(merchant.id, payment.id, idempotencyKey);
      // A key reused after it expired names the same refund: only for the same request, unless
      // the first one was refused and made no refund.
      await bind(refundId, async () => (await findRefund(db, merchant.id, refundId)) !== undefined);
      const refund = await commands.update(
        payment.id,
        (workflow) =>
          workflow.executeUpdate(refundUpdate, {
            updateId: `refund-${refundId}`,
            args: [{ refundId, amount: body.amount, reason: body.reason }],
          }),
        refusedAfterClose(payment, (p) => checkRefund(p, body.amount)),
      );
      return { status: 201, body: refundView(refund, payment) };
    }),
  );

  return router;
}
