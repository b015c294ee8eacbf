import {
  badUserInput,
  columnNamed,
  externalIdOf,
  importBatch,
  importedId,
  type Importer,
  importRequest,
  requiredInteger,
  requiredText,
} from '@safety-graph/shared';
import { createContext, type AddictionContext } from '../context';
import { eitherOf, regionIdOf, usedColumn, type Row } from './rows';
import { correctProgramSession, insertProgramSession, MAX_ATTENDANCE } from '../writes/ProgramSession';

async function programIdOf(context: AddictionContext, row: Row): Promise<string> {
  const given = eitherOf(row, 'programId', 'programCode');
  if ('id' in given) return given.id;
  const program = await context.loaders.programByCode.load(given.code);
  if (!program) throw badUserInput('programCode', 'no such programme');
  return program.id;
}

/** Prevention programme sessions from the lead agency's own records, recorded as recordProgramSession records them. */
export const sessionsImporter: Importer = {
  description:
    'Sessions of prevention programmes the importing agency leads (as recordProgramSession: FORBIDDEN for any other). ' +
    'programCode (such as PREV-1404-SCHOOL-IR-10-12) or programId; heldOn: YYYY-MM-DD, within the programme and not in the future; ' +
    `regionCode (a county such as IR-10-12) or regionId: the programme's county or one under its province; attendance: 0 to ${MAX_ATTENDANCE}. ` +
    'A session already imported is compared: when it differs it is corrected through the same checks (statistics follow), otherwise it is unchanged.',
  columns: ['externalId', 'programCode', 'programId', 'heldOn', 'regionCode', 'regionId', 'attendance'],
  async importRows(rows, lines, context) {
    const addictionContext = createContext(importRequest(context, 'addiction', 'addiction:write'));
    return importBatch(rows, lines, context, {
      idOf: (row) => importedId('import:addiction:sessions', context, externalIdOf(row)),
      existingIds: (ids) => addictionContext.stores.sessions.existingIds(ids),
      check: async (row) => ({
        programId: await programIdOf(addictionContext, row),
        heldOn: requiredText(row, 'heldOn'),
        regionId: regionIdOf(row),
        attendance: requiredInteger(row, 'attendance'),
      }),
      write: async (manager, id, input) => {
        await insertProgramSession(addictionContext, manager, id, input);
      },
      update: (manager, id, input) => correctProgramSession(addictionContext, manager, id, input),
      // The mutation names programId and regionId: blame the column the row used. FORBIDDEN is the programme's lead rule.
      columnOf: (argument, row) => {
        const column = columnNamed(argument);
        if (column === undefined || column === 'programId') return usedColumn(row, 'programId', 'programCode');
        if (column === 'regionId') return usedColumn(row, 'regionId', 'regionCode');
        return column;
      },
    });
  },
};
