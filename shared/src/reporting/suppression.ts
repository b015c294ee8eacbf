import { createHash } from 'node:crypto';
import { referenceRegions, regionId } from '../reference';
import type { CalendarUnit } from './calendar';
import { Subspace } from './subspace';

/**
 * Small-count suppression for counts of individuals (referrals, admissions,
 * counselling cases, reconciliations), decided for one table: every region
 * of the hierarchy × the 17 units (12 months, 4 quarters, the year) of one
 * Solar Hijri year. Counts of individuals are published in that calendar
 * only (`publishedUnitOf`), so tables of different years share no day and
 * cannot be differenced against each other. The table is decided from its
 * contributions, never from what a request asked, so every caller sees the
 * same hidden cells:
 *
 * 1. primary: a cell is hidden when its value is 1..T−1, or when some
 *    contributing agency's remainder (value − its own count) is 1..T−1;
 * 2. complementary: cells are hidden until no hidden cell is a linear
 *    combination of the published ones (published zeros included), and in
 *    every relation (total = Σ parts) with a published total the hidden
 *    parts' sum, and every agency's remainder of it, is 0 or ≥ T.
 *
 * Step 2 is exact and needs no elimination over all region × month atoms:
 * for a region v let M_v ⊆ Q^12 be the span of its published units (as
 * month vectors) and, bottom-up, E_v = M_v + ⋂_children E_c (E_leaf = M_leaf)
 * the month vectors τ whose spread over v's leaves is a combination of
 * v's subtree's published cells. Top-down, G_root = 0 and for a child c of v
 * G_c = (M_v + G_v) ∩ ⋂_{siblings s ≠ c} E_s: what the rest of the tree lets
 * an attacker add to c's subtree as a whole. A cell (v, unit u) is a linear
 * combination of all published cells iff 1_u ∈ E_v + G_v. (A combination
 * restricted to the leaves of one child is that child's subtree part plus
 * the ancestors' parts, which are spread evenly over the child.)
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

const MONTHS = 12;
const UNITS: { kind: CalendarUnit['kind']; index: number; months: number[] }[] = [
  { kind: 'YEAR', index: 0, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
  ...[1, 2, 3, 4].map((quarter) => ({ kind: 'QUARTER' as const, index: quarter, months: [quarter * 3 - 2, quarter * 3 - 1, quarter * 3] })),
  ...Array.from({ length: MONTHS }, (_, i) => ({ kind: 'MONTH' as const, index: i + 1, months: [i + 1] })),
];
/** UNITS[MONTH_UNIT + m] is month m. */
const MONTH_UNIT = 4;
const UNIT_VECTORS = UNITS.map((unit) => Array.from({ length: MONTHS }, (_, i) => (unit.months.includes(i + 1) ? 1 : 0)));
/** Relations between units of one region: year = Σ quarters, year = Σ months, quarter = Σ its months (indexes into UNITS). */
const UNIT_RELATIONS: { total: number; parts: number[] }[] = [
  { total: 0, parts: [1, 2, 3, 4] },
  { total: 0, parts: Array.from({ length: MONTHS }, (_, i) => 5 + i) },
  ...[1, 2, 3, 4].map((quarter) => ({ total: quarter, parts: [0, 1, 2].map((m) => 5 + (quarter - 1) * 3 + m) })),
];

interface Cell extends CellKey {
  key: string;
  node: number;
  unit: number;
  value: number;
  /** Each contributing agency's count in the cell. */
  shares: Map<string, number>;
  hidden: boolean;
  /** The relations the cell is a member of. */
  relations: Relation[];
}

interface Relation {
  total: Cell;
  parts: Cell[];
  /** How many of its members are hidden. */
  hidden: number;
}

