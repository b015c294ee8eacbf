import { randomUUID } from 'node:crypto';
import { agencyId, createOnce, requireCaller, requireCounty } from '@safety-graph/shared';
import type { TrafficContext } from '../context';
import type { Violation } from '../entities';
import { iranDateOf } from '../iranTime';
import { requireOccurredAt } from './inputs';
import { forgetAggregates } from './refresh';

export interface RecordViolationInput {
  occurredAt: Date;
  regionId: string;
  type: string;
  idempotencyKey?: string | null;
}

/** Records a traffic violation for the caller's agency, dated in Iran like the seed's. */
export async function recordViolation(context: TrafficContext, input: RecordViolationInput): Promise<Violation> {
  const caller = requireCaller(context.caller);
  const occurredAt = requireOccurredAt(input.occurredAt);
  const regionId = requireCounty('input.regionId', input.regionId);
  const violations = context.stores.violations;
  const violationId = await createOnce(
    context.store,
    { agencyCode: caller.agencyCode, operation: 'recordViolation', key: input.idempotencyKey, input: { occurredAt, regionId, type: input.type } },
    async (manager) => {
      const id = randomUUID();
      await violations.insert(manager, {
        id,
        occurredAt,
        occurredOn: iranDateOf(occurredAt),
        regionId,
        type: input.type,
        recordedById: agencyId(caller.agencyCode),
      });
      return id;
    },
  );
  // Read from the primary: a replica may not have the row yet.
  const [violation] = await context.store.transaction((manager) => violations.findByIds([violationId], manager));
  context.loaders.violationById.clear(violationId).prime(violationId, violation);
  forgetAggregates(context);
  return violation;
}
