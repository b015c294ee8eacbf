import seedrandom from 'seedrandom';
import { Subspace } from '../reporting/subspace';

const e = (i: number, size = 4) => Array.from({ length: size }, (_, j) => (j === i ? 1 : 0));

describe('exact subspaces of Q^n', () => {
  it('spans, sums, intersects and answers membership exactly', () => {
    const a = Subspace.span(4, [e(0), e(1)]);
    const b = Subspace.span(4, [e(1), e(2)]);
    expect(a.intersect(b).equals(Subspace.span(4, [e(1)]))).toBe(true);
    expect(a.plus(b).dimension).toBe(3);
    expect(a.contains([3, -7, 0, 0])).toBe(true);
    expect(a.contains([0, 0, 1, 0])).toBe(false);
    // (1,1,0,0) and (0,1,1,0) meet (1,2,1,0)'s line only: halves, not rounding.
    const c = Subspace.span(4, [
      [1, 1, 0, 0],
      [0, 1, 1, 0],
    ]);
    const d = Subspace.span(4, [
      [1, 2, 1, 0],
      [0, 0, 0, 1],
    ]);
    expect(c.intersect(d).equals(Subspace.span(4, [[1, 2, 1, 0]]))).toBe(true);
    expect(
      c.annihilator().equals(
        Subspace.span(4, [
          [1, -1, 1, 0],
          [0, 0, 0, 1],
        ]),
      ),
    ).toBe(true);
  });

  it('is canonical: the same subspace from any spanning set is the same instance', () => {
    const random = seedrandom('subspace');
    for (let trial = 0; trial < 200; trial += 1) {
      const vectors = Array.from({ length: 1 + Math.floor(random() * 6) }, () => Array.from({ length: 12 }, () => Math.floor(random() * 3)));
      const space = Subspace.span(12, vectors);
      // v0 + 2·v1, v1, v2, … in reverse order spans the same subspace.
      const same = Subspace.span(12, vectors.map((v, i) => (i === 0 && vectors.length > 1 ? v.map((x, j) => x + 2 * vectors[1][j]) : v)).reverse());
      expect(same).toBe(space);
      expect(space.annihilator().annihilator()).toBe(space);
      // dim(U ∩ W) + dim(U + W) = dim U + dim W
      const other = Subspace.span(
        12,
        Array.from({ length: 1 + Math.floor(random() * 8) }, () => Array.from({ length: 12 }, () => Math.floor(random() * 2))),
      );
      expect(space.intersect(other).dimension + space.plus(other).dimension).toBe(space.dimension + other.dimension);
      for (const v of vectors) expect(space.intersect(other).contains(v)).toBe(other.contains(v));
    }
  });
});
