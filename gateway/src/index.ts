export * from './server';
export * from './supergraph';
export * from './fetcher';
export * from './tokens';
export * from './auth';
export * from './auditTrail';
export * from './audit';
export * from './deploymentKeys';
