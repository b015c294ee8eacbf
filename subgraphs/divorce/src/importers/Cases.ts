import {
  columnNamed,
  externalIdOf,
  importBatch,
  type Importer,
  importRequest,
  requiredText,
  stableId,
} from '@safety-graph/shared';
import { createContext } from '../context';
import { checkedNewCase, TOPIC_MAX_LENGTH } from '../counselingWrites';

/** The id of a case the agency imported: sessions imported later name it by the same externalId. */
export function importedCaseId(agencyCode: string, externalId: string): string {
  return stableId('import:divorce:cases', `${agencyCode}:${externalId}`);
}

/** Counselling cases from a unit's own register, opened as openCounselingCase opens them. */
export const casesImporter: Importer = {
  description:
    'Counselling cases opened at units the importing agency hosts (as openCounselingCase: FORBIDDEN elsewhere). ' +
    `unitId: the unit's id; subjectNationalId: ten digits, Latin or Persian, kept only as a keyed pseudonym; ` +
    `openedOn: YYYY-MM-DD, not in the future; topic: 1-${TOPIC_MAX_LENGTH} characters. Cases start OPEN.`,
  columns: ['externalId', 'unitId', 'subjectNationalId', 'openedOn', 'topic'],
  sensitiveColumns: ['subjectNationalId'],
  async importRows(rows, lines, context) {
    const divorceContext = createContext(importRequest(context, 'divorce', 'family:write'));
    return importBatch(rows, lines, context, {
      idOf: (row) => importedCaseId(context.agencyCode, externalIdOf(row)),
      existingIds: (ids) => divorceContext.stores.cases.existingIds(ids),
      check: (row) =>
        checkedNewCase(divorceContext, {
          unitId: requiredText(row, 'unitId'),
          subjectNationalId: requiredText(row, 'subjectNationalId'),
          openedOn: requiredText(row, 'openedOn'),
          topic: requiredText(row, 'topic'),
        }),
      write: (manager, id, checked) => divorceContext.stores.cases.insert(manager, { id, ...checked }),
      // FORBIDDEN is the unit's host rule.
      columnOf: (argument) => columnNamed(argument) ?? 'unitId',
    });
  },
};
