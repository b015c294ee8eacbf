import { deriveTargets, type Equation } from '../helpers/disclosure';

describe('the differencing attacker (deriveTargets)', () => {
  it('derives a difference of two published counts (the issue example: January = 12 − 11)', () => {
    const days = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const january = days('jan', 31);
    const rest = days('rest', 334);
    const equations: Equation[] = [
      { atoms: [...january, ...rest], value: 12 },
      { atoms: [...rest], value: 11 },
    ];
    const attack = deriveTargets(equations, [january, [...january.slice(0, 10)]]);
    expect(attack.tried).toBe(2);
    expect(attack.derived).toEqual([{ target: january, value: 1 }]);
  });

  it('derives with fractional coefficients exactly (a = (ab − bc + ac) / 2)', () => {
    const attack = deriveTargets(
      [
        { atoms: ['a', 'b'], value: 4 },
        { atoms: ['b', 'c'], value: 6 },
        { atoms: ['a', 'c'], value: 8 },
      ],
      [['a'], ['b'], ['c'], ['a', 'b', 'c']],
    );
    expect(attack.derived.map((d) => d.value)).toEqual([3, 1, 5, 9]);
  });

  it('derives nothing that is not in the span, published zeros included', () => {
    const attack = deriveTargets(
      [
        { atoms: ['a', 'b'], value: 5 },
        { atoms: ['c', 'd'], value: 7 },
        { atoms: ['e'], value: 0 },
      ],
      [['a'], ['c'], ['a', 'c'], ['b', 'e'], ['e'], ['a', 'b', 'e']],
    );
    expect(attack.derived).toEqual([
      { target: ['e'], value: 0 },
      { target: ['a', 'b', 'e'], value: 5 },
    ]);
  });

  it("uses a contributor's own records as equations on its atoms (11 published, 8 own: others made 3)", () => {
    const equations: Equation[] = [
      { atoms: ['kashan:police', 'kashan:health'], value: 11 },
      { atoms: ['kashan:police'], value: 8 },
    ];
    expect(deriveTargets(equations, [['kashan:health']]).derived).toEqual([{ target: ['kashan:health'], value: 3 }]);
  });

  it('refuses inconsistent equations instead of answering', () => {
    expect(() =>
      deriveTargets(
        [
          { atoms: ['a'], value: 1 },
          { atoms: ['a'], value: 2 },
        ],
        [['a']],
      ),
    ).toThrow(/inconsistent/);
    expect(() =>
      deriveTargets(
        [
          { atoms: ['a', 'b'], value: 1 },
          { atoms: ['c', 'd'], value: 2 },
          { atoms: ['a', 'b', 'c', 'd'], value: 4 },
        ],
        [['a']],
      ),
    ).toThrow(/inconsistent/);
  });

  it('stays fast on day-level atoms of 478 counties over five years (compression)', () => {
    const counties = Array.from({ length: 478 }, (_, c) => `c${c}`);
    const atoms = (county: string, from: number, to: number) => Array.from({ length: to - from }, (_, d) => `${county}:${from + d}`);
    const equations: Equation[] = [];
    const targets: string[][] = [];
    for (const county of counties) {
      for (let month = 0; month < 60; month += 1) equations.push({ atoms: atoms(county, month * 30, month * 30 + 30), value: 2 });
      equations.push({ atoms: atoms(county, 0, 1800), value: 120 });
      targets.push(atoms(county, 15, 45));
      targets.push(atoms(county, 0, 30));
    }
    const started = Date.now();
    const attack = deriveTargets(equations, targets);
    console.log(`attacker on ${counties.length * 1800} day atoms: ${Date.now() - started} ms`);
    expect(attack.tried).toBe(2 * counties.length);
    expect(attack.derived).toHaveLength(counties.length);
    expect(attack.derived.every((d) => d.value === 2)).toBe(true);
  });
});
