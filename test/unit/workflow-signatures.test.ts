// Clients start workflows by name and type the call with the signature in the contract, so
// that nothing outside workflows/ imports workflow code (.dependency-cruiser.cjs). This file
// ties each signature to its workflow: the compiler (npm run typecheck) refuses the list below
// if a workflow's input or result drifts from its contract, and the test refuses a workflow
// started by a name the worker does not register.
import assert from 'node:assert/strict';
import { DISPUTE_WORKFLOW, type DisputeWorkflow } from '../../contracts/dispute.contract';
import { PAYMENT_WORKFLOW, type PaymentWorkflow } from '../../contracts/payment.contract';
import { PAYOUT_SCHEDULE_WORKFLOW, type PayoutScheduleWorkflow } from '../../contracts/payout-schedule.contract';
import { PAYOUT_WORKFLOW, type PayoutWorkflow } from '../../contracts/payout.contract';
import { RECONCILIATION_WORKFLOW, type ReconciliationWorkflow } from '../../contracts/reconciliation.contract';
import { RESEAL_WORKFLOW, type ResealWorkflow } from '../../contracts/reseal.contract';
import {
  SETTLEMENT_RESUBMISSION_WORKFLOW,
  SETTLEMENT_WORKFLOW,
  type SettlementResubmissionWorkflow,
  type SettlementWorkflow,
} from '../../contracts/settlement.contract';
import { WEBHOOK_DELIVERY_WORKFLOW, type WebhookDeliveryWorkflow } from '../../contracts/webhook-delivery.contract';
import * as registered from '../../workflows';

/** Each contract's name for its workflow (the name its client starts it by), with the workflow it must be, typed by the contract. */
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
  [PAYMENT_WORKFLOW]: registered.paymentWorkflow satisfies PaymentWorkflow,
  [PAYOUT_WORKFLOW]: registered.payoutWorkflow satisfies PayoutWorkflow,
  [DISPUTE_WORKFLOW]: registered.disputeWorkflow satisfies DisputeWorkflow,
  [PAYOUT_SCHEDULE_WORKFLOW]: registered.payoutScheduleWorkflow satisfies PayoutScheduleWorkflow,
  [RECONCILIATION_WORKFLOW]: registered.reconciliationWorkflow satisfies ReconciliationWorkflow,
  [SETTLEMENT_WORKFLOW]: registered.settlementWorkflow satisfies SettlementWorkflow,
  [SETTLEMENT_RESUBMISSION_WORKFLOW]: registered.settlementResubmissionWorkflow satisfies SettlementResubmissionWorkflow,
  [WEBHOOK_DELIVERY_WORKFLOW]: registered.webhookDeliveryWorkflow satisfies WebhookDeliveryWorkflow,
  [RESEAL_WORKFLOW]: registered.resealDataWorkflow satisfies ResealWorkflow,
};

describe('workflow signatures in the contracts', () => {
  it('each name a client starts is a workflow the worker registers under that name', () => {
    for (const [name, workflow] of Object.entries(started)) {
      assert.equal((registered as Record<string, unknown>)[name], workflow, `${name} is not registered under that name`);
    }
  });
});
