export * from './entities';
export * from './migrations';
export * from './hash';
export * from './AuditLog';
export * from './verify';
export * from './runAuditVerify';
export * from './checkpoints';