interface Node {
  id: string;
  parent: number;
  children: number[];
  leaves: number[];
  cells: Cell[];
  /** Span of the published units' month vectors. */
  own: Subspace;
  /** Month vectors whose spread over the leaves is a combination of the subtree's published cells. */
  inside: Subspace;
  /** What the rest of the tree adds to the subtree as a whole. */
  outside: Subspace;
  /** inside + outside: the unit vectors of this region an attacker can compute. */
  derivable: Subspace;
  /** Month units (as bits of unit indexes) known to be 0 here because a published 0 at this region or above covers them. */
  zeros: number;
}

const ownSpaces = new Map<number, Subspace>();
/** The span of the units in a bit mask of published units (17 bits), memoized. */
function ownSpace(mask: number): Subspace {
  let space = ownSpaces.get(mask);
  if (!space)
    ownSpaces.set(
      mask,
      (space = Subspace.span(
        MONTHS,
        UNIT_VECTORS.filter((_, u) => mask & (1 << u)),
      )),
    );
  return space;
}

const keyOf = (cell: CellKey) => `${cell.regionId}|${cell.kind}|${cell.index}`;
/** Complements are chosen in this order: a positive value first (a hidden 0 protects nothing against counts known to be ≥ 0), the smallest, by key. */
const preference = (a: Cell, b: Cell) => Number(a.value === 0) - Number(b.value === 0) || a.value - b.value || a.key.localeCompare(b.key);

export class SuppressedTable {
  private readonly cells = new Map<string, Cell>();
  private readonly nodes: Node[] = [];
  private readonly leafIndex = new Map<string, number>();
  readonly hidden = new Set<string>();

  /**
   * @param regions the hierarchy; leaves are the regions records are kept in
   * @param contributions counts per leaf region, Solar month and agency
   */
  constructor(
    regions: readonly RegionNode[],
    contributions: readonly Contribution[],
    private readonly threshold: number,
  ) {
    this.build(regions, contributions);
    this.relate();
    for (const cell of this.cells.values()) if (this.isSmall(cell.value, cell.shares)) this.hide(cell);
    this.complement();
  }

  /** Its cells (regions × 17 units): what it weighs in a cache, with its subspaces (`× 8`). */
  get weight(): number {
    return this.cells.size * 8;
  }

  private isSmall(value: number, shares: ReadonlyMap<string, number>): boolean {
    const small = (count: number) => count >= 1 && count < this.threshold;
    if (small(value)) return true;
    for (const share of shares.values()) if (small(value - share)) return true;
    return false;
  }

  private build(regions: readonly RegionNode[], contributions: readonly Contribution[]): void {
    const sorted = [...regions].sort((a, b) => a.id.localeCompare(b.id));
    const index = new Map(sorted.map((region, i) => [region.id, i]));
    for (const region of sorted) {
      const zero = Subspace.zero(MONTHS);
      this.nodes.push({ id: region.id, parent: -1, children: [], leaves: [], cells: [], own: zero, inside: zero, outside: zero, derivable: zero, zeros: 0 });
    }
    sorted.forEach((region, i) => {
      const parent = region.parentId === null ? undefined : index.get(region.parentId);
      if (parent === undefined) return;
      this.nodes[i].parent = parent;
      this.nodes[parent].children.push(i);
    });
    // Per leaf and month: each agency's count.
    const shares = new Map<string, Map<string, number>>();
    for (const { regionId, month, agencyId, count } of contributions) {
      const key = `${regionId}|${month}`;
      const byAgency = shares.get(key) ?? new Map<string, number>();
      byAgency.set(agencyId, (byAgency.get(agencyId) ?? 0) + count);
      shares.set(key, byAgency);
    }
    // Post-order: a region's leaves and its monthly shares are its children's.
    const monthly = new Map<number, Map<string, number>[]>();
    const visit = (n: number): void => {
      const node = this.nodes[n];
      node.children.forEach(visit);
      const months = Array.from({ length: MONTHS }, () => new Map<string, number>());
      if (node.children.length === 0) {
        node.leaves = [n];
        this.leafIndex.set(node.id, this.leafIndex.size);
        months.forEach((month, m) => shares.get(`${node.id}|${m + 1}`)?.forEach((count, agency) => month.set(agency, count)));
      } else {
        node.leaves = node.children.flatMap((child) => this.nodes[child].leaves);
        for (const child of node.children) {
          monthly.get(child)!.forEach((month, m) => month.forEach((count, agency) => months[m].set(agency, (months[m].get(agency) ?? 0) + count)));
        }
      }
      monthly.set(n, months);
      UNITS.forEach((unit, u) => {
        const cellShares = new Map<string, number>();
        for (const m of unit.months) months[m - 1].forEach((count, agency) => cellShares.set(agency, (cellShares.get(agency) ?? 0) + count));
        let value = 0;
        for (const count of cellShares.values()) value += count;
        const cell: Cell = {
          regionId: node.id,
          kind: unit.kind,
          index: unit.index,
          key: '',
          node: n,
          unit: u,
          value,
          shares: cellShares,
          hidden: false,
          relations: [],
        };
        cell.key = keyOf(cell);
        node.cells.push(cell);
        this.cells.set(cell.key, cell);
      });
    };
    this.nodes.forEach((node, n) => {
      if (node.parent < 0) visit(n);
    });
  }

