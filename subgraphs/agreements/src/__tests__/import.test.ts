import { loadSecrets, pseudonymOf, regionId, agencyId, type ImportContext, type ImportResult } from '@safety-graph/shared';
import { callerOf, subgraphHarness, type SubgraphHarness } from '@safety-graph/test-helpers';
import type { AgreementsContext } from '../context';
import { agreements } from '../index';

let harness: SubgraphHarness<AgreementsContext>;

beforeAll(async () => {
  harness = await subgraphHarness(agreements);
});
afterAll(() => harness?.close());

const LEAD = 'POLICE-IR-10';
const importers = agreements.importers!;

function contextOf(agencyCode: string): ImportContext {
  const { pseudonymKey } = loadSecrets(harness.config);
  return { store: harness.store, config: harness.config, agencyCode, pseudonymize: (id, argument) => pseudonymOf(pseudonymKey, id, argument) };
}
/** Rows as a CSV file gives them (every value a string), on lines 2, 3, ... */
function importAs(kind: 'agreements' | 'parties' | 'targets', rows: Record<string, unknown>[], agencyCode = LEAD): Promise<ImportResult> {
  return importers[kind].importRows(
    rows,
    rows.map((_, index) => index + 2),
    contextOf(agencyCode),
  );
}
const at = (result: ImportResult) => result.errors.map(({ line, argument }) => ({ line, argument }));

