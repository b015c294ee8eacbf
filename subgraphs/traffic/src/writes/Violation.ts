import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { agencyId, createOnce, requireCaller } from '@safety-graph/shared';
import type { TrafficContext } from '../context';
import type { Violation } from '../entities';
import { iranDateOf } from '../iranTime';
import { changingViolations, type ViolationStore } from '../store';
import { validateViolation, type ViolationFacts } from './inputs';
import { forgetAggregates } from './refresh';

export interface RecordViolationInput {
  occurredAt: Date;
  regionId: string;
  type: string;
  idempotencyKey?: string | null;
}

/** A validated violation with the id and recorder it is written under. */
export interface NewViolation extends ViolationFacts {
  id: string;
  recordedById: string;
}

/** Writes violations inside the caller's transaction, dated in Iran like the seed's: recordViolation writes one, the violation importer a batch. */
export async function writeViolations(violations: ViolationStore, manager: EntityManager, records: readonly NewViolation[]): Promise<void> {
  await changingViolations(
    manager,
    records.map((record) => record.id),
    false,
    () =>
      violations.insert(
        manager,
        records.map((record) => ({
          id: record.id,
          occurredAt: record.occurredAt,
          occurredOn: iranDateOf(record.occurredAt),
          regionId: record.regionId,
          type: record.type,
          recordedById: record.recordedById,
        })),
      ),
  );
}

/**
 * A violation already recorded, corrected to validated facts inside the
 * caller's transaction (the violation importer, for a corrected export): false,
 * and nothing written, when they are the same; otherwise the row is rewritten
 * and the rollups moved from its former county and day to its new one.
 */
export async function writeViolationCorrection(
  violations: ViolationStore,
  manager: EntityManager,
  current: Violation,
  facts: ViolationFacts,
): Promise<boolean> {
  if (sameViolation(current, facts)) return false;
  const occurredOn = iranDateOf(facts.occurredAt);
  await changingViolations(manager, [current.id], true, () =>
    violations.correct(manager, current.id, { occurredAt: facts.occurredAt, occurredOn, regionId: facts.regionId, type: facts.type }),
  );
  return true;
}

/** A violation as stored and as validated facts give it: the same to the second (the store keeps whole seconds). */
export function sameViolation(current: Violation, facts: ViolationFacts): boolean {
  return (
    Math.floor(current.occurredAt.getTime() / 1000) === Math.floor(facts.occurredAt.getTime() / 1000) &&
    current.regionId === facts.regionId &&
    current.type === facts.type
  );
}

/** Records a traffic violation for the caller's agency. */
export async function recordViolation(context: TrafficContext, input: RecordViolationInput): Promise<Violation> {
  const caller = requireCaller(context.caller);
  const facts = validateViolation(input);
  const violations = context.stores.violations;
  const violationId = await createOnce(
    context.store,
    { agencyCode: caller.agencyCode, operation: 'recordViolation', key: input.idempotencyKey, input: facts },
    async (manager) => {
      const id = randomUUID();
      await writeViolations(violations, manager, [{ id, recordedById: agencyId(caller.agencyCode), ...facts }]);
      return id;
    },
  );
  // Read from the primary: a replica may not have the row yet.
  const [violation] = await context.store.transaction((manager) => violations.findByIds([violationId], manager));
  context.loaders.violationById.clear(violationId).prime(violationId, violation);
  forgetAggregates(context);
  return violation;
}
