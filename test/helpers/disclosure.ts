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
 * `values`) modulo p, with sparse rows, and answers for each target whether
 * it is in the row span, with its value (centred in (−p/2, p/2]).
 */
function solveModulo(p: number, rows: readonly number[][], values: readonly number[], columns: number, targets: readonly number[][]): (number | null)[] {
  const matrix = rows.map((row) => new Map(row.map((column) => [column, 1])));
  const rhs = values.map((value) => mod(value, p));
  const rowsWith: Set<number>[] = Array.from({ length: columns }, () => new Set());
  matrix.forEach((row, r) => row.forEach((_, column) => rowsWith[column].add(r)));
  const pivotRowOf = new Int32Array(columns).fill(-1);
  const isPivot = new Uint8Array(matrix.length);
  // Fewest rows first keeps the fill-in small; the order is fixed, so the result is deterministic.
  const order = Array.from({ length: columns }, (_, c) => c).sort((a, b) => rowsWith[a].size - rowsWith[b].size || a - b);
  for (const column of order) {
    let pivotRow = -1;
    for (const r of rowsWith[column]) {
      if (!isPivot[r] && (pivotRow < 0 || matrix[r].size < matrix[pivotRow].size || (matrix[r].size === matrix[pivotRow].size && r < pivotRow))) pivotRow = r;
    }
    if (pivotRow < 0) continue;
    const pivot = matrix[pivotRow];
    const scale = inverse(pivot.get(column)!, p);
    if (scale !== 1) {
      for (const [i, x] of pivot) pivot.set(i, (x * scale) % p);
      rhs[pivotRow] = (rhs[pivotRow] * scale) % p;
    }
    for (const r of [...rowsWith[column]]) {
      if (r === pivotRow) continue;
      const row = matrix[r];
      const factor = row.get(column)!;
      for (const [i, x] of pivot) {
        const next = mod((row.get(i) ?? 0) - factor * x, p);
        if (next === 0) {
          row.delete(i);
          rowsWith[i].delete(r);
        } else {
          if (!row.has(i)) rowsWith[i].add(r);
          row.set(i, next);
        }
      }
      rhs[r] = mod(rhs[r] - factor * rhs[pivotRow], p);
    }
    isPivot[pivotRow] = 1;
    pivotRowOf[column] = pivotRow;
  }
  matrix.forEach((row, r) => {
    // A row reduced to nothing with a non-zero right-hand side: the published counts contradict each other.
    if (row.size === 0 && rhs[r] !== 0) throw new Error('deriveTargets: the equations are inconsistent');
  });
  return targets.map((target) => {
    // Residual of the target against the pivot rows: zero everywhere iff it is in their span.
    const residual = new Map<number, number>();
    for (const column of target) residual.set(column, 1);
    let value = 0;
    for (const column of target) {
      const r = pivotRowOf[column];
      if (r < 0) continue;
      for (const [i, x] of matrix[r]) residual.set(i, mod((residual.get(i) ?? 0) - x, p));
      value = (value + rhs[r]) % p;
    }
    for (const x of residual.values()) if (x !== 0) return null;
    return value > p / 2 ? value - p : value;
  });
}

/**
 * The equations plus what a published 0 tells an attacker who knows counts
 * are never negative: each of its atoms is 0.
 */
export function withKnownZeros(equations: readonly Equation[]): Equation[] {
  return [
    ...equations,
    ...equations.filter((equation) => equation.value === 0).flatMap((equation) => equation.atoms.map((atom) => ({ atoms: [atom], value: 0 }))),
  ];
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
    if (unknownLeft[r] === 0 && row.atoms.reduce((sum, a) => sum + known.get(a)!, 0) !== row.value)
      throw new Error('deriveTargets: the equations are inconsistent');
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
      const values = solveModulo(
        p,
        block.rows,
        block.values,
        block.columns.size,
        block.parts.map((part) => part.columns),
      );
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