async function readAgreement(code: string) {
  const answer = await harness.runAs<{
    agreement: {
      title: string;
      status: string;
      endsOn: string;
      leadAgency: { id: string };
      parties: { role: string; status: string; agency: { id: string } }[];
      targets: { metric: string; region: { id: string }; baseline: number; target: number }[];
    } | null;
  }>(
    callerOf('HEALTH-IR-10'),
    'query($code: String) { agreement(code: $code) { title status endsOn leadAgency { id } parties { role status agency { id } } targets { metric region { id } baseline target } } }',
    { code },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.agreement;
}

const mou = (externalId: string, code: string, overrides: Record<string, unknown> = {}) => ({
  externalId,
  code,
  title: 'Road safety in Kashan',
  titleFa: 'ایمنی راه‌های کاشان',
  domains: 'TRAFFIC|ADDICTION',
  regionCode: 'IR-10',
  startsOn: '2025-03-21',
  endsOn: '2027-03-20',
  signedOn: '2025-03-01',
  ...overrides,
});

describe('agreements import: MOUs, parties, targets', () => {
  it('drafts MOUs, adds parties and sets targets as the mutations do, readable through GraphQL; again unchanged; differing rows corrected', async () => {
    const drafted = await importAs('agreements', [
      mou('M-1', 'MOU-IMPORT-1'),
      mou('M-2', 'MOU-IMPORT-2', { domains: 'TRAFFIC|CRIME' }),
      mou('M-3', 'mou lower', {}),
      mou('M-4', 'MOU-IMPORT-4', { endsOn: '2025-13-40' }),
    ]);
    expect(drafted.inserted).toBe(1);
    expect(at(drafted)).toEqual([
      { line: 3, argument: 'domains' },
      { line: 4, argument: 'code' },
      { line: 5, argument: 'endsOn' },
    ]);
    const parties = await importAs('parties', [
      { agreementCode: 'MOU-IMPORT-1', agencyCode: 'ROADS-IR-10', role: 'PARTNER' },
      { agreementCode: 'MOU-IMPORT-1', agencyCode: 'HEALTH-IR-10', role: 'OBSERVER' },
      { agreementCode: 'MOU-IMPORT-1', agencyCode: 'HEALTH-IR-10-12', role: 'CHAIR' },
      { agreementCode: 'MOU-NOWHERE', agencyCode: 'ROADS-IR-10', role: 'PARTNER' },
      { agreementCode: 'MOU-IMPORT-1', agencyCode: 'NO-SUCH-AGENCY', role: 'PARTNER' },
      { agreementCode: 'MOU-IMPORT-1', agencyCode: LEAD, role: 'PARTNER' },
    ]);
    expect(parties.inserted).toBe(2);
    expect(at(parties)).toEqual([
      { line: 4, argument: 'role' },
      { line: 5, argument: 'agreementCode' },
      { line: 6, argument: 'agencyCode' },
      { line: 7, argument: 'agreementCode' },
    ]);
    const target = (externalId: string, overrides: Record<string, unknown> = {}) => ({
      externalId,
      agreementCode: 'MOU-IMPORT-1',
      metric: 'ROAD_DEATHS',
      regionCode: 'IR-10-12',
      from: '2025-03-21',
      to: '2026-03-20',
      baseline: '40',
      target: '30',
      ...overrides,
    });
    const targets = await importAs('targets', [
      target('T-1'),
      target('T-2', { metric: 'CASES_OPENED' }),
      target('T-3', { regionCode: 'IR-11' }),
      target('T-4', { baseline: '-1' }),
    ]);
    expect(targets.inserted).toBe(1);
    expect(at(targets).map(({ line }) => line)).toEqual([3, 4, 5]);

    expect(await readAgreement('MOU-IMPORT-1')).toEqual({
      title: 'Road safety in Kashan',
      status: 'DRAFT',
      endsOn: '2027-03-20',
      leadAgency: { id: agencyId(LEAD) },
      parties: [
        { role: 'LEAD', status: 'ACCEPTED', agency: { id: agencyId(LEAD) } },
        { role: 'PARTNER', status: 'PENDING', agency: { id: agencyId('ROADS-IR-10') } },
        { role: 'OBSERVER', status: 'PENDING', agency: { id: agencyId('HEALTH-IR-10') } },
      ],
      targets: [{ metric: 'ROAD_DEATHS', region: { id: regionId('IR-10-12') }, baseline: 40, target: 30 }],
    });

    // The same files again: nothing new.
    expect(await importAs('agreements', [mou('M-1', 'MOU-IMPORT-1')])).toEqual({ inserted: 0, skipped: 1, errors: [] });
    expect(await importAs('parties', [{ agreementCode: 'MOU-IMPORT-1', agencyCode: 'ROADS-IR-10', role: 'PARTNER' }])).toEqual({
      inserted: 0,
      skipped: 1,
      errors: [],
    });
    expect(await importAs('targets', [target('T-1')])).toEqual({ inserted: 0, skipped: 1, errors: [] });

    // Corrected exports: a later end, a party's role, a target's figures.
    expect(await importAs('agreements', [mou('M-1', 'MOU-IMPORT-1', { endsOn: '2028-03-19', title: 'Road safety in Kashan county' })])).toEqual({
      inserted: 0,
      skipped: 0,
      updated: 1,
      errors: [],
    });
    expect(await importAs('parties', [{ agreementCode: 'MOU-IMPORT-1', agencyCode: 'HEALTH-IR-10', role: 'PARTNER' }])).toEqual({
      inserted: 0,
      skipped: 0,
      updated: 1,
      errors: [],
    });
    expect(await importAs('targets', [target('T-1', { baseline: '42', target: '28' })])).toEqual({ inserted: 0, skipped: 0, updated: 1, errors: [] });
    // What MOUs rest on does not change by import.
    expect(
      at(await importAs('agreements', [mou('M-1', 'MOU-IMPORT-1', { endsOn: '2028-03-19', title: 'Road safety in Kashan county', domains: 'TRAFFIC' })])),
    ).toEqual([{ line: 2, argument: 'code' }]);

    expect(await readAgreement('MOU-IMPORT-1')).toMatchObject({
      title: 'Road safety in Kashan county',
      endsOn: '2028-03-19',
      parties: [{ role: 'LEAD' }, { role: 'PARTNER' }, { role: 'PARTNER', agency: { id: agencyId('HEALTH-IR-10') } }],
      targets: [{ baseline: 42, target: 28 }],
    });

    // Only the lead agency writes its MOU's parties and targets.
    const other = await importAs('targets', [target('T-9')], 'HEALTH-IR-10');
    expect(other.errors).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('Only the lead agency of MOU MOU-IMPORT-1') })]);
  });
});
