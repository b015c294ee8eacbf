export * from './store';
export * from './regionScope';
export * from './idempotency';
export * from './constraint';
export * from './statementTimeout';
