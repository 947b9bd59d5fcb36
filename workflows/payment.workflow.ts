// The payment workflow's entry, where workflows/index.ts, the API's types and the tests find
// it; the workflow itself is split by concern in workflows/payment/.
export { paymentWorkflow } from './payment/workflow';