  /** Each relation is a total and the parts it is the sum of: a region's children, a year's quarters or months, a quarter's months. */
  private readonly relations: Relation[] = [];

  private relate(): void {
    const add = (total: Cell, parts: Cell[]) => {
      const relation: Relation = { total, parts, hidden: 0 };
      this.relations.push(relation);
      for (const member of [total, ...parts]) member.relations.push(relation);
    };
    for (const node of this.nodes) {
      for (const { total, parts } of UNIT_RELATIONS)
        add(
          node.cells[total],
          parts.map((u) => node.cells[u]),
        );
      if (node.children.length > 0)
        UNITS.forEach((_, u) =>
          add(
            node.cells[u],
            node.children.map((child) => this.nodes[child].cells[u]),
          ),
        );
    }
  }

  private hide(cell: Cell): void {
    if (cell.hidden) return;
    cell.hidden = true;
    this.hidden.add(cell.key);
    for (const relation of cell.relations) relation.hidden += 1;
  }

  /** Recomputes `own` and `inside` of the regions whose hidden cells changed and of their ancestors, then `outside` top-down. */
  private recompute(changed: Iterable<number>): void {
    // An attacker who knows counts are ≥ 0 reads a published 0 as a 0 for every month of every leaf under it:
    // at a leaf these months count as published.
    const all = new Set(changed);
    const zeros = (n: number, above: number): void => {
      const node = this.nodes[n];
      let mask = above;
      for (const cell of node.cells) if (!cell.hidden && cell.value === 0) for (const m of UNITS[cell.unit].months) mask |= 1 << (MONTH_UNIT + m);
      if (node.children.length === 0 && mask !== node.zeros) all.add(n);
      node.zeros = mask;
      node.children.forEach((child) => zeros(child, mask));
    };
    this.nodes.forEach((node, n) => {
      if (node.parent < 0) zeros(n, 0);
    });
    const dirty = new Set<number>();
    for (let n of all) {
      for (; n >= 0 && !dirty.has(n); n = this.nodes[n].parent) dirty.add(n);
    }
    const inside = (n: number): void => {
      const node = this.nodes[n];
      if (!dirty.has(n)) return;
      node.children.forEach(inside);
      const published = node.cells.reduce((mask, cell) => (cell.hidden ? mask : mask | (1 << cell.unit)), 0);
      node.own = ownSpace(node.children.length === 0 ? published | node.zeros : published);
      node.inside = node.children.length === 0 ? node.own : node.own.plus(this.intersection(node.children.map((child) => this.nodes[child].inside)));
    };
    const outside = (n: number, outsideChanged: boolean): void => {
      const node = this.nodes[n];
      if (!outsideChanged && !dirty.has(n)) return;
      node.derivable = node.inside.plus(node.outside);
      if (node.children.length === 0) return;
      // ⋂ over the siblings of each child from prefix and suffix intersections, as sums of annihilators.
      const annihilators = node.children.map((child) => this.nodes[child].inside.annihilator());
      const suffix: Subspace[] = [];
      let running = node.own.plus(node.outside).annihilator();
      for (let i = annihilators.length - 1; i >= 0; i -= 1) {
        suffix[i] = running;
        running = running.plus(annihilators[i]);
      }
      let prefix = Subspace.zero(MONTHS);
      node.children.forEach((child, i) => {
        const from = prefix.plus(suffix[i]).annihilator();
        const childNode = this.nodes[child];
        const changedHere = !from.equals(childNode.outside);
        childNode.outside = from;
        outside(child, changedHere);
        prefix = prefix.plus(annihilators[i]);
      });
    };
    this.nodes.forEach((node, n) => {
      if (node.parent < 0) {
        inside(n);
        outside(n, false);
      }
    });
  }

