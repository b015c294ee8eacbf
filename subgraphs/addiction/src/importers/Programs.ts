import { columnNamed, externalIdOf, importBatch, importedId, type Importer, importRequest, optionalText, requiredText } from '@safety-graph/shared';
import { createContext } from '../context';
import { checkedNewProgram, correctProgram, insertProgram, PROGRAM_KINDS } from '../writes/PreventionProgram';
import { regionIdOf, usedColumn } from './rows';

/** Prevention programmes from the lead agency's own plan, created as createPreventionProgram creates them. */
export const programsImporter: Importer = {
  description:
    'Prevention programmes the importing agency leads (as createPreventionProgram). code: unique, letters, digits, ".", "_", "-" (such as PREV-1404-SCHOOL-IR-10-12); ' +
    `title, titleFa: 1-200 characters; kind: ${PROGRAM_KINDS.join('|')}; regionCode (a county or province such as IR-10) or regionId; ` +
    "startsOn, endsOn: YYYY-MM-DD; agreementId: the MOU's id (optional). A programme already imported is compared: a differing row corrects it " +
    '(a new code must be free, its sessions must stay within its dates).',
  columns: ['externalId', 'code', 'title', 'titleFa', 'kind', 'regionCode', 'regionId', 'startsOn', 'endsOn', 'agreementId'],
  async importRows(rows, lines, context) {
    const addictionContext = createContext(importRequest(context, 'addiction', 'addiction:write'));
    return importBatch(rows, lines, context, {
      idOf: (row) => importedId('import:addiction:programs', context, externalIdOf(row)),
      existingIds: (ids) => addictionContext.stores.programs.existingIds(ids),
      check: async (row) =>
        checkedNewProgram(addictionContext, {
          code: requiredText(row, 'code'),
          title: requiredText(row, 'title'),
          titleFa: requiredText(row, 'titleFa'),
          kind: requiredText(row, 'kind'),
          regionId: regionIdOf(row),
          startsOn: requiredText(row, 'startsOn'),
          endsOn: requiredText(row, 'endsOn'),
          agreementId: optionalText(row, 'agreementId') ?? null,
        }),
      write: (manager, id, checked) => insertProgram(addictionContext, manager, { id, ...checked }),
      update: (manager, id, checked) => correctProgram(addictionContext, manager, id, checked),
      // A taken code is a CONFLICT naming no argument.
      columnOf: (argument, row) => {
        const column = columnNamed(argument);
        if (column === undefined) return 'code';
        return column === 'regionId' ? usedColumn(row, 'regionId', 'regionCode') : column;
      },
    });
  },
};
