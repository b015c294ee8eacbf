/**
 * Exact linear subspaces of Q^n for small n (the 12 months of a year), as
 * the suppression decision needs them: span, sum, intersection, membership.
 *
 * A subspace is kept as its reduced row echelon basis scaled to primitive
 * integer rows with a positive pivot, which is canonical (two equal
 * subspaces have equal rows). Arithmetic is on integers in doubles; every
 * product is checked to stay below 2^53, so a result is exact or the call
 * throws, never rounded.
 */

function checked(value: number): number {
  if (!Number.isSafeInteger(value)) throw new Error('subspace arithmetic left the exact integer range');
  return value;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** The row divided by the gcd of its entries (sign kept). */
function primitive(row: number[]): number[] {
  let divisor = 0;
  for (const x of row) divisor = gcd(divisor, x);
  return divisor > 1 ? row.map((x) => x / divisor) : row;
}

/** a·row − b·other, made primitive. */
function combine(a: number, row: readonly number[], b: number, other: readonly number[]): number[] {
  return primitive(row.map((x, i) => checked(checked(a * x) - checked(b * other[i]))));
}

const firstNonZero = (row: readonly number[]) => row.findIndex((x) => x !== 0);

/**
 * Subspaces are interned (one instance per subspace), so that sums and
 * memberships are memoized per instance: a table of hundreds of regions
 * meets the same subspaces over and over.
 */
const interned = new Map<string, Subspace>();
/** A national year meets a few thousand; past this many the memo starts over (memory stays bounded). */
const MEMO_LIMIT = 20_000;

export class Subspace {
  private annihilatorCache?: Subspace;
  private readonly sums = new Map<Subspace, Subspace>();
  private readonly members = new Map<readonly number[], boolean>();

  /** Use `Subspace.span`; `rows` must already be canonical. */
  private constructor(
    readonly size: number,
    readonly rows: readonly (readonly number[])[],
  ) {}

  private static of(size: number, rows: number[][]): Subspace {
    const key = `${size}:${rows.map((row) => row.join(',')).join(';')}`;
    let space = interned.get(key);
    if (!space) {
      if (interned.size >= MEMO_LIMIT) {
        for (const old of interned.values()) old.forget();
        interned.clear();
      }
      interned.set(key, (space = new Subspace(size, rows)));
    }
    return space;
  }

  /** Drops the memoized sums and memberships (the interning starts over). */
  private forget(): void {
    this.sums.clear();
    this.members.clear();
  }

  static zero(size: number): Subspace {
    return Subspace.of(size, []);
  }

  static span(size: number, vectors: Iterable<readonly number[]>): Subspace {
    const rows: number[][] = [];
    for (const vector of vectors) Subspace.insert(rows, vector);
    return Subspace.of(size, rows);
  }

  /** Adds a vector to canonical rows in place, keeping them canonical. */
  private static insert(rows: number[][], vector: readonly number[]): void {
    let residual = [...vector];
    for (const row of rows) {
      const pivot = firstNonZero(row);
      if (residual[pivot] !== 0) residual = combine(row[pivot], residual, residual[pivot], row);
    }
    const pivot = firstNonZero(residual);
    if (pivot < 0) return;
    if (residual[pivot] < 0) residual = residual.map((x) => -x);
    residual = primitive(residual);
    for (let r = 0; r < rows.length; r += 1) {
      const factor = rows[r][pivot];
      if (factor !== 0) rows[r] = combine(residual[pivot], rows[r], factor, residual);
    }
    let at = rows.findIndex((row) => firstNonZero(row) > pivot);
    if (at < 0) at = rows.length;
    rows.splice(at, 0, residual);
  }

  get dimension(): number {
    return this.rows.length;
  }

  /** Whether the vector is in the subspace (memoized per vector instance: pass constant vectors). */
  contains(vector: readonly number[]): boolean {
    let member = this.members.get(vector);
    if (member === undefined) {
      let residual = [...vector];
      for (const row of this.rows) {
        const pivot = firstNonZero(row);
        if (residual[pivot] !== 0) residual = combine(row[pivot], residual, residual[pivot], row);
      }
      member = residual.every((x) => x === 0);
      this.members.set(vector, member);
    }
    return member;
  }

  plus(other: Subspace): Subspace {
    if (other.dimension === 0 || this.dimension === this.size || other === this) return this;
    if (this.dimension === 0 || other.dimension === this.size) return other;
    let sum = this.sums.get(other);
    if (!sum) {
      const rows = this.rows.map((row) => [...row]);
      for (const row of other.rows) Subspace.insert(rows, row);
      sum = Subspace.of(this.size, rows);
      this.sums.set(other, sum);
      other.sums.set(this, sum);
    }
    return sum;
  }

  /** The vectors orthogonal to every vector of this subspace. */
  annihilator(): Subspace {
    if (this.annihilatorCache) return this.annihilatorCache;
    const pivots = this.rows.map(firstNonZero);
    let lcm = 1;
    for (const r of this.rows.keys()) lcm = checked((lcm / gcd(lcm, this.rows[r][pivots[r]])) * this.rows[r][pivots[r]]);
    const vectors: number[][] = [];
    for (let free = 0; free < this.size; free += 1) {
      if (pivots.includes(free)) continue;
      const vector = Array.from({ length: this.size }, () => 0);
      vector[free] = lcm;
      this.rows.forEach((row, r) => {
        vector[pivots[r]] = checked(-row[free] * (lcm / row[pivots[r]]));
      });
      vectors.push(vector);
    }
    this.annihilatorCache = Subspace.span(this.size, vectors);
    this.annihilatorCache.annihilatorCache = this;
    return this.annihilatorCache;
  }

  intersect(other: Subspace): Subspace {
    return this.annihilator().plus(other.annihilator()).annihilator();
  }

  /** Equal subspaces are the same instance, except across a reset of the memo. */
  equals(other: Subspace): boolean {
    return this === other || (this.rows.length === other.rows.length && this.rows.every((row, r) => row.every((x, i) => x === other.rows[r][i])));
  }
}
