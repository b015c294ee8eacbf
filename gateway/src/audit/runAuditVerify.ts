import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadAuditKey, openStore, storeConfig, type Config, type Store } from '@safety-graph/shared';
import { auditSettings } from './checkpoints';
import { auditEntities } from './entities';
import { auditMigrations } from './migrations';
import { verifyAuditChain, type AuditVerification, type VerifyOptions } from './verify';

export type PrintLine = (line: string, stream: 'stdout' | 'stderr') => void;

const printToConsole: PrintLine = (line, stream) => (stream === 'stderr' ? console.error(line) : console.log(line));

/** One line for an operator: no stack, and something even when Node leaves the message empty. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) {
    const text = error.message || (error as { code?: string }).code || error.name;
    return text.split('\n')[0].trim();
  }
  return String(error);
}

/**
 * `npm run audit:verify`: 0 when the log is intact, 1 when it was tampered
 * with (saying how and where), 2 when the store cannot be read at all. Needs
 * AUDIT_KEY (the development key file in the data folder otherwise) and reads
 * the signed checkpoints of AUDIT_CHECKPOINT_FILE. The store is opened without
 * migrating: a verifier that created an empty log where none was found would
 * call a dropped log intact.
 */
export async function runAuditVerify(config: Config, print: PrintLine = printToConsole, options: VerifyOptions = {}): Promise<number> {
  let store: Store | undefined;
  let verification: AuditVerification;
  let checkpointFile: string | null;
  try {
    const key = loadAuditKey(config);
    checkpointFile = auditSettings(config).checkpointFile;
    const auditStore = storeConfig(config, 'audit');
    if (!auditStore.url) {
      const file = join(auditStore.dataDir, `${auditStore.database}.sqlite`);
      if (!existsSync(file)) {
        print(`audit store error: there is no audit log at ${file}`, 'stderr');
        return 2;
      }
    }
    store = await openStore({ config: auditStore, entities: auditEntities, migrations: auditMigrations, migrate: false });
    const runner = store.dataSource.createQueryRunner('master');
    let hasTables: boolean;
    try {
      hasTables = (await runner.hasTable('audit_entry')) && (await runner.hasTable('audit_head'));
    } finally {
      await runner.release();
    }
    if (!hasTables) {
      print(`audit store error: the ${store.kind} database ${store.database} holds no audit log tables`, 'stderr');
      return 2;
    }
    verification = await verifyAuditChain(store, key, { checkpointFile, ...options });
  } catch (error) {
    print(error instanceof ConfigError ? `configuration error: ${error.message}` : `audit store error: ${describeError(error)}`, 'stderr');
    return 2;
  } finally {
    await store?.close().catch(() => undefined);
  }
  if (verification.ok) {
    const { checkpoints } = verification;
    const anchored = checkpoints === 0 ? ', no signed checkpoint yet' : `, ${checkpoints} signed checkpoint${checkpoints === 1 ? '' : 's'}`;
    print(`audit log intact: ${verification.rows} rows${anchored}`, 'stdout');
    return 0;
  }
  const where = verification.firstBadSeq > 0 ? ` at row ${verification.firstBadSeq}` : '';
  print(`audit log TAMPERED (${verification.tampering})${where}: ${verification.reason}`, 'stdout');
  return 1;
}
