import seedrandom from 'seedrandom';
import { bucketsOf, unitRange, wholeUnitOf, type CalendarUnit } from '../reporting/calendar';
import { SuppressedTable, type RegionNode } from '../reporting/suppression';

const PRIME = 2_147_483_647n;

/** The attacker: Gaussian elimination modulo a large prime. Not in the span mod p means not in the span over the rationals. */
class ModularSpan {
  private readonly rows: bigint[][] = [];
  private readonly pivots: number[] = [];
  constructor(private readonly size: number) {}
  private inverse(value: bigint): bigint {
    let [result, base, exponent] = [1n, ((value % PRIME) + PRIME) % PRIME, PRIME - 2n];
    while (exponent > 0n) {
      if (exponent & 1n) result = (result * base) % PRIME;
      base = (base * base) % PRIME;
      exponent >>= 1n;
    }
    return result;
  }
  private reduce(vector: bigint[]): bigint[] {
    const residual = [...vector];
    this.rows.forEach((row, r) => {
      const factor = residual[this.pivots[r]];
      if (factor !== 0n) for (let i = 0; i < this.size; i += 1) residual[i] = (((residual[i] - factor * row[i]) % PRIME) + PRIME) % PRIME;
    });
    return residual;
  }
  add(vector: bigint[]): void {
    const residual = this.reduce(vector);
    const pivot = residual.findIndex((value) => value !== 0n);
    if (pivot < 0) return;
    const scale = this.inverse(residual[pivot]);
    const row = residual.map((value) => (value * scale) % PRIME);
    this.rows.forEach((other) => {
      const factor = other[pivot];
      if (factor !== 0n) for (let i = 0; i < this.size; i += 1) other[i] = (((other[i] - factor * row[i]) % PRIME) + PRIME) % PRIME;
    });
    this.rows.push(row);
    this.pivots.push(pivot);
  }
  contains(vector: bigint[]): boolean {
    return this.reduce(vector).every((value) => value === 0n);
  }
}

function randomTree(random: () => number): { regions: RegionNode[]; leaves: string[] } {
  const counties = 2 + Math.floor(random() * 5);
  const leaves = Array.from({ length: counties }, (_, i) => `county-${i}`);
  return { regions: [{ id: 'country', parentId: null }, { id: 'province', parentId: 'country' }, ...leaves.map((id) => ({ id, parentId: 'province' }))], leaves };
}

const UNIT_KINDS: CalendarUnit['kind'][] = ['MONTH', 'QUARTER', 'YEAR'];

describe('small-count suppression', () => {
  it('publishes no count from 1 to threshold − 1, and no pooled set of answers can be solved for a hidden one', () => {
    const random = seedrandom('suppression-property');
    for (let trial = 0; trial < 60; trial += 1) {
      const threshold = 3 + Math.floor(random() * 10);
      const { regions, leaves } = randomTree(random);
      const density = random();
      const monthly = new Map(leaves.map((leaf) => [leaf, Array.from({ length: 12 }, () => (random() < density ? Math.floor(random() * threshold * 3) : 0))]));
      const table = new SuppressedTable(regions, monthly, threshold);

      // Random report queries: counties × months, quarters, totals, and shifted periods that are not whole units.
      const calendar = random() < 0.5 ? 'SOLAR' : 'GREGORIAN';
      const year = calendar === 'SOLAR' ? 1404 : 2025;
      const answers: { atoms: number[]; value: number | null }[] = [];
      for (let query = 0; query < 150; query += 1) {
        const region = regions[Math.floor(random() * regions.length)];
        const kind = UNIT_KINDS[Math.floor(random() * 3)];
        const index = kind === 'MONTH' ? 1 + Math.floor(random() * 12) : kind === 'QUARTER' ? 1 + Math.floor(random() * 4) : 0;
        const unit: CalendarUnit = { calendar, kind, year, index };
        let range = unitRange(unit);
        if (random() < 0.3) {
          const shifted = new Date(`${range.from}T00:00:00Z`);
          shifted.setUTCDate(shifted.getUTCDate() + 1 + Math.floor(random() * 20));
          range = { from: shifted.toISOString().slice(0, 10), to: range.to };
        }
        const whole = wholeUnitOf(range);
        const value = whole && whole.calendar === calendar && whole.year === year ? table.value({ regionId: region.id, kind: whole.kind, index: whole.index }) : null;
        const months = whole ? bucketsOf(unitRange(whole), calendar === 'SOLAR' ? 'SOLAR_MONTH' : 'MONTH').map((bucket) => bucket.unit.index) : [];
        const under = region.id === 'country' || region.id === 'province' ? leaves : [region.id];
        answers.push({ atoms: under.flatMap((leaf) => months.map((month) => leaves.indexOf(leaf) * 12 + month - 1)), value });
        if (value !== null) expect(value === 0 || value >= threshold).toBe(true);
      }
      // Asking again, in another order, gives the same answers.
      const again = new SuppressedTable(regions, new Map([...monthly.entries()].reverse()), threshold);
      expect([...again.hidden].sort()).toEqual([...table.hidden].sort());

      // The differencing attacker pools every published answer and tries every hidden cell.
      const size = leaves.length * 12;
      const toVector = (atoms: number[]) => {
        const vector = Array.from({ length: size }, () => 0n);
        for (const atom of atoms) vector[atom] = 1n;
        return vector;
      };
      const span = new ModularSpan(size);
      for (const answer of answers) if (answer.value !== null) span.add(toVector(answer.atoms));
      for (const { atoms } of table.published()) span.add(toVector(atoms));
      const primaryHidden = regions.flatMap((region) =>
        UNIT_KINDS.flatMap((kind) =>
          (kind === 'MONTH' ? [...Array(12).keys()].map((i) => i + 1) : kind === 'QUARTER' ? [1, 2, 3, 4] : [0]).map((index) => ({ region, kind, index })),
        ),
      ).filter(({ region, kind, index }) => table.value({ regionId: region.id, kind, index }) === null);
      for (const { region, kind, index } of primaryHidden) {
        const months = kind === 'MONTH' ? [index] : kind === 'QUARTER' ? [index * 3 - 2, index * 3 - 1, index * 3] : [...Array(12).keys()].map((i) => i + 1);
        const under = region.id === 'country' || region.id === 'province' ? leaves : [region.id];
        expect(span.contains(toVector(under.flatMap((leaf) => months.map((month) => leaves.indexOf(leaf) * 12 + month - 1))))).toBe(false);
      }
    }
  });

  it('hides a second county when only one would be hidden, the same one every time', () => {
    const regions: RegionNode[] = [{ id: 'p', parentId: null }, { id: 'a', parentId: 'p' }, { id: 'b', parentId: 'p' }, { id: 'c', parentId: 'p' }];
    const months = (value: number) => Array.from({ length: 12 }, () => value);
    const monthly = new Map([['a', months(50)], ['b', months(40)], ['c', [3, ...months(30).slice(1)]]]);
    const table = new SuppressedTable(regions, monthly, 10);
    expect(table.value({ regionId: 'c', kind: 'MONTH', index: 1 })).toBeNull();
    const hiddenMonthOne = ['a', 'b'].filter((id) => table.value({ regionId: id, kind: 'MONTH', index: 1 }) === null);
    expect(hiddenMonthOne.length).toBeGreaterThanOrEqual(1);
    expect(table.value({ regionId: 'p', kind: 'YEAR', index: 0 })).toBe(50 * 12 + 40 * 12 + 3 + 30 * 11);
    expect(new SuppressedTable(regions, monthly, 10).hidden).toEqual(table.hidden);
  });
});