  private intersection(spaces: Subspace[]): Subspace {
    let annihilator = Subspace.zero(MONTHS);
    for (const space of spaces) annihilator = annihilator.plus(space.annihilator());
    return annihilator.annihilator();
  }

  private isDerivable(cell: Cell): boolean {
    return this.nodes[cell.node].derivable.contains(UNIT_VECTORS[cell.unit]);
  }

  private complement(): void {
    const ordered = [...this.cells.values()].sort((a, b) => a.key.localeCompare(b.key));
    const published = (cells: Cell[]) => cells.filter((cell) => !cell.hidden).sort(preference);
    let changed = new Set<number>(this.nodes.keys());
    while (changed.size > 0) {
      this.recompute(changed);
      changed = new Set<number>();
      const hide = (cell: Cell) => {
        this.hide(cell);
        changed.add(cell.node);
      };
      // Cells hidden in this round are checked in the next, against spans that know them hidden.
      const exposed = ordered.filter((cell) => cell.hidden && cell.value !== 0 && this.isDerivable(cell));
      for (const cell of exposed) {
        // (A hidden 0 that can be computed discloses no small count; protecting it would hide everything around it.)
        // The direct differences first: while some relation has it as its only hidden member, hide the
        // published cell beside it that closes the most such relations (then by preference).
        let added = false;
        for (;;) {
          const singles = cell.relations.filter((relation) => relation.hidden === 1);
          if (singles.length === 0) break;
          const closes = new Map<Cell, number>();
          for (const relation of singles) {
            const beside = relation.parts.filter((part) => part !== cell && !part.hidden);
            for (const candidate of beside.length > 0 ? beside : [relation.total]) closes.set(candidate, (closes.get(candidate) ?? 0) + 1);
          }
          hide([...closes].sort(([a, m], [b, n]) => n - m || preference(a, b))[0][0]);
          added = true;
        }
        if (added) continue;
        // Exposed through a longer combination: hide a published cell of the same region or an ancestor or descendant with a shared month.
        const partner = published(this.sharingRecords(cell))[0] ?? published(ordered)[0];
        if (partner) hide(partner);
      }
      // A derivable sum of hidden parts (total published) must not be small either.
      for (const relation of this.relations) {
        if (relation.total.hidden || relation.hidden < 2) continue;
        const hiddenParts = relation.parts.filter((part) => part.hidden);
        const shares = new Map<string, number>();
        let value = 0;
        for (const part of hiddenParts) {
          value += part.value;
          part.shares.forEach((count, agency) => shares.set(agency, (shares.get(agency) ?? 0) + count));
        }
        if (this.isSmall(value, shares)) hide(published(relation.parts)[0] ?? relation.total);
      }
    }
  }

