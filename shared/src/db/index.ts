export * from './store';
export * from './regionScope';
export * from './idempotency';
export * from './constraint';
export * from './storageErrors';
export * from './sqliteTransactions';
export * from './storeProbe';
