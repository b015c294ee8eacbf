import { createHash } from 'node:crypto';
import { referenceRegions, regionId } from '../reference';
import type { CalendarUnit } from './calendar';

/**
 * Small-count suppression for counts of individuals (referrals, admissions,
 * counselling cases, reconciliations).
 *
 * A count is published only for a whole month, quarter or year, and only as
 * a cell of one table: every region of the hierarchy (country, province,
 * counties) × every month, quarter and the year, of one calendar year. The
 * table is decided as a whole from the counties' monthly counts, never from
 * what a request asked, so every request sees the same hidden cells:
 *
 * 1. primary: a cell from 1 to threshold − 1 is hidden;
 * 2. complementary: while any hidden cell can be computed exactly from the
 *    published ones (as a linear combination: a province minus its other
 *    counties, a year minus its other months, or anything longer), hide more:
 *    in each relation (total = sum of parts) where it is the only hidden
 *    cell, the smallest published part beside it; failing that, the smallest
 *    published cell that shares records with it.
 *
 * Step 2 checks derivability with Gaussian elimination over the cells'
 * vectors on the county × month atoms, so it holds against an attacker who
 * pools every answer of the table as linear equations. Tables of different
 * years or calendars share no atom boundary (Gregorian months start inside
 * Solar Hijri months), so they cannot be differenced against each other.
 */

export interface RegionNode {
  id: string;
  parentId: string | null;
}

export interface CellKey {
  regionId: string;
  kind: CalendarUnit['kind'];
  /** Month 1-12, quarter 1-4, 0 for the year. */
  index: number;
}

