import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLog, runAuditVerify } from '@safety-graph/gateway';
import { dropTestDatabases, testConfig } from '@safety-graph/test-helpers';

const ROOT = join(__dirname, '..', '..', '..');
const config = testConfig('importaudit');
const importer = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [join(ROOT, 'cli', 'dist', 'commands', 'import.js'), ...args], {
    cwd: ROOT,
    env: { ...config.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

afterAll(() => dropTestDatabases(config));

interface Row {
  kind: string;
  request_id: string;
  agency_code: string;
  operation_name: string;
  operation_type: string;
  document_hash: string;
  subgraphs: string;
  outcome: string;
  detail: string;
}

async function auditRows(): Promise<Row[]> {
  const log = await AuditLog.open(config, { settings: { checkpointFile: null } });
  try {
    return await log.store.dataSource.query(
      'SELECT kind, request_id, agency_code, operation_name, operation_type, document_hash, subgraphs, outcome, detail FROM audit_entry ORDER BY seq',
    );
  } finally {
    await log.close();
  }
}

describe('npm run import and the audit log', () => {
  it('writes an intent row and a row with the file digest and the counts, in the chain audit:verify checks', async () => {
    const file = join(config.dataDir, 'violations.csv');
    const text = [
      'externalId,occurredAt,regionCode,type',
      'v-1,2025-06-03T22:10:00+03:30,IR-10-12,RED_LIGHT',
      'v-2,2025-06-04T22:10:00+03:30,IR-10-12,SPEEDING',
      'v-3,2025-06-05T22:10:00+03:30,IR-99-99,SPEEDING',
    ].join('\n');
    writeFileSync(file, `${text}\n`);
    const first = importer(['traffic', file, '--agency', 'POLICE-IR-10-12', '--kind', 'violations']);
    expect({ status: first.status, stderr: first.stderr }).toMatchObject({ status: 1, stderr: expect.stringMatching(/line 4/) });
    const again = importer(['traffic', file, '--agency', 'POLICE-IR-10-12', '--kind', 'violations']);
    expect(again.status).toBe(1);
    const rows = await auditRows();
    const digest = createHash('sha256').update(`${text}\n`).digest('hex');
    expect(
      rows.map(({ kind, agency_code, operation_name, operation_type, document_hash, outcome }) => ({
        kind,
        agency_code,
        operation_name,
        operation_type,
        document_hash,
        outcome,
      })),
    ).toEqual(
      [1, 2].flatMap(() => [
        {
          kind: 'intent',
          agency_code: 'POLICE-IR-10-12',
          operation_name: 'import traffic violations',
          operation_type: 'import',
          document_hash: digest,
          outcome: 'STARTED',
        },
        {
          kind: 'import',
          agency_code: 'POLICE-IR-10-12',
          operation_name: 'import traffic violations',
          operation_type: 'import',
          document_hash: digest,
          outcome: 'ERRORS',
        },
      ]),
    );
    expect(rows[0].request_id).toBe(rows[1].request_id);
    expect(JSON.parse(rows[1].detail)).toEqual({
      subgraph: 'traffic',
      kind: 'violations',
      read: 3,
      inserted: 2,
      updated: 0,
      skipped: 0,
      refused: 1,
      dryRun: false,
    });
    expect(JSON.parse(rows[3].detail)).toEqual({
      subgraph: 'traffic',
      kind: 'violations',
      read: 3,
      inserted: 0,
      updated: 0,
      skipped: 2,
      refused: 1,
      dryRun: false,
    });
    expect(await runAuditVerify(config, () => undefined)).toBe(0);
  });

  it('imports nothing and exits 2 when the audit log cannot be written', () => {
    const file = join(config.dataDir, 'more.csv');
    writeFileSync(file, 'externalId,occurredAt,regionCode,type\nw-1,2025-06-03T22:10:00+03:30,IR-10-12,RED_LIGHT\n');
    const result = importer(['traffic', file, '--agency', 'POLICE-IR-10-12', '--kind', 'violations'], { AUDIT_DATABASE_URL: 'mysql://root@127.0.0.1:1' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^the audit log cannot be written, so nothing was imported: .*ECONNREFUSED/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // Now that it can, the row goes in: it was not imported before.
    const retry = importer(['traffic', file, '--agency', 'POLICE-IR-10-12', '--kind', 'violations']);
    expect(retry.stdout).toMatch(/read 1, inserted 1, updated 0, unchanged 0, refused 0/);
  });
});
