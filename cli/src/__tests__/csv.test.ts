import { parse } from 'csv-parse/sync';
import { toCsv } from '../report/csv';

const roundTrip = (rows: Record<string, unknown>[]) => parse(toCsv(rows), { columns: true, relax_quotes: true }) as Record<string, string>[];

describe('report CSV', () => {
  it('prefixes with a single quote every text cell a spreadsheet would run as a formula', () => {
    const dangerous = ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1', '＝1+1', '＋1', '－1', '＠A1'];
    const [row] = roundTrip([Object.fromEntries(dangerous.map((value, index) => [`c${index}`, value]))]);
    expect(Object.values(row)).toEqual(dangerous.map((value) => `'${value}`));
  });

  it('leaves ordinary text, Persian text and numbers, negative ones included, as they are', () => {
    const csv = toCsv([{ code: 'MOU-IR-10-TRAFFIC-1403', titleFa: 'تفاهم‌نامه ۱۴۰۳', attainment: -0.25, actual: 600, note: 'a = b', empty: null }]);
    expect(csv.split('\n')).toEqual(['code,titleFa,attainment,actual,note,empty', 'MOU-IR-10-TRAFFIC-1403,تفاهم‌نامه ۱۴۰۳,-0.25,600,a = b,']);
  });
});
