/**
 * The differencing attacker: everything a caller learns, pooled as linear
 * equations over atoms (a published count is the sum of its atoms' counts,
 * a contributor's own record count is an equation on its own atom), and the
 * question "which hidden cells are a linear combination of them?".
 *
 * Exact: elimination over the integers modulo two primes below 2^26 (so that
 * a product of two residues stays below 2^53 and is exact in a double). A
 * target is derivable over the rationals iff it is derivable modulo every
 * prime except the finitely many dividing one of the system's minors; the two
 * primes must agree, or the attack throws instead of guessing. No
 * floating-point tolerance anywhere.
 *
 * Fast on day-level atoms: equations with one unknown atom fix it (that is
 * how a contributor's own records enter) and are substituted out first; the
 * remaining atoms that appear in exactly the same equations and targets are
 * one column, so five years of days × counties shrink to the segments
 * between period boundaries; columns no equation links are eliminated as
 * separate blocks.
 */

export interface Equation {
  atoms: readonly string[];
  value: number;
}

export interface Attack {
  tried: number;
  derived: { target: readonly string[]; value: number }[];
}

const PRIMES = [67108859, 67108837] as const;

function inverse(a: number, p: number): number {
  let [r0, r1, s0, s1] = [p, a, 0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % p) + p) % p;
}

const mod = (a: number, p: number) => ((a % p) + p) % p;

/**
 * Row-reduces the 0/1 system (rows over `columns` columns, right-hand sides
 * `values`) modulo p and answers for each target whether it is in the row
 * span, with its value (centred in (−p/2, p/2]).
 */
function solveModulo(p: number, rows: readonly number[][], values: readonly number[], columns: number, targets: readonly number[][]): (number | null)[] {
  const width = columns + 1;
  const matrix: Float64Array[] = rows.map((row, r) => {
    const dense = new Float64Array(width);
    for (const column of row) dense[column] = 1;
    dense[columns] = mod(values[r], p);
    return dense;
  });
  const pivotRowOf = new Int32Array(columns).fill(-1);
  const reduced: Float64Array[] = [];
  for (let column = 0, next = 0; column < columns && next < matrix.length; column += 1) {
    let found = -1;
    for (let r = next; r < matrix.length; r += 1) {
      if (matrix[r][column] !== 0) {
        found = r;
        break;
      }
    }
    if (found < 0) continue;
    [matrix[next], matrix[found]] = [matrix[found], matrix[next]];
    const pivot = matrix[next];
    const scale = inverse(pivot[column], p);
    if (scale !== 1) for (let i = column; i < width; i += 1) pivot[i] = (pivot[i] * scale) % p;
    const nonZero: number[] = [];
    for (let i = column; i < width; i += 1) if (pivot[i] !== 0) nonZero.push(i);
    for (let r = 0; r < matrix.length; r += 1) {
      const row = matrix[r];
      const factor = row[column];
      if (r === next || factor === 0) continue;
      for (const i of nonZero) row[i] = mod(row[i] - factor * pivot[i], p);
    }
    pivotRowOf[column] = reduced.length;
    reduced.push(pivot);
    next += 1;
  }
  for (let r = reduced.length; r < matrix.length; r += 1) {
    // A zero row left with a non-zero right-hand side: the published counts contradict each other.
    if (matrix[r][columns] !== 0 && matrix[r].subarray(0, columns).every((x) => x === 0)) throw new Error('deriveTargets: the equations are inconsistent');
  }
  return targets.map((target) => {
    // Residual of the target against the reduced rows: zero on every free column iff it is in their span.
    const residual = new Float64Array(width);
    for (const column of target) residual[column] = 1;
    let value = 0;
    for (const column of target) {
      const r = pivotRowOf[column];
      if (r < 0) continue;
      const row = reduced[r];
      for (let i = column; i < width; i += 1) if (row[i] !== 0) residual[i] = mod(residual[i] - row[i], p);
      value = (value + row[columns]) % p;
    }
    for (let i = 0; i < columns; i += 1) if (residual[i] !== 0) return null;
    return value > p / 2 ? value - p : value;
  });
}

