import {
  badUserInput,
  columnNamed,
  externalIdOf,
  importBatch,
  importedId,
  type Importer,
  importRequest,
  optionalText,
  referenceRegions,
  requiredInteger,
  requiredText,
} from '@safety-graph/shared';
import { createContext, type AddictionContext } from '../context';
import { correctProgramSession, insertProgramSession, MAX_ATTENDANCE } from '../programSessionWrites';

type Row = Record<string, unknown>;

/** Of two columns naming the same thing (`programId` / `programCode`), the one the row used. */
function usedColumn(row: Row, idColumn: string, codeColumn: string): string {
  return optionalText(row, idColumn) !== undefined && optionalText(row, codeColumn) === undefined ? idColumn : codeColumn;
}

function eitherOf(row: Row, idColumn: string, codeColumn: string): { id: string } | { code: string } {
  const id = optionalText(row, idColumn);
  const code = optionalText(row, codeColumn);
  if (id !== undefined && code !== undefined) throw badUserInput(codeColumn, `give ${codeColumn} or ${idColumn}, not both`);
  if (code !== undefined) return { code };
  if (id !== undefined) return { id };
  throw badUserInput(codeColumn, `is required (or ${idColumn})`);
}

async function programIdOf(context: AddictionContext, row: Row): Promise<string> {
  const given = eitherOf(row, 'programId', 'programCode');
  if ('id' in given) return given.id;
  const program = await context.loaders.programByCode.load(given.code);
  if (!program) throw badUserInput('programCode', 'no such programme');
  return program.id;
}

function regionIdOf(row: Row): string {
  const given = eitherOf(row, 'regionId', 'regionCode');
  if ('id' in given) return given.id;
  const region = referenceRegions().find((candidate) => candidate.code === given.code);
  if (!region) throw badUserInput('regionCode', 'is not a known region');
  return region.id;
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
