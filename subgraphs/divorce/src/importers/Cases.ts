import { columnNamed, externalIdOf, importBatch, importedId, type ImportContext, type Importer, importRequest, requiredText } from '@safety-graph/shared';
import { createContext } from '../context';
import { checkedNewCase, correctCase, TOPIC_MAX_LENGTH } from '../writes/CounselingCase';

/** The id of a case the agency imported: sessions imported later name it by the same externalId. */
export function importedCaseId(context: Pick<ImportContext, 'agencyCode' | 'source'>, externalId: string): string {
  return importedId('import:divorce:cases', context, externalId);
}

/** Counselling cases from a unit's own register, opened as openCounselingCase opens them. */
export const casesImporter: Importer = {
  description:
    'Counselling cases opened at units the importing agency hosts (as openCounselingCase: FORBIDDEN elsewhere). ' +
    `unitId: the unit's id; subjectNationalId: ten digits, Latin or Persian, kept only as a keyed pseudonym; ` +
    `openedOn: YYYY-MM-DD, not in the future; topic: 1-${TOPIC_MAX_LENGTH} characters. Cases start OPEN. ` +
    'A case already imported is compared: a differing subject, opening date or topic is corrected (statistics follow); its unit never changes.',
  columns: ['externalId', 'unitId', 'subjectNationalId', 'openedOn', 'topic'],
  sensitiveColumns: ['subjectNationalId'],
  async importRows(rows, lines, context) {
    const divorceContext = createContext(importRequest(context, 'divorce', 'family:write'));
    return importBatch(rows, lines, context, {
      idOf: (row) => importedCaseId(context, externalIdOf(row)),
      existingIds: (ids) => divorceContext.stores.cases.existingIds(ids),
      check: (row) =>
        checkedNewCase(divorceContext, {
          unitId: requiredText(row, 'unitId'),
          subjectNationalId: requiredText(row, 'subjectNationalId'),
          openedOn: requiredText(row, 'openedOn'),
          topic: requiredText(row, 'topic'),
        }),
      write: (manager, id, checked) => divorceContext.stores.cases.insert(manager, { id, ...checked }),
      update: (manager, id, checked) => correctCase(divorceContext, manager, id, checked),
      // FORBIDDEN is the unit's host rule.
      columnOf: (argument) => columnNamed(argument) ?? 'unitId',
    });
  },
};
