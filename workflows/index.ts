// Every workflow the worker registers (its workflowsPath).
export { paymentWorkflow } from './payment.workflow';
export { webhookDeliveryWorkflow } from './webhook-delivery.workflow';
