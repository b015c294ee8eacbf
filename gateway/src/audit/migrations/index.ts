import { CreateAudit1764000000900 } from './1764000000900-CreateAudit';

/** In order; listed explicitly so that the same list runs from src (tests) and dist. */
export const auditMigrations = [CreateAudit1764000000900];
