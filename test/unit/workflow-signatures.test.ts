// Clients start workflows by name and type the call with the signature in the contract, so
// that nothing outside workflows/ imports workflow code (.dependency-cruiser.cjs). This file
// ties each signature to its workflow: the compiler (npm run typecheck) refuses the list below
// if a workflow's input or result drifts from its contract, and the test refuses a workflow
// started by a name the worker does not register.
import assert from 'node:assert/strict';
import type { DisputeWorkflow } from '../../contracts/dispute.contract';
import type { PaymentWorkflow } from '../../contracts/payment.contract';
import type { PayoutScheduleWorkflow } from '../../contracts/payout-schedule.contract';
import type { PayoutWorkflow } from '../../contracts/payout.contract';
import type { ReconciliationWorkflow } from '../../contracts/reconciliation.contract';
import type { ResealWorkflow } from '../../contracts/reseal.contract';
import type { SettlementResubmissionWorkflow, SettlementWorkflow } from '../../contracts/settlement.contract';
import { WEBHOOK_DELIVERY_WORKFLOW, type WebhookDeliveryWorkflow } from '../../contracts/webhook-delivery.contract';
import * as registered from '../../workflows';

/** Each client's name for a workflow, with the workflow it must be, typed by its contract. */
const started: Record<
  string,
  | PaymentWorkflow
  | PayoutWorkflow
  | DisputeWorkflow
  | PayoutScheduleWorkflow
  | ReconciliationWorkflow
  | SettlementWorkflow
  | SettlementResubmissionWorkflow
  | WebhookDeliveryWorkflow
  | ResealWorkflow
> = {
  paymentWorkflow: registered.paymentWorkflow satisfies PaymentWorkflow,
  payoutWorkflow: registered.payoutWorkflow satisfies PayoutWorkflow,
  disputeWorkflow: registered.disputeWorkflow satisfies DisputeWorkflow,
  payoutScheduleWorkflow: registered.payoutScheduleWorkflow satisfies PayoutScheduleWorkflow,
  reconciliationWorkflow: registered.reconciliationWorkflow satisfies ReconciliationWorkflow,
  settlementWorkflow: registered.settlementWorkflow satisfies SettlementWorkflow,
  settlementResubmissionWorkflow: registered.settlementResubmissionWorkflow satisfies SettlementResubmissionWorkflow,
  [WEBHOOK_DELIVERY_WORKFLOW]: registered.webhookDeliveryWorkflow satisfies WebhookDeliveryWorkflow,
  resealDataWorkflow: registered.resealDataWorkflow satisfies ResealWorkflow,
};

describe('workflow signatures in the contracts', () => {
  it('each name a client starts is a workflow the worker registers under that name', () => {
    for (const [name, workflow] of Object.entries(started)) {
      assert.equal((registered as Record<string, unknown>)[name], workflow, `${name} is not registered under that name`);
    }
  });
});
