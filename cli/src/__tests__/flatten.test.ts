import { columnsOf, flatten, toTable } from '../report/flatten';

describe('report flattening', () => {
  it('turns nested objects into dotted columns and lists into rows', () => {
    const rows = flatten({ region: { code: 'IR-10', trafficStats: { fatalities: 600 }, preventionStats: { suppressed: ['a', 'b'] } } });
    expect(rows).toEqual([{ 'region.code': 'IR-10', 'region.trafficStats.fatalities': 600, 'region.preventionStats.suppressed': 'a;b' }]);
  });

  it('zips series of the same length side by side and repeats the parent in every row', () => {
    const rows = flatten({
      children: [
        {
          code: 'A',
          traffic: [
            { label: 'm1', deaths: 1 },
            { label: 'm2', deaths: 2 },
          ],
          family: [{ sessions: 10 }, { sessions: 20 }],
        },
        {
          code: 'B',
          traffic: [
            { label: 'm1', deaths: 3 },
            { label: 'm2', deaths: 4 },
          ],
          family: [{ sessions: 30 }, { sessions: 40 }],
        },
      ],
    });
    expect(rows).toHaveLength(4);
    expect(rows[1]).toEqual({ 'children.code': 'A', 'children.traffic.label': 'm2', 'children.traffic.deaths': 2, 'children.family.sessions': 20 });
    expect(columnsOf(rows)).toEqual(['children.code', 'children.traffic.label', 'children.traffic.deaths', 'children.family.sessions']);
  });

  it('prints an aligned table with a dash for null', () => {
    const table = toTable([
      { code: 'A', cases: null },
      { code: 'BB', cases: 12 },
    ]).split('\n');
    expect(table[0]).toBe('code  cases');
    expect(table[2]).toBe('A         —');
    expect(table[3]).toBe('BB       12');
  });
});
