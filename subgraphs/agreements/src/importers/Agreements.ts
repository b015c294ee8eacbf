import { columnNamed, externalIdOf, importBatch, importedId, type Importer, importRequest, optionalText, requiredText } from '@safety-graph/shared';
import { createContext } from '../context';
import { SAFETY_DOMAINS } from '../domains';
import { validateDraft } from '../inputs';
import { correctDraft, insertDraft, writerOf } from '../writes/Agreement';
import { dateOf, listOf, refusedAgency, regionIdOf } from './rows';

/** MOUs from an agency's own register, drafted as draftAgreement drafts them, led by the importing agency. */
export const agreementsImporter: Importer = {
  description:
    'MOUs the importing agency leads, drafted as draftAgreement drafts them (DRAFT, the agency its accepted lead). code: 3-64 of A-Z, 0-9, "-", unique; ' +
    `title, titleFa: 1-300 characters; domains: one or more of ${SAFETY_DOMAINS.join('|')} separated by "|"; regionCode (such as IR-10) or regionId; ` +
    'startsOn, endsOn: YYYY-MM-DD, at most 10 years apart; signedOn: YYYY-MM-DD, optional. A draft already imported is compared: differing titles, ' +
    'dates or signature correct it; its code, region and domains never change, and only drafts are corrected.',
  columns: ['externalId', 'code', 'title', 'titleFa', 'domains', 'regionCode', 'regionId', 'startsOn', 'endsOn', 'signedOn'],
  async importRows(rows, lines, context) {
    const refused = refusedAgency(context, lines);
    if (refused) return refused;
    const agreementsContext = createContext(importRequest(context, 'agreements', 'agreements:write'));
    const writer = writerOf(agreementsContext);
    return importBatch(rows, lines, context, {
      idOf: (row) => importedId('import:agreements:agreements', context, externalIdOf(row)),
      existingIds: (ids) => agreementsContext.stores.agreements.existingIds(ids),
      check: async (row) =>
        validateDraft({
          code: requiredText(row, 'code'),
          title: requiredText(row, 'title'),
          titleFa: requiredText(row, 'titleFa'),
          domains: listOf(row, 'domains'),
          regionId: regionIdOf(row),
          startsOn: dateOf(row, 'startsOn'),
          endsOn: dateOf(row, 'endsOn'),
          signedOn: optionalText(row, 'signedOn') ?? null,
        }),
      write: (manager, id, fields) => insertDraft(agreementsContext, manager, id, fields, writer),
      update: (manager, id, fields) => correctDraft(agreementsContext, manager, id, fields, writer),
      // A taken code and a correction refused are CONFLICTs naming no argument.
      columnOf: (argument, row) => {
        const column = columnNamed(argument)?.replace(/\[\d+\]$/, '');
        if (column === undefined) return 'code';
        return column === 'regionId' && optionalText(row, 'regionCode') !== undefined ? 'regionCode' : column;
      },
    });
  },
};