  /** Cells whose records overlap the cell's: the same, an enclosing or an enclosed region, and a unit sharing a month. */
  private sharingRecords(cell: Cell): Cell[] {
    const months = new Set(UNITS[cell.unit].months);
    const regions = new Set<number>();
    for (let n = cell.node; n >= 0; n = this.nodes[n].parent) regions.add(n);
    const below = (n: number): void => {
      regions.add(n);
      this.nodes[n].children.forEach(below);
    };
    below(cell.node);
    return [...regions].flatMap((n) => this.nodes[n].cells.filter((other) => other !== cell && UNITS[other.unit].months.some((m) => months.has(m))));
  }

  /**
   * The cells, among those not in `published`, that are linear combinations of
   * the `published` ones (counts not read as ≥ 0): the derivability test the
   * decision uses, exposed so that tests can hold it against elimination.
   */
  static linearlyDerivable(regions: readonly RegionNode[], published: readonly CellKey[]): string[] {
    const table = new SuppressedTable(regions, [], 1);
    const open = new Set(published.map(keyOf));
    for (const cell of table.cells.values()) {
      cell.value = 1; // no published zeros to read
      if (!open.has(cell.key)) table.hide(cell);
    }
    table.recompute(table.nodes.keys());
    return [...table.cells.values()].filter((cell) => cell.hidden && table.isDerivable(cell)).map((cell) => cell.key);
  }

  /** The published value of a cell, or null when it is hidden (or not in the table). */
  value(cell: CellKey): number | null {
    const found = this.cells.get(keyOf(cell));
    if (!found || found.hidden) return null;
    return found.value;
  }

  /** Every published cell with its value and its atoms (leaf index × 12 + month − 1): what an attacker could pool. */
  published(): { cell: CellKey; value: number; atoms: number[] }[] {
    return [...this.cells.values()]
      .filter((cell) => !cell.hidden)
      .map((cell) => ({
        cell: { regionId: cell.regionId, kind: cell.kind, index: cell.index },
        value: cell.value,
        atoms: this.nodes[cell.node].leaves.flatMap((leaf) => UNITS[cell.unit].months.map((m) => this.leafIndex.get(this.nodes[leaf].id)! * MONTHS + m - 1)),
      }));
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
 * The suppression table of one metric over one Solar Hijri year, decided
 * from its contributions (so that the contributor rule can see each
 * agency's share), memoized on a fingerprint of the contributions, the
 * threshold and the regions: the same data gives the same table without
 * recomputing it, and a write that changes a count gives a new one.
 */
export function suppressedTableOf(
  contributions: readonly Contribution[],
  threshold: number,
  regions: readonly RegionNode[] = referenceRegionTree(),
): SuppressedTable {
  const merged = new Map<string, number>();
  for (const { regionId, month, agencyId, count } of contributions) {
    if (count === 0) continue;
    const key = JSON.stringify([regionId, month, agencyId]);
    merged.set(key, (merged.get(key) ?? 0) + count);
  }
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([threshold, regions.map((region) => [region.id, region.parentId]), [...merged.entries()].sort()]))
    .digest('hex');
  let table = cache.get(fingerprint);
  if (!table) {
    table = new SuppressedTable(regions, contributions, threshold);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(fingerprint, table);
  }
  return table;
}

/**
 * @deprecated the table from monthly counts per leaf without agencies (so
 * without the contributor rule); kept until the statistics engine calls
 * `suppressedTableOf`.
 */
export function suppressedTable(
  monthly: ReadonlyMap<string, readonly number[]>,
  threshold: number,
  regions: readonly RegionNode[] = referenceRegionTree(),
): SuppressedTable {
  const contributions: Contribution[] = [];
  for (const [regionId, months] of monthly) months.forEach((count, m) => contributions.push({ regionId, month: m + 1, agencyId: '', count }));
  return suppressedTableOf(contributions, threshold, regions);
}
