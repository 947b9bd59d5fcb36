export * from './merchants';
export * from './payments';
export * from './idempotency';
export * from './ledger';
export * from './psp-events';
export * from './routing';
export * from './exceptions';
export * from './webhooks';
