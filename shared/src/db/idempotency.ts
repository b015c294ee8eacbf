import { createHash } from 'node:crypto';
import { Column, Entity, PrimaryColumn, Table, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { badUserInput, conflict } from '../errors';
import { isDuplicateKeyError } from './constraint';
import type { Store } from './store';

/**
 * Idempotency keys of create mutations, scoped to the caller's agency: a retry
 * with the same key gets the first result and writes nothing; the same key
 * with another body is a CONFLICT. Each writing subgraph keeps its own table.
 */
@Entity({ name: 'idempotency_key' })
export class IdempotencyKey {
  @PrimaryColumn({ name: 'agency_code', type: 'varchar', length: 64 })
  agencyCode: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  operation: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 128 })
  key: string;

  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ name: 'result_id', type: 'varchar', length: 36 })
  resultId: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;
}

export class CreateIdempotencyKeys1764000000002 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_key',
        columns: [
          { name: 'agency_code', type: 'varchar', length: '64', isPrimary: true },
          { name: 'operation', type: 'varchar', length: '64', isPrimary: true },
          { name: 'idempotency_key', type: 'varchar', length: '128', isPrimary: true },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'result_id', type: 'varchar', length: '36' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_key');
  }
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export interface IdempotentRequest {
  agencyCode: string;
  /** The mutation's name: the same key may serve different mutations. */
  operation: string;
  key: string | null | undefined;
  /** The mutation's input without the key; its hash tells a retry from a different request. */
  input: unknown;
}

/**
 * Creates a record once: runs `create` in a transaction together with the
 * key's row, so that either both are written or neither. A concurrent retry
 * waits for the first (the key's primary key serializes them) and gets its
 * result. Returns the id of the record.
 */
export async function createOnce(store: Store, request: IdempotentRequest, create: (manager: EntityManager) => Promise<string>): Promise<string> {
  if (request.key == null) return store.transaction(create);
  const key = request.key;
  if (key.length < 1 || key.length > 128 || /[\u0000-\u001f]/.test(key)) {
    throw badUserInput('input.idempotencyKey', 'must be 1 to 128 printable characters');
  }
  const requestHash = createHash('sha256')
    .update(JSON.stringify(canonical(request.input)))
    .digest('hex');
  const where = { agencyCode: request.agencyCode, operation: request.operation, key };
  const replay = (existing: IdempotencyKey): string => {
    if (existing.requestHash !== requestHash) throw conflict(`idempotencyKey ${key} was already used for a different ${request.operation}`);
    return existing.resultId;
  };
  try {
    return await store.transaction(async (manager) => {
      const existing = await manager.findOneBy(IdempotencyKey, where);
      if (existing) return replay(existing);
      const resultId = await create(manager);
      await manager.insert(IdempotencyKey, { ...where, requestHash, resultId, createdAt: new Date().toISOString() });
      return resultId;
    });
  } catch (error) {
    // Another request with the same key committed first: its result is ours.
    if (!isDuplicateKeyError(error)) throw error;
    // Read in a transaction, so on the primary: a lagging replica may not have the first request's key yet.
    const existing = await store.transaction((manager) => manager.findOneBy(IdempotencyKey, where));
    if (!existing) throw error;
    return replay(existing);
  }
}
