/**
 * The differencing attack of issue 8, through the gateway on the demo seed:
 * a partner pools every answer it can get for counts of individuals (both
 * calendars, five years, every region, every granularity, published zeros
 * included) plus one agency's own records, as linear equations over
 * county × date-segment atoms, and tries to solve for every hidden cell.
 * The segments are the stretches between every period boundary asked, so
 * every answer is a union of whole atoms (the same as day atoms, merged).
 */
import { solarYearRange, unitRange } from '@safety-graph/shared';
import { deriveTargets, startStack, withKnownZeros, type Equation, type Stack } from '@safety-graph/test-helpers';

let stack: Stack;
let threshold: number;

beforeAll(async () => {
  stack = await startStack('disclosure');
  threshold = stack.config.suppressionThreshold;
}, 180_000);
afterAll(() => stack?.stop());

const METRICS = [
  { field: 'referralsToTreatment', domain: 'prevention' },
  { field: 'treatmentAdmissions', domain: 'prevention' },
  { field: 'casesOpened', domain: 'family' },
  { field: 'reconciliations', domain: 'family' },
] as const;
type Metric = (typeof METRICS)[number]['field'];
type Figures = Record<Metric, number | null> & { suppressed: string[] };

interface Cell {
  metric: Metric;
  regionCode: string;
  from: string;
  to: string;
  value: number | null;
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const small = (value: number) => value >= 1 && value < threshold;

/** Segment atoms between every boundary of the cells; `groupsOf` splits a metric's atoms by contributor. */
function equationsOf(cells: readonly Cell[], leavesOf: (regionCode: string) => string[], groupsOf: (metric: Metric) => string[]) {
  const boundaries = [...new Set(cells.flatMap((cell) => [cell.from, nextDay(cell.to)]))].sort();
  const atomsOf = (cell: Cell) => {
    const atoms: string[] = [];
    for (let i = 0; i < boundaries.length - 1; i += 1) {
      if (boundaries[i] < cell.from || boundaries[i] > cell.to) continue;
      for (const county of leavesOf(cell.regionCode))
        for (const group of groupsOf(cell.metric)) atoms.push(`${cell.metric}|${county}|${boundaries[i]}|${group}`);
    }
    return atoms;
  };
  const equations: Equation[] = cells.filter((cell) => cell.value !== null).map((cell) => ({ atoms: atomsOf(cell), value: cell.value! }));
  const targets = cells.filter((cell) => cell.value === null).map(atomsOf);
  return { boundaries, atomsOf, equations, targets };
}

describe('disclosure through the gateway', () => {
  it("answers the issue's exact request for IR-10-09 referralsToTreatment with nothing to difference", async () => {
    const periods = [
      { solarYear: 1403 },
      { from: '2024-01-01', to: '2024-12-31' },
      { solarYear: 1402 },
      { from: '2025-02-01', to: '2025-02-28' },
      { from: '2025-03-01', to: '2025-03-31' },
      { from: '2025-01-01', to: '2025-01-31' },
    ];
    const fields = periods.map((_, i) => `p${i}: preventionStats(period: $p${i}) { referralsToTreatment suppressed }`).join(' ');
    const answer = await stack.query<{ region: Record<string, Figures> }>(
      `query(${periods.map((_, i) => `$p${i}: PeriodInput!`).join(', ')}) { region(code: "IR-10-09") { ${fields} } }`,
      Object.fromEntries(periods.map((period, i) => [`p${i}`, period])),
    );
    expect(answer.errors).toBeUndefined();
    const cells: Cell[] = periods.map((period, i) => {
      const range = 'solarYear' in period ? solarYearRange(period.solarYear!) : (period as { from: string; to: string });
      return { metric: 'referralsToTreatment', regionCode: 'IR-10-09', ...range, value: answer.data!.region[`p${i}`].referralsToTreatment };
    });
    console.log(`IR-10-09 referralsToTreatment: ${cells.map((cell) => `${cell.from}..${cell.to} = ${cell.value}`).join(', ')}`);
    // Gregorian periods publish no count of individuals, so none can be differenced against a Solar one.
    for (const i of [1, 3, 4, 5]) {
      expect(cells[i].value).toBeNull();
      expect(answer.data!.region[`p${i}`].suppressed).toContain('referralsToTreatment');
    }
    for (const cell of cells) if (cell.value !== null) expect(small(cell.value)).toBe(false);
    const { equations, targets } = equationsOf(
      cells,
      (code) => [code],
      () => ['all'],
    );
    const attack = deriveTargets(withKnownZeros(equations), targets);
    expect(attack.derived.filter((derived) => derived.value !== 0)).toEqual([]);
  });

  it('lets no hidden cell be derived from every series of both calendars over five years, all regions, plus Kashan police’s own referrals', async () => {
    const regions = await stack.query<{ region: { code: string; children: { code: string }[] } }>(`{ region(code: "IR-10") { code children { code } } }`);
    expect(regions.errors).toBeUndefined();
    const counties = regions.data!.region.children.map((child) => child.code);
    const leavesOf = (code: string) => (code === 'IR' || code === 'IR-10' ? counties : [code]);
    const regionCodes = ['IR', 'IR-10', ...counties];

    const gregorian = { from: '2023-01-01', to: '2027-12-31' };
    const solar = { from: solarYearRange(1402).from, to: solarYearRange(1406).to };
    const asks: { period: { from: string; to: string }; granularity: string }[] = [
      ...['MONTH', 'QUARTER', 'YEAR'].map((granularity) => ({ period: gregorian, granularity })),
      ...['SOLAR_MONTH', 'SOLAR_YEAR'].map((granularity) => ({ period: solar, granularity })),
    ];
    const cells: Cell[] = [];
    for (const domain of ['prevention', 'family'] as const) {
      const fields = METRICS.filter((metric) => metric.domain === domain).map((metric) => metric.field);
      for (const { period, granularity } of asks) {
        const series = `${domain}Series(period: $period, granularity: ${granularity}) { start end stats { ${fields.join(' ')} } }`;
        const answer = await stack.query<{ regions: { code: string; series: { start: string; end: string; stats: Figures }[] }[] }>(
          `query($period: PeriodInput!, $codes: [String!]) { regions(codes: $codes) { code series: ${series} } }`,
          { period, codes: regionCodes },
        );
        expect(answer.errors).toBeUndefined();
        expect(answer.data!.regions).toHaveLength(regionCodes.length);
        for (const region of answer.data!.regions) {
          for (const bucket of region.series) {
            for (const metric of fields) cells.push({ metric, regionCode: region.code, from: bucket.start, to: bucket.end, value: bucket.stats[metric] });
          }
        }
      }
      // Solar quarters have no granularity of their own: asked as periods.
      for (let year = 1402; year <= 1406; year += 1) {
        const quarters = [1, 2, 3, 4].map((index) => unitRange({ calendar: 'SOLAR', kind: 'QUARTER', year, index }));
        const stats = quarters.map((_, i) => `q${i}: ${domain}Stats(period: $q${i}) { ${fields.join(' ')} }`).join(' ');
        const answer = await stack.query<{ regions: ({ code: string } & Record<string, Figures>)[] }>(
          `query(${quarters.map((_, i) => `$q${i}: PeriodInput!`).join(', ')}, $codes: [String!]) { regions(codes: $codes) { code ${stats} } }`,
          { ...Object.fromEntries(quarters.map((quarter, i) => [`q${i}`, quarter])), codes: regionCodes },
        );
        expect(answer.errors).toBeUndefined();
        for (const region of answer.data!.regions) {
          quarters.forEach((quarter, i) => {
            for (const metric of fields) cells.push({ metric, regionCode: region.code, ...quarter, value: region[`q${i}`][metric] });
          });
        }
      }
    }

    // One agency's own records: Kashan police reads the referrals it made through the graph.
    const own = 'POLICE-IR-10-12';
    const referrals: { referredOn: string; region: { code: string }; fromAgency: { code: string } }[] = [];
    for (let after: string | null = null; ;) {
      const page: {
        data?: { treatmentReferrals: { edges: { node: (typeof referrals)[number] }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
        errors?: unknown;
      } = await stack.query(
        `query($after: String) { treatmentReferrals(first: 500, after: $after) { edges { node { referredOn region { code } fromAgency { code } } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        { agency: own },
      );
      expect(page.errors).toBeUndefined();
      referrals.push(...page.data!.treatmentReferrals.edges.map((edge) => edge.node));
      if (!page.data!.treatmentReferrals.pageInfo.hasNextPage) break;
      after = page.data!.treatmentReferrals.pageInfo.endCursor;
    }
    const mine = referrals.filter((referral) => referral.fromAgency.code === own);
    expect(mine.length).toBeGreaterThan(0);

    const groupsOf = (metric: Metric) => (metric === 'referralsToTreatment' ? ['own', 'others'] : ['all']);
    const { boundaries, atomsOf, equations, targets } = equationsOf(cells, leavesOf, groupsOf);
    const segmentOf = (date: string) => boundaries.filter((boundary) => boundary <= date).pop();
    const ownCounts = new Map<string, number>();
    for (const county of counties) for (const boundary of boundaries.slice(0, -1)) ownCounts.set(`referralsToTreatment|${county}|${boundary}|own`, 0);
    for (const referral of mine) {
      const segment = segmentOf(referral.referredOn);
      const atom = `referralsToTreatment|${referral.region.code}|${segment}|own`;
      if (ownCounts.has(atom)) ownCounts.set(atom, ownCounts.get(atom)! + 1);
    }
    const pooled = [...equations, ...[...ownCounts].map(([atom, value]) => ({ atoms: [atom], value }))];

    const attack = deriveTargets(withKnownZeros(pooled), targets);
    const derived = attack.derived.filter((result) => result.value !== 0);
    // The contributor rule: no published cell leaves the others beside Kashan police a small remainder.
    const remainders = cells
      .filter((cell) => cell.metric === 'referralsToTreatment' && cell.value !== null)
      .map((cell) => cell.value! - atomsOf(cell).reduce((sum, atom) => sum + (ownCounts.get(atom) ?? 0), 0))
      .filter(small);
    console.log(
      `gateway attack: ${equations.length} published cells and ${ownCounts.size} own-record atoms of ${own} (${mine.length} referrals) pooled; ` +
        `tried ${attack.tried} hidden cells, derived ${derived.length} (and ${attack.derived.length - derived.length} learned to be 0); small remainders ${remainders.length}`,
    );
    expect(attack.tried).toBeGreaterThan(0);
    expect(derived).toEqual([]);
    expect(remainders).toEqual([]);
  }, 600_000);
});
