/**
 * The differencing property: an attacker who pools everything the API publishes for counts of
 * individuals — every month, quarter and year of both calendars over five years, every region,
 * published zeros included (and read as zeros of every day under them, since counts are ≥ 0) —
 * plus one agency's own records, derives no hidden count, and no published count leaves an agency a
 * remainder from 1 to T − 1.
 *
 * "What is published" is decided exactly as the API decides it: `publishedUnitOf(range)` (Solar Hijri
 * whole units only), then that Solar year's `suppressedTableOf(contributions).value(cell)`.
 */
import seedrandom from 'seedrandom';
import { toJalaali } from 'jalaali-js';
import {
  publishedUnitOf,
  referenceRegions,
  suppressedTableOf,
  unitRange,
  type CalendarUnit,
  type Contribution,
  type RegionNode,
  type SuppressedTable,
} from '@safety-graph/shared';
import { deriveTargets, withKnownZeros, type Equation } from '../helpers/disclosure';

const DAY = 86_400_000;
const UNITS: { kind: CalendarUnit['kind']; index: number }[] = [
  { kind: 'YEAR', index: 0 },
  ...[1, 2, 3, 4].map((index) => ({ kind: 'QUARTER' as const, index })),
  ...Array.from({ length: 12 }, (_, i) => ({ kind: 'MONTH' as const, index: i + 1 })),
];
const AGENCIES = ['police', 'health', 'welfare'];

interface Day {
  iso: string;
  solar: { year: number; month: number };
}

