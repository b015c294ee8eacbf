import { columnNamed, externalIdOf, importBatch, importedId, type Importer, importRequest, requiredText } from '@safety-graph/shared';
import { createContext } from '../context';
import { checkedNewReferral, correctReferral } from '../writes/Referral';
import { agencyIdOf, regionIdOf, usedColumn } from './rows';

/** Treatment referrals from the referring agency's own register, made as referToTreatment makes them. */
export const referralsImporter: Importer = {
  description:
    'Treatment referrals the importing agency made (as referToTreatment). subjectNationalId: ten digits, Latin or Persian, ' +
    'turned into the keyed pseudonym on the way in and never stored, listed in the reject file nor logged; referredOn: YYYY-MM-DD, not in the future; ' +
    'regionCode (a county such as IR-10-12) or regionId; toAgencyCode (a health network or welfare office, such as HEALTH-IR-10-12) or toAgencyId. ' +
    'Referrals start REFERRED. A referral already imported is compared: while it is still REFERRED a differing row corrects it (statistics follow); ' +
    'once admitted it is a CONFLICT.',
  columns: ['externalId', 'subjectNationalId', 'referredOn', 'regionCode', 'regionId', 'toAgencyCode', 'toAgencyId'],
  sensitiveColumns: ['subjectNationalId'],
  async importRows(rows, lines, context) {
    const addictionContext = createContext(importRequest(context, 'addiction', 'addiction:write'));
    return importBatch(rows, lines, context, {
      idOf: (row) => importedId('import:addiction:referrals', context, externalIdOf(row)),
      existingIds: (ids) => addictionContext.stores.referrals.existingIds(ids),
      check: async (row) =>
        checkedNewReferral(addictionContext, {
          subjectNationalId: requiredText(row, 'subjectNationalId'),
          referredOn: requiredText(row, 'referredOn'),
          regionId: regionIdOf(row),
          toAgencyId: agencyIdOf(row, 'toAgencyId', 'toAgencyCode'),
        }),
      write: (manager, id, checked) => addictionContext.stores.referrals.insert(manager, { id, ...checked }),
      update: (manager, id, checked) => correctReferral(addictionContext, manager, id, checked),
      columnOf: (argument, row) => {
        const column = columnNamed(argument);
        if (column === 'regionId') return usedColumn(row, 'regionId', 'regionCode');
        if (column === 'toAgencyId') return usedColumn(row, 'toAgencyId', 'toAgencyCode');
        return column;
      },
    });
  },
};