const UNITS: { kind: CalendarUnit['kind']; index: number; months: number[] }[] = [
  { kind: 'YEAR', index: 0, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
  ...[1, 2, 3, 4].map((quarter) => ({ kind: 'QUARTER' as const, index: quarter, months: [quarter * 3 - 2, quarter * 3 - 1, quarter * 3] })),
  ...Array.from({ length: 12 }, (_, i) => ({ kind: 'MONTH' as const, index: i + 1, months: [i + 1] })),
];

interface Cell extends CellKey {
  key: string;
  value: number;
  atoms: number[];
}

const keyOf = (cell: CellKey) => `${cell.regionId}|${cell.kind}|${cell.index}`;

/** Row-reduced basis of published cell vectors; answers "is this vector in their span?". */
class Span {
  private readonly rows: Float64Array[] = [];
  private readonly pivots: number[] = [];

  constructor(private readonly size: number) {}

  private reduce(vector: Float64Array): Float64Array {
    const residual = Float64Array.from(vector);
    for (let r = 0; r < this.rows.length; r += 1) {
      const factor = residual[this.pivots[r]];
      if (factor !== 0) {
        const row = this.rows[r];
        for (let i = 0; i < this.size; i += 1) residual[i] -= factor * row[i];
      }
    }
    return residual;
  }

  add(vector: Float64Array): void {
    const residual = this.reduce(vector);
    let pivot = -1;
    let best = 1e-9;
    for (let i = 0; i < this.size; i += 1) {
      if (Math.abs(residual[i]) > best) {
        best = Math.abs(residual[i]);
        pivot = i;
      }
    }
    if (pivot < 0) return;
    const scale = residual[pivot];
    for (let i = 0; i < this.size; i += 1) residual[i] /= scale;
    // Keep the basis fully reduced so that `reduce` needs one pass.
    for (const row of this.rows) {
      const factor = row[pivot];
      if (factor !== 0) for (let i = 0; i < this.size; i += 1) row[i] -= factor * residual[i];
    }
    this.rows.push(residual);
    this.pivots.push(pivot);
  }

  contains(vector: Float64Array): boolean {
    const residual = this.reduce(vector);
    for (let i = 0; i < this.size; i += 1) if (Math.abs(residual[i]) > 1e-6) return false;
    return true;
  }
}

export class SuppressedTable {
  private readonly cells = new Map<string, Cell>();
  readonly hidden = new Set<string>();

  /**
   * @param regions the hierarchy; leaves are the regions records are kept in
   * @param monthly counts per leaf region, 12 months of the calendar year
   */
  constructor(regions: readonly RegionNode[], monthly: ReadonlyMap<string, readonly number[]>, threshold: number) {
    const children = new Map<string, string[]>();
    for (const region of regions) {
      if (region.parentId) children.set(region.parentId, [...(children.get(region.parentId) ?? []), region.id]);
    }
    const leaves = regions.filter((region) => !children.has(region.id)).map((region) => region.id).sort();
    const leafIndex = new Map(leaves.map((id, index) => [id, index]));
    const leavesUnder = (id: string): string[] => (children.has(id) ? children.get(id)!.flatMap(leavesUnder) : [id]);
    for (const region of [...regions].sort((a, b) => a.id.localeCompare(b.id))) {
      const under = leavesUnder(region.id);
      for (const unit of UNITS) {
        const atoms: number[] = [];
        let value = 0;
        for (const leaf of under) {
          for (const month of unit.months) {
            atoms.push(leafIndex.get(leaf)! * 12 + (month - 1));
            value += monthly.get(leaf)?.[month - 1] ?? 0;
          }
        }
        const cell: Cell = { regionId: region.id, kind: unit.kind, index: unit.index, key: '', value, atoms };
        cell.key = keyOf(cell);
        this.cells.set(cell.key, cell);
      }
    }
    for (const cell of this.cells.values()) if (cell.value >= 1 && cell.value < threshold) this.hidden.add(cell.key);
    this.complement(leaves.length * 12, this.relations(regions, children));
  }

  /** Each relation is a total and the parts it is the sum of: a region's counties, a year's quarters or months, a quarter's months. */
  private relations(regions: readonly RegionNode[], children: Map<string, string[]>): { total: string; parts: string[] }[] {
    const relations: { total: string; parts: string[] }[] = [];
    const cell = (regionId: string, kind: CalendarUnit['kind'], index: number) => keyOf({ regionId, kind, index });
    for (const unit of UNITS) {
      for (const [parent, kids] of children) relations.push({ total: cell(parent, unit.kind, unit.index), parts: kids.map((kid) => cell(kid, unit.kind, unit.index)) });
    }
    for (const region of regions) {
      const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => cell(region.id, 'MONTH', from + i));
      relations.push({ total: cell(region.id, 'YEAR', 0), parts: [1, 2, 3, 4].map((quarter) => cell(region.id, 'QUARTER', quarter)) });
      relations.push({ total: cell(region.id, 'YEAR', 0), parts: months(1, 12) });
      for (const quarter of [1, 2, 3, 4]) relations.push({ total: cell(region.id, 'QUARTER', quarter), parts: months(quarter * 3 - 2, quarter * 3) });
    }
    return relations;
  }

  private complement(size: number, relations: { total: string; parts: string[] }[]): void {
    const vectorOf = (cell: Cell) => {
      const vector = new Float64Array(size);
      for (const atom of cell.atoms) vector[atom] = 1;
      return vector;
    };
    const ordered = [...this.cells.values()].sort((a, b) => a.value - b.value || a.key.localeCompare(b.key));
    const byKey = (key: string) => this.cells.get(key)!;
    const smallestPublished = (keys: string[]) =>
      keys.map(byKey).filter((cell) => !this.hidden.has(cell.key)).sort((a, b) => a.value - b.value || a.key.localeCompare(b.key))[0];
    const relationsOf = new Map<string, { total: string; parts: string[] }[]>();
    for (const relation of relations) {
      for (const key of [relation.total, ...relation.parts]) relationsOf.set(key, [...(relationsOf.get(key) ?? []), relation]);
    }
    for (let round = 0; round < this.cells.size && this.hidden.size > 0; round += 1) {
      const span = new Span(size);
      for (const cell of ordered) if (!this.hidden.has(cell.key)) span.add(vectorOf(cell));
      const exposed = ordered.filter((cell) => this.hidden.has(cell.key) && span.contains(vectorOf(cell)));
      if (exposed.length === 0) return;
      for (const cell of exposed) {
        let added = false;
        // First the direct differences: in every relation where this is the only hidden cell, hide a part beside it.
        for (const relation of relationsOf.get(cell.key) ?? []) {
          const members = [relation.total, ...relation.parts];
          if (members.filter((key) => this.hidden.has(key)).length !== 1) continue;
          const partner = smallestPublished(relation.parts.filter((key) => key !== cell.key)) ?? smallestPublished([relation.total]);
          if (partner) {
            this.hidden.add(partner.key);
            added = true;
          }
        }
        if (added) continue;
        // Exposed through a longer combination: hide the smallest published cell sharing records with it.
        const atoms = new Set(cell.atoms);
        const partner =
          ordered.find((other) => !this.hidden.has(other.key) && other.atoms.some((atom) => atoms.has(atom))) ??
          ordered.find((other) => !this.hidden.has(other.key));
        if (partner) this.hidden.add(partner.key);
      }
    }
  }

  /** The published value of a cell, or null when it is hidden (or not in the table). */
  value(cell: CellKey): number | null {
    const found = this.cells.get(keyOf(cell));
    if (!found || this.hidden.has(found.key)) return null;
    return found.value;
  }

  /** Every cell with its published value: what an attacker could pool. */
  published(): { cell: CellKey; value: number; atoms: number[] }[] {
    return [...this.cells.values()].filter((cell) => !this.hidden.has(cell.key)).map((cell) => ({ cell, value: cell.value, atoms: cell.atoms }));
  }
}

