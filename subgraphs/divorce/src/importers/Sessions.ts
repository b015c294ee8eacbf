import {
  badUserInput,
  columnNamed,
  externalIdOf,
  importBatch,
  importedId,
  type ImportContext,
  type Importer,
  importRequest,
  optionalText,
  requiredBoolean,
  requiredText,
} from '@safety-graph/shared';
import { createContext } from '../context';
import { checkedNewSession, correctSession, COUNSELING_MODES, insertSession } from '../writes/CounselingCase';
import { importedCaseId } from './Cases';

type Row = Record<string, unknown>;

/** The column naming the row's case: its externalId from an earlier cases import, or the case's id. */
function caseColumnOf(row: Row): 'caseExternalId' | 'caseId' {
  return optionalText(row, 'caseId') !== undefined && optionalText(row, 'caseExternalId') === undefined ? 'caseId' : 'caseExternalId';
}

function caseIdOf(row: Row, context: ImportContext): string {
  const caseExternalId = optionalText(row, 'caseExternalId');
  const caseId = optionalText(row, 'caseId');
  if (caseExternalId !== undefined && caseId !== undefined) throw badUserInput('caseExternalId', 'give caseExternalId or caseId, not both');
  if (caseExternalId !== undefined) return importedCaseId(context, caseExternalId);
  if (caseId !== undefined) return caseId;
  throw badUserInput('caseExternalId', 'is required (or caseId)');
}

/** Counselling sessions from a unit's own register, recorded as recordCounselingSession records them. */
export const sessionsImporter: Importer = {
  description:
    'Counselling sessions of OPEN cases of units the importing agency hosts (as recordCounselingSession: any other case is "no such case"). ' +
    'caseExternalId: the externalId of a case this agency imported (--kind cases), or caseId: the case id; ' +
    `heldOn: YYYY-MM-DD, not in the future nor before the case opened; mode: ${COUNSELING_MODES.join(', ')}; free: true or false. ` +
    'A session already imported is compared: a differing date, mode or free is corrected (statistics follow); it never moves to another case.',
  columns: ['externalId', 'caseExternalId', 'caseId', 'heldOn', 'mode', 'free'],
  async importRows(rows, lines, context) {
    const divorceContext = createContext(importRequest(context, 'divorce', 'family:write'));
    return importBatch(rows, lines, context, {
      idOf: (row) => importedId('import:divorce:sessions', context, externalIdOf(row)),
      existingIds: (ids) => divorceContext.stores.sessions.existingIds(ids),
      check: (row) =>
        checkedNewSession(divorceContext, {
          caseId: caseIdOf(row, context),
          heldOn: requiredText(row, 'heldOn'),
          mode: requiredText(row, 'mode'),
          free: requiredBoolean(row, 'free'),
        }),
      write: async (manager, id, checked) => {
        await insertSession(divorceContext, manager, id, checked);
      },
      update: (manager, id, checked) => correctSession(divorceContext, manager, id, checked),
      // The mutation's caseId is whichever column named the case; CONFLICT (a closed case) is about it too.
      columnOf: (argument, row) => {
        const column = columnNamed(argument);
        return column === undefined || column === 'caseId' ? caseColumnOf(row) : column;
      },
    });
  },
};
