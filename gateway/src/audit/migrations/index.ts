import { CreateAudit1764000000900 } from './1764000000900-CreateAudit';
import { AuditIntentRows1764000000910 } from './1764000000910-AuditIntentRows';

/** In order; listed explicitly so that the same list runs from src (tests) and dist. */
export const auditMigrations = [CreateAudit1764000000900, AuditIntentRows1764000000910];
