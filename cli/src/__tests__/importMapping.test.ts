import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropTestDatabases, testConfig } from '@safety-graph/test-helpers';

// --mapping through the command line: what a data officer sees when a mapping or a legacy value is wrong.

const ROOT = join(__dirname, '..', '..', '..');
const config = testConfig('importmapping');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'cli', 'dist', 'commands', 'import.js'), ...args], {
    env: { ...config.env, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 120_000,
  });

afterAll(() => dropTestDatabases(config));

const EXPORT = [
  'شماره,تاریخ,کد_تخلف,شهرستان',
  'V-1,۱۴۰۴/۰۵/۱۲ ۰۸:۴۵,1,IR-10-12', // fine: Solar Hijri, Persian digits, time in the cell
  'V-2,1404/12/30 10:00,1,IR-10-12', // 30 Esfand 1404: 1404 is a common year
  'V-3,1404/05/13 09:00,9,IR-10-12', // a code the mapping does not list
  'V-4,1404/05/13 25:00,2,IR-10-12', // no such time
].join('\n');
const MAPPING = `kind: violations
columns: { externalId: شماره, occurredAt: تاریخ, type: کد_تخلف, regionCode: شهرستان }
values: { type: { "1": SPEEDING, "2": RED_LIGHT } }
dates: { occurredAt: { calendar: solar, offset: "+03:30" } }
`;

describe('npm run import --mapping', () => {
  it('converts Solar Hijri dates and legacy codes, and refuses by line and column what it cannot convert (exit 1), writing the reject file', () => {
    const file = join(config.dataDir, 'legacy.csv');
    const mapping = join(config.dataDir, 'mapping.yaml');
    const rejects = join(config.dataDir, 'rejects.csv');
    writeFileSync(file, `${EXPORT}\n`);
    writeFileSync(mapping, MAPPING);
    const result = run('traffic', file, '--agency', 'POLICE-IR-10-12', '--kind', 'violations', '--mapping', mapping, '--rejects', rejects, '--source', 'TABLO');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('traffic violations from TABLO: read 4, inserted 1, updated 0, unchanged 0, refused 3');
    expect(result.stderr.trim().split('\n')).toEqual([
      'line 3 (occurredAt): is no Solar Hijri date (1403/05/12 is one)',
      'line 4 (type): code "9" is not in the mapping (values.type)',
      'line 5 (occurredAt): must be a time of day such as 14:30',
    ]);
    expect(readFileSync(rejects, 'utf8').split('\n')[1]).toBe('3,occurredAt: is no Solar Hijri date (1403/05/12 is one),"V-2,1404/12/30 10:00,1,IR-10-12"');
  });

  it('exits 2 naming what is wrong with a mapping file: its schema, a column the kind does not have, another kind, a bad --source', () => {
    const file = join(config.dataDir, 'legacy.csv');
    writeFileSync(file, `${EXPORT}\n`);
    const cases: [string, string][] = [
      ['kind: violations\ncolumn: { type: x }\n', 'unknown key "column"'],
      ['values: { type: { "1": [SPEEDING] } }\n', '/values/type/1 must be string,number,boolean,null'],
      ['dates: { occurredAt: { calendar: julian } }\n', '/dates/occurredAt/calendar must be equal to one of the allowed values'],
      ['columns: { severity: شدت }\n', 'columns.severity: severity is not a column of this kind'],
      ['kind: crashes\n', 'written for --kind crashes, not violations'],
      ['columns: [\n', 'is not YAML'],
    ];
    for (const [text, message] of cases) {
      const mapping = join(config.dataDir, 'bad.yaml');
      writeFileSync(mapping, text);
      const result = run('traffic', file, '--agency', 'POLICE-IR-10-12', '--kind', 'violations', '--mapping', mapping);
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 2, stderr: expect.stringContaining(message) });
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(run('traffic', file, '--agency', 'POLICE-IR-10-12', '--kind', 'violations', '--source', 'a b').status).toBe(2);
  });
});
