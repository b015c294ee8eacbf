import { resolvePeriod, solarMonthRange, solarYearRange, toSolarDate } from '../period';

describe('Solar Hijri periods', () => {
  it('starts each year at Nowruz and ends the day before the next', () => {
    expect(solarYearRange(1403)).toEqual({ from: '2024-03-20', to: '2025-03-20' });
    expect(solarYearRange(1404)).toEqual({ from: '2025-03-21', to: '2026-03-20' });
    expect(solarYearRange(1405)).toEqual({ from: '2026-03-21', to: '2027-03-20' });
  });

  it('gives Esfand 30 days in a leap year (1403) and 29 otherwise (1404)', () => {
    expect(solarMonthRange(1403, 12)).toEqual({ from: '2025-02-19', to: '2025-03-20' });
    expect(solarMonthRange(1404, 12)).toEqual({ from: '2026-02-20', to: '2026-03-20' });
    expect(solarMonthRange(1404, 1)).toEqual({ from: '2025-03-21', to: '2025-04-20' });
    expect(solarMonthRange(1404, 7)).toEqual({ from: '2025-09-23', to: '2025-10-22' });
  });

  it('converts dates at the year boundary', () => {
    expect(toSolarDate('2025-03-20')).toEqual({ year: 1403, month: 12, day: 30 });
    expect(toSolarDate('2025-03-21')).toEqual({ year: 1404, month: 1, day: 1 });
  });
});

describe('resolvePeriod', () => {
  it('takes inclusive dates or one Solar Hijri year', () => {
    expect(resolvePeriod({ from: '2025-01-01', to: '2025-01-31' })).toEqual({ from: '2025-01-01', to: '2025-01-31' });
    expect(resolvePeriod({ solarYear: 1404 })).toEqual(solarYearRange(1404));
  });

  it.each([
    ['neither form', {}],
    ['both forms', { from: '2025-01-01', to: '2025-01-31', solarYear: 1404 }],
    ['only from', { from: '2025-01-01' }],
    ['from after to', { from: '2025-02-01', to: '2025-01-31' }],
    ['longer than ten years', { from: '2010-01-01', to: '2020-01-01' }],
    ['a year out of range', { solarYear: 99 }],
  ])('refuses %s with BAD_USER_INPUT naming the period', (_label, input) => {
    expect(() => resolvePeriod(input, 'period')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    try {
      resolvePeriod(input, 'period');
    } catch (error) {
      expect((error as { extensions: { argumentName: string } }).extensions.argumentName).toMatch(/^period/);
    }
  });

  it('accepts exactly ten years less a day', () => {
    expect(resolvePeriod({ from: '2015-01-01', to: '2024-12-31' })).toEqual({ from: '2015-01-01', to: '2024-12-31' });
  });
});
