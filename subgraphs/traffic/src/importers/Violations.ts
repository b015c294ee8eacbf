import type { Importer } from '@safety-graph/shared';
import { VIOLATION_TYPES } from '../crashOutcome';
import { validateViolation, type ViolationFacts } from '../writes/inputs';
import { sameViolation, writeViolationCorrection, writeViolations } from '../writes/Violation';
import { importTraffic, instantOf, regionIdOf, textOf, type TrafficImport } from './rows';

const violationKind: TrafficImport<ViolationFacts> = {
  kind: 'violations',
  action: 'record violations',
  validate: (row) => validateViolation({ occurredAt: instantOf(row.occurredAt), regionId: regionIdOf(row), type: textOf(row.type) }),
  existingIds: (stores, manager, ids) => stores.violations.existingIds(manager, ids),
  write: (stores, manager, rows, recorderId) =>
    writeViolations(
      stores.violations,
      manager,
      rows.map(({ id, record }) => ({ id, recordedById: recorderId, ...record })),
    ),
  update: async (stores, manager, id, facts) => {
    const [current] = await stores.violations.findByIds([id], manager);
    return writeViolationCorrection(stores.violations, manager, current, facts);
  },
  differing: async (stores, manager, rows) => {
    const current = new Map(
      (
        await stores.violations.findByIds(
          rows.map((row) => row.id),
          manager,
        )
      ).map((violation) => [violation.id, violation]),
    );
    return rows.filter(({ id, record }) => !sameViolation(current.get(id)!, record)).map(({ id }) => id);
  },
};

/** `npm run import -- traffic FILE --agency CODE --kind violations`: violations from a police camera or ticketing system, checked and written as recordViolation does. */
export const violationImporter: Importer = {
  description:
    'Traffic violations, checked and written as recordViolation does, recorded by the importing agency (which must hold traffic:write: police, roads, municipality). ' +
    "externalId: the agency system's id of the violation (1-100 characters). occurredAt: an ISO instant with offset, not in the future. " +
    "regionId (the county's id) or regionCode (its code, such as IR-10-12). " +
    `type: ${VIOLATION_TYPES.join('|')}. A violation already imported is compared: when it differs it is corrected (statistics follow), otherwise it is unchanged.`,
  columns: ['externalId', 'occurredAt', 'regionId', 'regionCode', 'type'],
  importRows: (rows, lines, context) => importTraffic(violationKind, rows, lines, context),
};
