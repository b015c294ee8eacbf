import seedrandom from 'seedrandom';
import { deriveTargets, withKnownZeros, type Equation } from '../../../test/helpers/disclosure';
import {
  referenceRegionTree,
  SuppressedTable,
  suppressedTable,
  suppressedTableOf,
  type CellKey,
  type Contribution,
  type RegionNode,
} from '../reporting/suppression';

const KINDS: { kind: CellKey['kind']; index: number; months: number[] }[] = [
  { kind: 'YEAR', index: 0, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
  ...[1, 2, 3, 4].map((q) => ({ kind: 'QUARTER' as const, index: q, months: [q * 3 - 2, q * 3 - 1, q * 3] })),
  ...Array.from({ length: 12 }, (_, i) => ({ kind: 'MONTH' as const, index: i + 1, months: [i + 1] })),
];

/** A tree of `provinces` provinces under a country (or one province alone when `provinces` is 0), with the given counties each. */
function regionTree(countiesPerProvince: number[], withCountry = true): RegionNode[] {
  const regions: RegionNode[] = withCountry ? [{ id: 'IR', parentId: null }] : [];
  countiesPerProvince.forEach((counties, p) => {
    regions.push({ id: `P${p}`, parentId: withCountry ? 'IR' : null });
    for (let c = 0; c < counties; c += 1) regions.push({ id: `P${p}-C${c}`, parentId: `P${p}` });
  });
  return regions;
}

const leavesOf = (regions: readonly RegionNode[]) => regions.filter((r) => !regions.some((c) => c.parentId === r.id)).map((r) => r.id);
const under = (regions: readonly RegionNode[], id: string): string[] => {
  const children = regions.filter((r) => r.parentId === id);
  return children.length === 0 ? [id] : children.flatMap((c) => under(regions, c.id));
};

function randomContributions(random: () => number, leaves: string[], agencies: string[], threshold: number): Contribution[] {
  const density = 0.2 + random() * 0.8;
  const contributions: Contribution[] = [];
  for (const regionId of leaves) {
    for (let month = 1; month <= 12; month += 1) {
      for (const agencyId of agencies) {
        if (random() < density) contributions.push({ regionId, month, agencyId, count: Math.floor(random() * threshold * 1.5) });
      }
    }
  }
  return contributions;
}

/**
 * The attacker on one table: every published cell as an equation over (leaf, month, own|rest) atoms (a published
 * 0 also as a 0 for each of its atoms), plus
 * `agency`'s own counts per leaf and month; targets are every hidden cell. Returns the attack and the
 * remainders (published − own) the agency learns.
 */
function attack(table: SuppressedTable, regions: readonly RegionNode[], contributions: readonly Contribution[], agency: string) {
  const atoms = (id: string, months: number[], part: string[]) =>
    under(regions, id).flatMap((leaf) => months.flatMap((m) => part.map((p) => `${leaf}|${m}|${p}`)));
  const own = new Map<string, number>();
  for (const c of contributions) if (c.agencyId === agency) own.set(`${c.regionId}|${c.month}`, (own.get(`${c.regionId}|${c.month}`) ?? 0) + c.count);
  const equations: Equation[] = leavesOf(regions).flatMap((leaf) =>
    KINDS.slice(5).map((unit) => ({ atoms: [`${leaf}|${unit.index}|own`], value: own.get(`${leaf}|${unit.index}`) ?? 0 })),
  );
  const targets: string[][] = [];
  const remainders: number[] = [];
  for (const region of regions) {
    for (const unit of KINDS) {
      const value = table.value({ regionId: region.id, kind: unit.kind, index: unit.index });
      const cellAtoms = atoms(region.id, unit.months, ['own', 'rest']);
      if (value === null) targets.push(cellAtoms);
      else {
        equations.push({ atoms: cellAtoms, value });
        remainders.push(value - atoms(region.id, unit.months, ['own']).reduce((sum, atom) => sum + (own.get(atom.slice(0, atom.lastIndexOf('|'))) ?? 0), 0));
      }
    }
  }
  return { result: deriveTargets(withKnownZeros(equations), targets), remainders };
}

/** Relations (a total and its parts) with a published total whose hidden parts sum, or leave an agency, 1..T − 1. */
function smallRelationSums(table: SuppressedTable, regions: readonly RegionNode[], contributions: readonly Contribution[], t: number): string[] {
  const count = (id: string, months: number[], agency?: string) => {
    const leaves = new Set(under(regions, id));
    return contributions
      .filter((c) => leaves.has(c.regionId) && months.includes(c.month) && (agency === undefined || c.agencyId === agency))
      .reduce((sum, c) => sum + c.count, 0);
  };
  const agencies = [...new Set(contributions.map((c) => c.agencyId))];
  const small = (n: number) => n >= 1 && n < t;
  const failures: string[] = [];
  const check = (name: string, total: { id: string; unit: (typeof KINDS)[number] }, parts: { id: string; unit: (typeof KINDS)[number] }[]) => {
    if (table.value({ regionId: total.id, kind: total.unit.kind, index: total.unit.index }) === null) return;
    const hidden = parts.filter((p) => table.value({ regionId: p.id, kind: p.unit.kind, index: p.unit.index }) === null);
    const sum = (agency?: string) => hidden.reduce((s, p) => s + count(p.id, p.unit.months, agency), 0);
    if (small(sum()) || agencies.some((a) => small(sum() - sum(a)))) failures.push(name);
  };
  for (const region of regions) {
    const children = regions.filter((r) => r.parentId === region.id).map((r) => r.id);
    for (const unit of KINDS)
      if (children.length > 0)
        check(
          `${region.id} ${unit.kind}${unit.index}`,
          { id: region.id, unit },
          children.map((id) => ({ id, unit })),
        );
    const at = (units: typeof KINDS) => units.map((unit) => ({ id: region.id, unit }));
    check(`${region.id} year/quarters`, { id: region.id, unit: KINDS[0] }, at(KINDS.slice(1, 5)));
    check(`${region.id} year/months`, { id: region.id, unit: KINDS[0] }, at(KINDS.slice(5)));
    for (let q = 1; q <= 4; q += 1) check(`${region.id} Q${q}/months`, { id: region.id, unit: KINDS[q] }, at(KINDS.slice(5 + (q - 1) * 3, 5 + q * 3)));
  }
  return failures;
}

describe('small-count suppression of one Solar year table', () => {
  const threshold = 10;

  it('hides every cell from 1 to T − 1 and publishes zeros and counts ≥ T that nothing exposes', () => {
    const regions = regionTree([3]);
    const contributions: Contribution[] = [];
    for (const regionId of ['P0-C0', 'P0-C1', 'P0-C2'])
      for (let month = 1; month <= 12; month += 1) contributions.push({ regionId, month, agencyId: 'police', count: 20 });
    contributions.push({ regionId: 'P0-C0', month: 5, agencyId: 'police', count: -16 }); // C0 in month 5: 4
    const table = suppressedTableOf(contributions, threshold, regions);
    expect(table.value({ regionId: 'P0-C0', kind: 'MONTH', index: 5 })).toBeNull();
    expect(table.value({ regionId: 'P0-C1', kind: 'MONTH', index: 1 })).toBe(20);
    expect(table.value({ regionId: 'IR', kind: 'YEAR', index: 0 })).toBe(20 * 36 - 16);
    const empty = suppressedTableOf([], threshold, regions);
    expect(empty.value({ regionId: 'P0-C2', kind: 'QUARTER', index: 3 })).toBe(0);
    expect(empty.hidden.size).toBe(0);
  });

  it('hides a cell where one contributing agency would learn that the others made 1 to T − 1 (Kashan: 11 published, 8 own)', () => {
    const regions = regionTree([2]);
    const contributions: Contribution[] = [
      { regionId: 'P0-C0', month: 8, agencyId: 'police', count: 8 },
      { regionId: 'P0-C0', month: 8, agencyId: 'health', count: 3 },
    ];
    for (const regionId of ['P0-C0', 'P0-C1'])
      for (let month = 1; month <= 12; month += 1) contributions.push({ regionId, month, agencyId: 'welfare', count: 30 });
    const table = suppressedTableOf(contributions, threshold, regions);
    // 41 published would tell police that the others made 33, welfare that the others made 11: fine; but the
    // same cell without welfare's 30 is the case.
    const kashan = suppressedTableOf(
      contributions.filter((c) => c.agencyId !== 'welfare' || c.month !== 8 || c.regionId !== 'P0-C0'),
      threshold,
      regions,
    );
    expect(kashan.value({ regionId: 'P0-C0', kind: 'MONTH', index: 8 })).toBeNull();
    expect(table.value({ regionId: 'P0-C0', kind: 'MONTH', index: 8 })).toBe(41);
    // The same hidden cells whoever asks: the table does not depend on the caller.
    expect([...suppressedTableOf([...contributions].reverse(), threshold, regions).hidden].sort()).toEqual([...table.hidden].sort());
  });

  it('adds complements, positive ones first, until no hidden cell is a combination of the published ones', () => {
    const regions = regionTree([3]);
    const contributions: Contribution[] = [];
    for (const regionId of ['P0-C0', 'P0-C1', 'P0-C2'])
      for (let month = 1; month <= 12; month += 1) contributions.push({ regionId, month, agencyId: 'a', count: regionId === 'P0-C2' ? 0 : 40 });
    contributions.push({ regionId: 'P0-C0', month: 1, agencyId: 'a', count: -37 }); // 3
    const table = suppressedTableOf(contributions, threshold, regions);
    expect(table.value({ regionId: 'P0-C0', kind: 'MONTH', index: 1 })).toBeNull();
    // C2 has zeros only: hiding its January would protect nothing; C1's January (40) is hidden instead.
    expect(table.value({ regionId: 'P0-C2', kind: 'MONTH', index: 1 })).toBe(0);
    expect(table.value({ regionId: 'P0-C1', kind: 'MONTH', index: 1 })).toBeNull();
    const { result } = attack(table, regions, contributions, 'a');
    expect(result.tried).toBe(table.hidden.size);
    expect(result.derived).toEqual([]);
  });

  it("keeps the sum of a relation's hidden parts at 0 or ≥ T when the total is published", () => {
    const regions = regionTree([4]);
    const contributions: Contribution[] = [];
    for (const regionId of ['P0-C0', 'P0-C1', 'P0-C2', 'P0-C3'])
      for (let month = 1; month <= 12; month += 1) contributions.push({ regionId, month, agencyId: 'a', count: 50 });
    contributions.push({ regionId: 'P0-C0', month: 4, agencyId: 'a', count: -48 }); // 2
    contributions.push({ regionId: 'P0-C1', month: 4, agencyId: 'a', count: -47 }); // 3: C0 + C1 = 5
    const table = suppressedTableOf(contributions, threshold, regions);
    expect(table.value({ regionId: 'P0-C0', kind: 'MONTH', index: 4 })).toBeNull();
    expect(table.value({ regionId: 'P0-C1', kind: 'MONTH', index: 4 })).toBeNull();
    expect(smallRelationSums(table, regions, contributions, threshold)).toEqual([]);
  });

  it('decides derivability exactly like elimination over all region × month atoms (random trees of any depth, random published sets)', () => {
    const random = seedrandom('derivability');
    let agreed = 0;
    for (let trial = 0; trial < 150; trial += 1) {
      // Any shape: each region's parent is an earlier region (depth 1 to 6).
      const size = 2 + Math.floor(random() * 9);
      const regions: RegionNode[] = Array.from({ length: size }, (_, i) => ({ id: `R${i}`, parentId: i === 0 ? null : `R${Math.floor(random() * i)}` }));
      const density = 0.3 + random() * 0.65;
      const cells = regions.flatMap((region) => KINDS.map((unit) => ({ region, unit, published: random() < density })));
      const atoms = (id: string, months: number[]) => under(regions, id).flatMap((leaf) => months.map((m) => `${leaf}|${m}`));
      const equations = cells.filter((c) => c.published).map((c) => ({ atoms: atoms(c.region.id, c.unit.months), value: 0 }));
      const hidden = cells.filter((c) => !c.published);
      const targets = hidden.map((c) => atoms(c.region.id, c.unit.months));
      // deriveTargets hands back the target arrays it was given: identity finds their cells.
      const derived = new Set(deriveTargets(equations, targets).derived.map((d) => targets.indexOf(d.target as string[])));
      const byElimination = hidden.filter((_, i) => derived.has(i)).map((c) => `${c.region.id}|${c.unit.kind}|${c.unit.index}`);
      const published = cells.filter((c) => c.published).map((c) => ({ regionId: c.region.id, kind: c.unit.kind, index: c.unit.index }));
      expect(SuppressedTable.linearlyDerivable(regions, published).sort()).toEqual(byElimination.sort());
      agreed += hidden.length;
    }
    console.log(`derivability: decomposition and elimination agree on ${agreed} unpublished cells`);
  });

  it('is deterministic and decides the same table from any order of the same contributions', () => {
    const random = seedrandom('determinism');
    const regions = regionTree([4, 3, 5]);
    const contributions = randomContributions(random, leavesOf(regions), ['a', 'b'], threshold);
    const first = new SuppressedTable(regions, contributions, threshold);
    const second = new SuppressedTable(
      [...regions].reverse(),
      [...contributions].sort(() => random() - 0.5),
      threshold,
    );
    expect([...second.hidden].sort()).toEqual([...first.hidden].sort());
    expect(suppressedTableOf(contributions, threshold, regions)).toBe(suppressedTableOf([...contributions].reverse(), threshold, regions));
  });

  it('leaves nothing derivable and no small remainder in random trees of depth 2 and 3, for every agency', () => {
    const random = seedrandom('suppression-random-trees');
    let tried = 0;
    let hidden = 0;
    for (let trial = 0; trial < 40; trial += 1) {
      const t = 3 + Math.floor(random() * 8);
      const provinces = Array.from({ length: 1 + Math.floor(random() * 3) }, () => 1 + Math.floor(random() * 4));
      const regions = regionTree(provinces, provinces.length > 1 || random() < 0.5);
      const agencies = ['police', 'health', 'welfare'].slice(0, 1 + Math.floor(random() * 3));
      const contributions = randomContributions(random, leavesOf(regions), agencies, t);
      const table = suppressedTableOf(contributions, t, regions);
      hidden += table.hidden.size;
      for (const cell of table.published()) expect(cell.value === 0 || cell.value >= t).toBe(true);
      expect(smallRelationSums(table, regions, contributions, t)).toEqual([]);
      for (const agency of agencies) {
        const { result, remainders } = attack(table, regions, contributions, agency);
        tried += result.tried;
        // A hidden 0 may be computable (it discloses no small count); nothing else is.
        expect(result.derived.filter((d) => d.value !== 0)).toEqual([]);
        expect(remainders.filter((r) => r >= 1 && r < t)).toEqual([]);
      }
    }
    console.log(`random trees: ${hidden} hidden cells, attacker tried ${tried} (cell × agency), derived 0`);
  });

  it('keeps the monthly-counts adapter working (one anonymous contributor)', () => {
    const regions = regionTree([2]);
    const monthly = new Map([
      ['P0-C0', Array.from({ length: 12 }, (_, m) => (m === 0 ? 4 : 30))],
      ['P0-C1', Array.from({ length: 12 }, () => 30)],
    ]);
    const table = suppressedTable(monthly, threshold, regions);
    expect(table.value({ regionId: 'P0-C0', kind: 'MONTH', index: 1 })).toBeNull();
    expect(
      attack(
        table,
        regions,
        [...monthly].flatMap(([regionId, months]) => months.map((count, m) => ({ regionId, month: m + 1, agencyId: '', count }))),
        'x',
      ).result.derived,
    ).toEqual([]);
  });

  it('decides every table of a year at national width (31 provinces, 478 counties)', () => {
    const random = seedrandom('national');
    const perProvince = Array.from({ length: 31 }, (_, p) => 15 + (p < 13 ? 1 : 0)); // 31 × 15 + 13 = 478
    const regions = regionTree(perProvince);
    expect(leavesOf(regions)).toHaveLength(478);
    const metrics = ['referralsToTreatment', 'treatmentAdmissions', 'casesOpened', 'reconciliations'].map((metric) =>
      randomContributions(seedrandom(metric), leavesOf(regions), ['police', 'health', 'welfare'], threshold),
    );
    const started = Date.now();
    const cpu = process.cpuUsage();
    let hidden = 0;
    for (const contributions of metrics) hidden += suppressedTableOf(contributions, threshold, regions).hidden.size;
    const isfahan = referenceRegionTree();
    const isfahanContributions = randomContributions(random, leavesOf(isfahan), ['police', 'health', 'welfare'], threshold);
    const isfahanStarted = Date.now();
    suppressedTableOf(isfahanContributions, threshold, isfahan);
    console.log(`Isfahan (${isfahan.length} regions): one table decided in ${Date.now() - isfahanStarted} ms`);
    console.log(
      `national width: 4 tables (${regions.length} regions × 17 units) decided in ${Date.now() - started} ms (${Math.round(process.cpuUsage(cpu).user / 1000)} ms of CPU), ${hidden} hidden cells`,
    );
    expect(hidden).toBeGreaterThan(0);
  });
});
