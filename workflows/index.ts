// Every workflow the worker registers (its workflowsPath).
export { paymentWorkflow } from './payment.workflow';
export { webhookDeliveryWorkflow } from './webhook-delivery.workflow';
export { settlementWorkflow } from './settlement.workflow';
export { dailySettlementWorkflow } from './daily-settlement.workflow';
export { reconciliationWorkflow } from './reconciliation.workflow';
export { settlementResubmissionWorkflow } from './settlement-resubmission.workflow';
export { disputeWorkflow } from './dispute.workflow';
export { payoutWorkflow } from './payout.workflow';
export { payoutScheduleWorkflow } from './payout-schedule.workflow';
export { resealDataWorkflow } from './reseal.workflow';