/** Every day from `from` to `to` inclusive. */
function daysBetween(from: string, to: string): Day[] {
  const days: Day[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY) {
    const date = new Date(t);
    const solar = toJalaali(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    days.push({ iso: date.toISOString().slice(0, 10), solar: { year: solar.jy, month: solar.jm } });
  }
  return days;
}

interface Record_ {
  day: number;
  county: string;
  agency: string;
}

type Policy = 'API' | 'BOTH_CALENDARS';

interface Scenario {
  regions: RegionNode[];
  threshold: number;
  days: Day[];
  records: Record_[];
  /** The units asked for, in both calendars. */
  units: CalendarUnit[];
  /** Groups of consecutive days that every asked unit either contains or misses (the attacker's atoms). */
  atomOf: (day: number) => number;
}

function leavesUnder(regions: readonly RegionNode[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const region of regions) if (region.parentId) children.set(region.parentId, [...(children.get(region.parentId) ?? []), region.id]);
  const under = new Map<string, string[]>();
  const visit = (id: string): string[] => {
    const leaves = children.has(id) ? children.get(id)!.flatMap(visit) : [id];
    under.set(id, leaves);
    return leaves;
  };
  for (const region of regions) if (!region.parentId) visit(region.id);
  return under;
}

const leavesOf = (regions: readonly RegionNode[]) => regions.filter((r) => !regions.some((c) => c.parentId === r.id)).map((r) => r.id);

/**
 * Runs the attack on one scenario with the given agency's own records and returns what it tried and
 * derived, and how many published counts leave any agency a remainder 1..T − 1. `sample` (when
 * given) picks which unpublished cells to try.
 */
function attack(scenario: Scenario, policy: Policy, agency: string, sample?: (target: { unit: CalendarUnit; regionId: string }) => boolean) {
  const { regions, threshold, days, records, units, atomOf } = scenario;
  const under = leavesUnder(regions);
  const dayIndex = new Map(days.map((day, i) => [day.iso, i]));
  const tables = new Map<string, SuppressedTable>();
  /** The table that answers a unit: under the API the unit's Solar year; under the old policy each calendar year on its own. */
  const tableOf = (calendar: CalendarUnit['calendar'], year: number) => {
    const key = `${calendar}${year}`;
    let table = tables.get(key);
    if (!table) {
      const counts = new Map<string, Contribution>();
      for (const record of records) {
        const day = days[record.day];
        const at = calendar === 'SOLAR' ? day.solar : { year: Number(day.iso.slice(0, 4)), month: Number(day.iso.slice(5, 7)) };
        if (at.year !== year) continue;
        const k = `${record.county}|${at.month}|${record.agency}`;
        const c = counts.get(k) ?? { regionId: record.county, month: at.month, agencyId: record.agency, count: 0 };
        c.count += 1;
        counts.set(k, c);
      }
      tables.set(key, (table = suppressedTableOf([...counts.values()], threshold, regions)));
    }
    return table;
  };
  const published = (unit: CalendarUnit, regionId: string): number | null => {
    const asked = policy === 'API' ? publishedUnitOf(unitRange(unit)) : unit;
    return asked ? tableOf(asked.calendar, asked.year).value({ regionId, kind: asked.kind, index: asked.index }) : null;
  };
  // Counts per (leaf, atom): everyone's and each agency's own.
  const all = new Map<string, number>();
  const byAgency = new Map(AGENCIES.map((a) => [a, new Map<string, number>()]));
  for (const record of records) {
    const key = `${record.county}:${atomOf(record.day)}`;
    all.set(key, (all.get(key) ?? 0) + 1);
    const mine = byAgency.get(record.agency)!;
    mine.set(key, (mine.get(key) ?? 0) + 1);
  }
  const own = byAgency.get(agency)!;
  const atomsOf = (unit: CalendarUnit, regionId: string) => {
    const range = unitRange(unit);
    const first = atomOf(dayIndex.get(range.from)!);
    const last = atomOf(dayIndex.get(range.to)!);
    const keys: string[] = [];
    for (const leaf of under.get(regionId)!) for (let atom = first; atom <= last; atom += 1) keys.push(`${leaf}:${atom}`);
    return keys;
  };
  const equations: Equation[] = [];
  // The agency's own records: it knows its own count in every atom (an "own" atom beside the others' "rest").
  for (const leaf of leavesOf(regions)) {
    for (let atom = 0; atom <= atomOf(days.length - 1); atom += 1) equations.push({ atoms: [`${leaf}:${atom}:own`], value: own.get(`${leaf}:${atom}`) ?? 0 });
  }
  const targets: string[][] = [];
  const remainders: { value: number; remainder: number }[] = [];
  for (const unit of units) {
    for (const region of regions) {
      const keys = atomsOf(unit, region.id);
      const atoms = keys.flatMap((key) => [`${key}:own`, `${key}:rest`]);
      const value = published(unit, region.id);
      if (value === null) {
        if (!sample || sample({ unit, regionId: region.id })) targets.push(atoms);
        continue;
      }
      expect(value).toBe(keys.reduce((sum, key) => sum + (all.get(key) ?? 0), 0));
      equations.push({ atoms, value });
      // Every agency subtracts its own records from every published count.
      for (const mine of byAgency.values()) remainders.push({ value, remainder: value - keys.reduce((sum, key) => sum + (mine.get(key) ?? 0), 0) });
    }
  }
  const result = deriveTargets(withKnownZeros(equations), targets);
  const small = (n: number) => n >= 1 && n < threshold;
  return {
    tried: result.tried,
    derived: result.derived.filter((d) => d.value !== 0),
    zeros: result.derived.filter((d) => d.value === 0).length,
    smallDerived: result.derived.filter((d) => small(d.value)).length,
    smallRemainders: remainders.filter((r) => small(r.remainder)).length,
    published: equations.length,
  };
}

/** Units of both calendars whose days lie in [days]: Solar years `solar`, Gregorian years `gregorian`. */
function unitsOf(solar: number[], gregorian: number[]): CalendarUnit[] {
  return [
    ...solar.flatMap((year) => UNITS.map((u) => ({ calendar: 'SOLAR' as const, year, ...u }))),
    ...gregorian.flatMap((year) => UNITS.map((u) => ({ calendar: 'GREGORIAN' as const, year, ...u }))),
  ];
}

/** Atoms: runs of days in the same Solar month and Gregorian month (or single days). */
function atomsBy(days: Day[], perDay: boolean): (day: number) => number {
  const ids: number[] = [];
  let id = -1;
  days.forEach((day, i) => {
    const previous = days[i - 1];
    if (perDay || !previous || previous.solar.month !== day.solar.month || previous.iso.slice(5, 7) !== day.iso.slice(5, 7)) id += 1;
    ids.push(id);
  });
  return (day) => ids[day];
}

function randomTree(random: () => number): RegionNode[] {
  const provinces = 1 + Math.floor(random() * 3);
  const withCountry = provinces > 1 || random() < 0.5;
  const regions: RegionNode[] = withCountry ? [{ id: 'IR', parentId: null }] : [];
  for (let p = 0; p < provinces; p += 1) {
    regions.push({ id: `P${p}`, parentId: withCountry ? 'IR' : null });
    const counties = 1 + Math.floor(random() * 3);
    for (let c = 0; c < counties; c += 1) regions.push({ id: `P${p}-C${c}`, parentId: `P${p}` });
  }
  return regions;
}

function randomRecords(random: () => number, regions: RegionNode[], days: Day[], from: number, to: number): Record_[] {
  const records: Record_[] = [];
  for (const county of leavesOf(regions)) {
    const perYear = Math.floor(random() * 120);
    const n = Math.round((perYear * (to - from)) / 365);
    for (let i = 0; i < n; i += 1) {
      // Bursts: a few busy days, many quiet ones.
      const day = from + Math.floor(random() ** 2 * (to - from));
      records.push({ day, county, agency: AGENCIES[Math.floor(random() * AGENCIES.length)] });
    }
  }
  return records;
}

describe("disclosure property: pooling both calendars over five years and one agency's records", () => {
  // Solar 1401-01-01 .. 1406-12-29 covers Gregorian 2023-2027 entirely.
  const days = daysBetween('2022-03-21', '2028-03-19');
  const first2023 = days.findIndex((d) => d.iso === '2023-01-01');
  const last2027 = days.findIndex((d) => d.iso === '2027-12-31');
  const units = unitsOf([1401, 1402, 1403, 1404, 1405, 1406], [2023, 2024, 2025, 2026, 2027]);

  /** The issue's county: 11 referrals in the rest of Solar 1403 inside 2024, 1 in January 2025, nothing else; a busy neighbour. */
  function issueExample(): Scenario {
    const regions: RegionNode[] = [
      { id: 'P0', parentId: null },
      { id: 'P0-C0', parentId: 'P0' },
      { id: 'P0-C1', parentId: 'P0' },
    ];
    const at = (iso: string) => days.findIndex((d) => d.iso === iso);
    const records: Record_[] = [];
    for (let i = 0; i < 11; i += 1) records.push({ day: at('2024-04-01') + i * 20, county: 'P0-C0', agency: 'police' });
    records.push({ day: at('2025-01-10'), county: 'P0-C0', agency: 'police' });
    for (let day = first2023; day <= last2027; day += 1) records.push({ day, county: 'P0-C1', agency: 'police' });
    return { regions, threshold: 10, days, records, units, atomOf: atomsBy(days, false) };
  }

  it('breaks the old decision: each (calendar, year) table decided on its own, both calendars published', () => {
    const example = attack(issueExample(), 'BOTH_CALENDARS', 'health');
    console.log(
      `old decision, the issue's county: tried ${example.tried} hidden cells, derived ${example.derived.length} (${example.smallDerived} of them 1..T-1)`,
    );
    expect(example.smallDerived).toBeGreaterThan(0);
    const random = seedrandom('old-decision');
    let tried = 0;
    let derived = 0;
    let small = 0;
    for (let trial = 0; trial < 3; trial += 1) {
      const regions = randomTree(random);
      const scenario: Scenario = {
        regions,
        threshold: 10,
        days,
        records: randomRecords(random, regions, days, first2023, last2027 + 1),
        units,
        atomOf: atomsBy(days, false),
      };
      const result = attack(scenario, 'BOTH_CALENDARS', AGENCIES[trial % 3]);
      tried += result.tried;
      derived += result.derived.length;
      small += result.smallDerived;
    }
    console.log(`old decision, random trees: tried ${tried} hidden cells, derived ${derived} (${small} of them 1..T-1)`);
    const now = attack(issueExample(), 'API', 'health');
    console.log(`API on the issue's county: tried ${now.tried} hidden cells, derived ${now.derived.length}`);
    expect(now.derived).toEqual([]);
  });

  it('derives nothing from what the API publishes (random trees, day-level atoms, every agency in turn)', () => {
    const random = seedrandom('disclosure-property');
    let tried = 0;
    let derived = 0;
    let zeros = 0;
    let smallRemainders = 0;
    let published = 0;
    for (let trial = 0; trial < 6; trial += 1) {
      const regions = randomTree(random);
      const threshold = 3 + Math.floor(random() * 8);
      const scenario: Scenario = {
        regions,
        threshold,
        days,
        records: randomRecords(random, regions, days, first2023, last2027 + 1),
        units,
        atomOf: atomsBy(days, true),
      };
      const result = attack(scenario, 'API', AGENCIES[trial % 3]);
      tried += result.tried;
      derived += result.derived.length;
      zeros += result.zeros;
      smallRemainders += result.smallRemainders;
      published += result.published;
    }
    console.log(
      `API (Solar only): ${published} equations pooled; tried ${tried} hidden cells, derived ${derived} (and ${zeros} learned to be 0); remainders 1..T-1: ${smallRemainders}`,
    );
    expect(derived).toBe(0);
    expect(smallRemainders).toBe(0);
  });

  it('derives nothing at national width (the real 31 provinces and 478 counties), sampled', () => {
    const random = seedrandom('national-property');
    // The hierarchy every store is seeded with: Iran, its provinces (3 to 37 counties each) and counties, by code.
    const reference = referenceRegions();
    const regions: RegionNode[] = reference.map((region) => ({ id: region.code, parentId: region.parentCode }));
    const counties = new Set(reference.filter((region) => region.kind === 'COUNTY').map((region) => region.code));
    expect([regions.length, counties.size]).toEqual([1 + 31 + 478, 478]);
    // Two Solar years and the Gregorian year inside them: other years share no day with these (Gregorian
    // publishes nothing), so their equations cannot help; the pool is complete for the cells tried.
    // Atoms are runs of days inside one Solar and one Gregorian month: every cell asked is a union of
    // them, so they are exactly what day atoms compress to, without 700,000 atom names.
    const from = days.findIndex((d) => d.iso === '2024-03-20');
    const to = days.findIndex((d) => d.iso === '2026-03-20');
    const window = days.slice(from, to + 1);
    const scenario: Scenario = {
      regions,
      threshold: 10,
      days: window,
      records: randomRecords(random, regions, window, 0, window.length),
      units: unitsOf([1403, 1404], [2025]),
      atomOf: atomsBy(window, false),
    };
    let candidates = 0;
    const pick = seedrandom('sample');
    const sample = ({ regionId }: { regionId: string }) => {
      candidates += 1;
      return !counties.has(regionId) || pick() < 0.1;
    };
    const started = Date.now();
    const result = attack(scenario, 'API', 'health', sample);
    console.log(
      `national width: ${result.published} equations pooled (2 Solar years, Gregorian 2025, ${regions.length} regions, ${counties.size} counties); ` +
        `tried ${result.tried} of ${candidates} hidden cells (every country and province cell, 10% of county cells), ` +
        `derived ${result.derived.length} (and ${result.zeros} learned to be 0); remainders 1..T-1: ${result.smallRemainders}; ${Date.now() - started} ms`,
    );
    expect(result.derived).toEqual([]);
    expect(result.smallRemainders).toBe(0);
  });
});