let referenceTree: RegionNode[] | undefined;

/** The demo's region hierarchy (country → province → counties) as suppression tables need it. */
export function referenceRegionTree(): RegionNode[] {
  referenceTree ??= referenceRegions().map((region) => ({ id: region.id, parentId: region.parentCode ? regionId(region.parentCode) : null }));
  return referenceTree;
}

const cache = new Map<string, SuppressedTable>();
const CACHE_SIZE = 256;

/**
 * The table for one metric's monthly county counts, memoized on the counts
 * themselves: the same data gives the same table without recomputing it, and
 * new data gives a new one.
 */
export function suppressedTable(monthly: ReadonlyMap<string, readonly number[]>, threshold: number, regions: readonly RegionNode[] = referenceRegionTree()): SuppressedTable {
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([threshold, regions.map((region) => [region.id, region.parentId]), [...monthly.entries()].sort()]))
    .digest('hex');
  let table = cache.get(fingerprint);
  if (!table) {
    table = new SuppressedTable(regions, monthly, threshold);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(fingerprint, table);
  }
  return table;
}

/**
 * Records of individuals behind one table, as the statistics engine reads
 * them: one leaf region (county), one month (1-12) of the Solar Hijri year,
 * one contributing agency (the agency that recorded them).
 */
export interface Contribution {
  regionId: string;
  month: number;
  agencyId: string;
  count: number;
}

/**
 * The suppression table of one metric over one Solar Hijri year, decided
 * from its contributions (so that the contributor rule can see each
 * agency's share). Interface the statistics engine codes against; the
 * decision itself lives in `SuppressedTable`.
 */
export function suppressedTableOf(contributions: readonly Contribution[], threshold: number, regions: readonly RegionNode[] = referenceRegionTree()): SuppressedTable {
  const monthly = new Map<string, number[]>();
  for (const { regionId, month, count } of contributions) {
    const months = monthly.get(regionId) ?? Array.from({ length: 12 }, () => 0);
    months[month - 1] += count;
    monthly.set(regionId, months);
  }
  return suppressedTable(monthly, threshold, regions);
}
