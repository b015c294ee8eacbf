import { badUserInput, columnNamed, importBatch, type Importer, importRequest, optionalText, referenceAgencies, requiredText } from '@safety-graph/shared';
import { createContext } from '../context';
import { ADDED_PARTY_ROLES, validateParty } from '../inputs';
import { correctPartyRole, insertParty, writerOf } from '../writes/Agreement';
import { agreementIdOf, refusedAgency, type Row } from './rows';

/**
 * A party row is known by what it joins, an MOU and an agency (their codes):
 * an agency is a party to an MOU once, so no external id is needed, and a
 * party added through the API is found again by an import.
 */
function partyKeyOf(row: Row): string {
  return `${requiredText(row, 'agreementCode')}|${requiredText(row, 'agencyCode')}`;
}

/** Parties added to MOUs the importing agency leads, as addParty adds them (PENDING until each accepts). */
export const partiesImporter: Importer = {
  description:
    "Parties of MOUs the importing agency leads, added as addParty adds them (PENDING until the agency accepts). agreementCode: the MOU's code; " +
    `agencyCode: the party (such as HEALTH-IR-10); role: ${ADDED_PARTY_ROLES.join('|')}. A row is known by its MOU and agency: a party already there ` +
    'is compared, and a differing role corrected while the MOU is open.',
  columns: ['agreementCode', 'agencyCode', 'role'],
  async importRows(rows, lines, context) {
    const refused = refusedAgency(context, lines);
    if (refused) return refused;
    const agreementsContext = createContext(importRequest(context, 'agreements', 'agreements:write'));
    const writer = writerOf(agreementsContext);
    const { stores } = agreementsContext;
    return importBatch(rows, lines, context, {
      idOf: partyKeyOf,
      existingIds: async (keys) => {
        const pairs = keys.map((key) => key.split('|') as [string, string]);
        const agreements = await stores.agreements.findByCodes([...new Set(pairs.map(([code]) => code))]);
        const agencies = referenceAgencies().filter((agency) => pairs.some(([, code]) => code === agency.code));
        const parties = await stores.parties.findByAgreementAndAgencyIds(
          agreements.map((agreement) => agreement.id),
          agencies.map((agency) => agency.id),
        );
        const codeOfAgreement = new Map(agreements.map((agreement) => [agreement.id, agreement.code]));
        const codeOfAgency = new Map(agencies.map((agency) => [agency.id, agency.code]));
        return new Set(parties.map((party) => `${codeOfAgreement.get(party.agreementId)}|${codeOfAgency.get(party.agencyId)}`));
      },
      check: async (row) => {
        const agreementId = await agreementIdOf(agreementsContext, row);
        const agencyCode = requiredText(row, 'agencyCode');
        const agency = referenceAgencies().find((candidate) => candidate.code === agencyCode);
        if (!agency) throw badUserInput('agencyCode', 'is not a known agency code');
        return { agreementId, party: validateParty({ agreementId, agencyId: agency.id, role: optionalText(row, 'role') ?? '' }) };
      },
      write: (manager, _key, { agreementId, party }) => insertParty(agreementsContext, manager, agreementId, 'input.agreementId', party, writer),
      update: (manager, _key, { agreementId, party }) => correctPartyRole(agreementsContext, manager, agreementId, party, writer),
      columnOf: (argument) => {
        const column = columnNamed(argument);
        if (column === 'agencyId') return 'agencyCode';
        return column === undefined || column === 'agreementId' ? 'agreementCode' : column;
      },
    });
  },
};
