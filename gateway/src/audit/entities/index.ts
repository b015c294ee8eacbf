import { AuditEntry } from './AuditEntry';
import { AUDIT_HEAD_ID, AuditHead } from './AuditHead';

export { AUDIT_HEAD_ID, AuditEntry, AuditHead };
export const auditEntities = [AuditEntry, AuditHead];