/** Each target (a hidden cell given as its atom set) that is a linear combination of the equations, with its value. */
export function deriveTargets(equations: readonly Equation[], targets: readonly (readonly string[])[]): Attack {
  const ids = new Map<string, number>();
  const idOf = (atom: string) => {
    let id = ids.get(atom);
    if (id === undefined) ids.set(atom, (id = ids.size));
    return id;
  };
  const rows = equations.map((equation) => ({ atoms: [...new Set(equation.atoms.map(idOf))], value: equation.value }));
  const targetAtoms = targets.map((target) => [...new Set(target.map(idOf))]);

  // 1. Equations with a single unknown atom fix it; substitute until none is left.
  const known = new Map<number, number>();
  const rowsOf: number[][] = Array.from({ length: ids.size }, () => []);
  rows.forEach((row, r) => row.atoms.forEach((atom) => rowsOf[atom].push(r)));
  const unknownLeft = rows.map((row) => row.atoms.length);
  const queue = rows.map((_, r) => r).filter((r) => unknownLeft[r] === 1);
  while (queue.length > 0) {
    const r = queue.pop()!;
    if (unknownLeft[r] !== 1) continue;
    const atom = rows[r].atoms.find((a) => !known.has(a))!;
    known.set(atom, rows[r].value - rows[r].atoms.reduce((sum, a) => sum + (a === atom ? 0 : known.get(a)!), 0));
    for (const other of rowsOf[atom]) {
      unknownLeft[other] -= 1;
      if (unknownLeft[other] === 1) queue.push(other);
    }
  }
  rows.forEach((row, r) => {
    if (unknownLeft[r] === 0 && row.atoms.reduce((sum, a) => sum + known.get(a)!, 0) !== row.value) throw new Error('deriveTargets: the equations are inconsistent');
  });
  const residualRows = rows
    .filter((_, r) => unknownLeft[r] > 0)
    .map((row) => ({
      atoms: row.atoms.filter((a) => !known.has(a)),
      value: row.value - row.atoms.reduce((sum, a) => sum + (known.get(a) ?? 0), 0),
    }));
  const residualTargets = targetAtoms.map((atoms) => ({
    atoms: atoms.filter((a) => !known.has(a)),
    offset: atoms.reduce((sum, a) => sum + (known.get(a) ?? 0), 0),
  }));

  // 2. Atoms in exactly the same equations and targets are one column.
  const signature = new Map<number, string[]>();
  const mark = (atom: number, tag: string) => {
    const tags = signature.get(atom);
    if (tags) tags.push(tag);
    else signature.set(atom, [tag]);
  };
  residualRows.forEach((row, r) => row.atoms.forEach((atom) => mark(atom, `e${r}`)));
  residualTargets.forEach((target, t) => target.atoms.forEach((atom) => mark(atom, `t${t}`)));
  const columnOfSignature = new Map<string, number>();
  const columnOf = new Map<number, number>();
  for (const [atom, tags] of signature) {
    const key = tags.join(',');
    let column = columnOfSignature.get(key);
    if (column === undefined) columnOfSignature.set(key, (column = columnOfSignature.size));
    columnOf.set(atom, column);
  }
  const columnsOf = (atoms: number[]) => [...new Set(atoms.map((atom) => columnOf.get(atom)!))].sort((a, b) => a - b);
  const matrixRows = residualRows.map((row) => columnsOf(row.atoms));
  const matrixTargets = residualTargets.map((target) => columnsOf(target.atoms));

  // 3. Columns linked by equations form independent blocks (every row lies in one), so a target is
  //    derivable iff its part in each block is; eliminate block by block, twice; the primes must agree.
  const parent = Array.from({ length: columnOfSignature.size }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const row of matrixRows) for (const column of row.slice(1)) parent[find(column)] = find(row[0]);
  interface Block {
    columns: Map<number, number>;
    rows: number[][];
    values: number[];
    parts: { target: number; columns: number[] }[];
  }
  const blocks = new Map<number, Block>();
  const blockOf = (column: number) => {
    const root = find(column);
    let block = blocks.get(root);
    if (!block) blocks.set(root, (block = { columns: new Map(), rows: [], values: [], parts: [] }));
    if (!block.columns.has(column)) block.columns.set(column, block.columns.size);
    return block;
  };
  matrixRows.forEach((row, r) => {
    if (row.length === 0) return;
    const block = blockOf(row[0]);
    block.rows.push(row.map((column) => blockOf(column).columns.get(column)!));
    block.values.push(residualRows[r].value);
  });
  matrixTargets.forEach((columns, t) => {
    const byBlock = new Map<Block, number[]>();
    for (const column of columns) {
      const block = blockOf(column);
      byBlock.set(block, [...(byBlock.get(block) ?? []), block.columns.get(column)!]);
    }
    for (const [block, local] of byBlock) block.parts.push({ target: t, columns: local });
  });
  const answers = PRIMES.map(() => matrixTargets.map(() => 0 as number | null));
  for (const block of blocks.values()) {
    if (block.parts.length === 0) continue;
    PRIMES.forEach((p, k) => {
      const values = solveModulo(p, block.rows, block.values, block.columns.size, block.parts.map((part) => part.columns));
      block.parts.forEach((part, i) => {
        const previous = answers[k][part.target];
        answers[k][part.target] = previous === null || values[i] === null ? null : previous + values[i]!;
      });
    });
  }
  const derived: Attack['derived'] = [];
  targets.forEach((target, t) => {
    const [first, second] = answers.map((answer) => answer[t]);
    if ((first === null) !== (second === null) || first !== second) throw new Error('deriveTargets: the two primes disagree; pick others');
    if (first !== null) derived.push({ target, value: first + residualTargets[t].offset });
  });
  return { tried: targets.length, derived };
}
