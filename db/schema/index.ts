export * from './merchants';
export * from './payments';
export * from './idempotency';
export * from './ledger';
