import { openStore, storeConfig, type Config } from '@safety-graph/shared';
// The config helper alone: the helpers' index starts whole stacks, which this file never needs.
import { dropTestDatabases, testConfig } from '../../../test/helpers/config';
import {
  AUDIT_GENESIS_HASH,
  AuditEntry,
  AuditHead,
  AuditLog,
  AuditWriteError,
  auditEntities,
  auditEntryHash,
  auditMigrations,
  canonicalJson,
  hashVariables,
  runAuditVerify,
  sha256Hex,
  verifyAuditChain,
  type AuditRecordInput,
} from '../audit';

const onMysql = Boolean(process.env.DATABASE_URL);

const opened: { log: AuditLog; config: Config }[] = [];

/** A log in a store of its own, so a test may tamper with it freely. */
async function freshLog(): Promise<AuditLog> {
  const config = testConfig('audit');
  const log = await AuditLog.open(config);
  opened.push({ log, config });
  return log;
}

afterAll(async () => {
  for (const { log, config } of opened) {
    await log.close();
    await dropTestDatabases(config);
  }
});

function request(index: number, overrides: Partial<AuditRecordInput> = {}): AuditRecordInput {
  return {
    requestId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    agencyCode: index % 3 === 0 ? null : 'POLICE-IR-10',
    subject: `liaison-${index}`,
    operationName: `Report${index}`,
    operationType: index % 5 === 0 ? 'mutation' : 'query',
    document: `query Report${index} { regions { code } }`,
    variables: { year: 1403, index },
    subgraphs: ['traffic', 'agencies'],
    outcome: index % 4 === 0 ? 'ERRORS' : 'OK',
    httpStatus: 200,
    durationMs: 10 + index,
    ...overrides,
  };
}

async function recordMany(log: AuditLog, count: number): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (let index = 1; index <= count; index += 1) entries.push(await log.record(request(index)));
  return entries;
}

async function rows(log: AuditLog): Promise<AuditEntry[]> {
  return log.store.dataSource.getRepository(AuditEntry).find({ order: { seq: 'ASC' } });
}

async function head(log: AuditLog): Promise<AuditHead> {
  return log.store.dataSource.getRepository(AuditHead).findOneOrFail({ where: { id: 1 } });
}

/** Raw SQL, as someone with database access would tamper. */
async function sql(log: AuditLog, statement: string, parameters: unknown[] = []): Promise<void> {
  const quoted = statement.replace(/"(\w+)"/g, (_match, name: string) => log.store.dataSource.driver.escape(name));
  await log.store.dataSource.query(quoted, parameters);
}

describe('hashing', () => {
  it('hashes text with SHA-256 and variables by canonical JSON, whatever the key order', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(canonicalJson({ b: [3, { z: 1, a: null }], a: 'x', skipped: undefined })).toBe('{"a":"x","b":[3,{"a":null,"z":1}]}');
    expect(hashVariables({ year: 1403, region: { code: 'IR-10', kind: 'PROVINCE' } })).toBe(
      hashVariables({ region: { kind: 'PROVINCE', code: 'IR-10' }, year: 1403 }),
    );
    expect(hashVariables({ ids: [1, 2] })).not.toBe(hashVariables({ ids: [2, 1] }));
    expect(hashVariables(undefined)).toBeNull();
    expect(hashVariables(null)).toBeNull();
  });
});

describe('the audit log', () => {
  it('chains N records: seq 1..N, each prev_hash the hash before, the head on the last, verify intact across batches', async () => {
    const log = await freshLog();
    const written = await recordMany(log, 12);
    const stored = await rows(log);
    expect(stored.map((row) => row.seq)).toEqual([...Array(12).keys()].map((index) => index + 1));
    expect(stored).toEqual(written.map((entry) => ({ ...entry })));
    expect(stored[0].prevHash).toBe(AUDIT_GENESIS_HASH);
    for (let index = 1; index < stored.length; index += 1) expect(stored[index].prevHash).toBe(stored[index - 1].hash);
    for (const row of stored) expect(row.hash).toBe(auditEntryHash(row));
    expect(await head(log)).toMatchObject({ seq: 12, hash: stored[11].hash });
    expect(await verifyAuditChain(log.store, { batchSize: 5 })).toEqual({ ok: true, rows: 12 });
    expect(await log.verify()).toEqual({ ok: true, rows: 12 });
  });

  it('stores who, what and how it went, but only hashes of the query and of the variables', async () => {
    const log = await freshLog();
    const secret = 'national-id-1234567890';
    const query = 'query Person($id: String!) { person(nationalId: $id) { name } }';
    await log.record(
      request(1, { document: query, variables: { id: secret }, subgraphs: ['traffic', 'agencies', 'traffic'], outcome: 'FORBIDDEN', httpStatus: 200 }),
    );
    const [row] = await rows(log);
    expect(row).toMatchObject({
      seq: 1,
      requestId: '00000000-0000-4000-8000-000000000001',
      agencyCode: 'POLICE-IR-10',
      subject: 'liaison-1',
      operationName: 'Report1',
      operationType: 'query',
      documentHash: sha256Hex(query),
      variablesHash: hashVariables({ id: secret }),
      subgraphs: 'agencies,traffic',
      outcome: 'FORBIDDEN',
      httpStatus: 200,
      durationMs: 11,
    });
    expect(new Date(row.at).toISOString()).toBe(row.at);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain('nationalId');
  });

  it('takes precomputed hashes, and refuses a record that is malformed or cannot be hashed, leaving the chain as it was', async () => {
    const log = await freshLog();
    const entry = await log.record(request(1, { document: undefined, variables: undefined, documentHash: sha256Hex('{ a }'), variablesHash: hashVariables({ a: 1 }) }));
    expect(entry).toMatchObject({ documentHash: sha256Hex('{ a }'), variablesHash: hashVariables({ a: 1 }) });
    await expect(log.record(request(2, { document: undefined, documentHash: '{ person { name } }' }))).rejects.toBeInstanceOf(AuditWriteError);
    await expect(log.record(request(3, { httpStatus: 0 }))).rejects.toBeInstanceOf(AuditWriteError);
    await expect(log.record(request(4, { requestId: '' }))).rejects.toBeInstanceOf(AuditWriteError);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(log.record(request(5, { variables: circular }))).rejects.toBeInstanceOf(AuditWriteError);
    expect(await head(log)).toMatchObject({ seq: 1 });
    expect(await log.verify()).toEqual({ ok: true, rows: 1 });
  });

  it('keeps text that does not fit or that the database would change, so that honest rows still verify', async () => {
    const log = await freshLog();
    const persian = 'پلیس راهور استان اصفهان 🚓 ';
    const entry = await log.record(
      request(1, {
        subject: persian.repeat(20),
        operationName: `bad\u0000name\uD800 and a lone surrogate`,
        agencyCode: 'X'.repeat(100),
        requestId: 'r'.repeat(80),
        durationMs: -3.6,
      }),
    );
    expect(Array.from(entry.subject!)).toHaveLength(200);
    expect(entry.agencyCode).toHaveLength(64);
    expect(entry.requestId).toHaveLength(36);
    expect(entry.durationMs).toBe(0);
    expect(entry.operationName).toBe('bad\uFFFDname\uFFFD and a lone surrogate');
    const [row] = await rows(log);
    expect(row).toEqual({ ...entry });
    expect(await log.verify()).toEqual({ ok: true, rows: 1 });
  });

  it('gives 30 concurrent record() calls seq 1..30 with no gap and an intact chain', async () => {
    const log = await freshLog();
    const written = await Promise.all([...Array(30).keys()].map((index) => log.record(request(index + 1))));
    expect(written.map((entry) => entry.seq).sort((a, b) => a - b)).toEqual([...Array(30).keys()].map((index) => index + 1));
    const stored = await rows(log);
    expect(stored.map((row) => row.seq)).toEqual([...Array(30).keys()].map((index) => index + 1));
    expect(new Set(stored.map((row) => row.requestId)).size).toBe(30);
    expect(await log.verify({ batchSize: 7 })).toEqual({ ok: true, rows: 30 });
  });

  // Two gateway instances on one store. On SQLite they are two processes in
  // production; in one process better-sqlite3's synchronous busy wait would
  // block the very event loop that has to finish the other transaction.
  (onMysql ? it : it.skip)('serializes two gateway instances writing the same MySQL store (FOR UPDATE on the head)', async () => {
    const first = await freshLog();
    const second = new AuditLog(
      await openStore({ config: storeConfig(opened[opened.length - 1].config, 'audit'), entities: auditEntities, migrations: auditMigrations }),
    );
    try {
      await Promise.all(
        [...Array(40).keys()].map((index) => (index % 2 === 0 ? first : second).record(request(index + 1))),
      );
      expect((await rows(first)).map((row) => row.seq)).toEqual([...Array(40).keys()].map((index) => index + 1));
      expect(await first.verify()).toEqual({ ok: true, rows: 40 });
    } finally {
      await second.close();
    }
  });
});

describe('verify finds tampering', () => {
  const columns = [
    ['at', '2020-01-01T00:00:00.000Z'],
    ['request_id', 'forged-request'],
    ['agency_code', 'HEALTH-IR-10'],
    ['subject', 'someone-else'],
    ['operation_name', 'Innocent'],
    ['operation_type', 'mutation'],
    ['document_hash', sha256Hex('{ innocent }')],
    ['variables_hash', null],
    ['subgraphs', 'agencies'],
    ['outcome', 'OK'],
    ['http_status', 201],
    ['duration_ms', 1],
  ] as const;

  it('names the row when any one column of it was altered, and passes again once it is put back', async () => {
    const log = await freshLog();
    await recordMany(log, 8);
    const original = (await rows(log))[3];
    const originalRow = await log.store.dataSource.query(`SELECT * FROM audit_entry WHERE seq = 4`);
    for (const [column, value] of columns) {
      await sql(log, `UPDATE "audit_entry" SET "${column}" = ? WHERE "seq" = 4`, [value]);
      const verdict = await log.verify({ batchSize: 3 });
      expect({ column, verdict }).toEqual({ column, verdict: { ok: false, rows: 3, firstBadSeq: 4, reason: expect.stringMatching(/altered/) } });
      await sql(log, `UPDATE "audit_entry" SET "${column}" = ? WHERE "seq" = 4`, [originalRow[0][column]]);
    }
    expect(await log.verify()).toEqual({ ok: true, rows: 8 });
    await sql(log, `UPDATE "audit_entry" SET "hash" = ? WHERE "seq" = 4`, [sha256Hex('forged')]);
    expect(await log.verify()).toMatchObject({ ok: false, firstBadSeq: 4 });
    await sql(log, `UPDATE "audit_entry" SET "hash" = ? WHERE "seq" = 4`, [original.hash]);
    await sql(log, `UPDATE "audit_entry" SET "prev_hash" = ? WHERE "seq" = 4`, [AUDIT_GENESIS_HASH]);
    expect(await log.verify()).toMatchObject({ ok: false, firstBadSeq: 4, reason: expect.stringMatching(/prev_hash/) });
  });

  async function rewrite(log: AuditLog, seq: number): Promise<void> {
    const row = (await rows(log))[seq - 1];
    const forged = { ...row, outcome: 'OK', agencyCode: 'EDUCATION-IR-10' };
    await sql(log, `UPDATE "audit_entry" SET "outcome" = ?, "agency_code" = ?, "hash" = ? WHERE "seq" = ?`, [
      forged.outcome,
      forged.agencyCode,
      auditEntryHash(forged),
      seq,
    ]);
  }

  it('catches a middle row rewritten with a freshly computed hash at the next row', async () => {
    const log = await freshLog();
    await recordMany(log, 6);
    await rewrite(log, 3);
    expect(await log.verify()).toEqual({ ok: false, rows: 3, firstBadSeq: 4, reason: expect.stringMatching(/prev_hash does not match the hash of row 3/) });
  });

  it('catches the last row rewritten with a freshly computed hash at the head', async () => {
    const log = await freshLog();
    await recordMany(log, 6);
    await rewrite(log, 6);
    expect(await log.verify()).toEqual({ ok: false, rows: 6, firstBadSeq: 6, reason: "the head's hash does not match row 6" });
  });

  it('catches the oldest rows dropped and the rest renumbered', async () => {
    const log = await freshLog();
    await recordMany(log, 6);
    await sql(log, `DELETE FROM "audit_entry" WHERE "seq" <= 3`);
    for (const seq of [4, 5, 6]) await sql(log, `UPDATE "audit_entry" SET "seq" = ? WHERE "seq" = ?`, [seq - 3, seq]);
    expect(await log.verify()).toMatchObject({ ok: false, rows: 0, firstBadSeq: 1 });
  });

  it('names a removed middle row', async () => {
    const log = await freshLog();
    await recordMany(log, 10);
    await sql(log, `DELETE FROM "audit_entry" WHERE "seq" = 5`);
    expect(await log.verify({ batchSize: 4 })).toEqual({ ok: false, rows: 4, firstBadSeq: 5, reason: 'row 5 is missing' });
  });

  it('names a removed first row and a removed run of rows', async () => {
    const log = await freshLog();
    await recordMany(log, 10);
    await sql(log, `DELETE FROM "audit_entry" WHERE "seq" IN (6, 7, 8)`);
    expect(await log.verify()).toEqual({ ok: false, rows: 5, firstBadSeq: 6, reason: 'rows 6..8 are missing' });
    await sql(log, `DELETE FROM "audit_entry" WHERE "seq" = 1`);
    expect(await log.verify()).toMatchObject({ ok: false, rows: 0, firstBadSeq: 1 });
  });

  it('names a removed tail, which would otherwise leave a valid shorter chain', async () => {
    const log = await freshLog();
    await recordMany(log, 10);
    await sql(log, `DELETE FROM "audit_entry" WHERE "seq" = 10`);
    expect(await log.verify({ batchSize: 3 })).toMatchObject({ ok: false, rows: 9, firstBadSeq: 10, reason: expect.stringMatching(/row 10 is missing/) });
    await sql(log, `DELETE FROM "audit_entry" WHERE "seq" >= 8`);
    expect(await log.verify()).toMatchObject({ ok: false, rows: 7, firstBadSeq: 8, reason: expect.stringMatching(/rows 8\.\.10 are missing/) });
    await sql(log, `DELETE FROM "audit_entry"`);
    expect(await log.verify()).toMatchObject({ ok: false, rows: 0, firstBadSeq: 1 });
  });

  it('names the first of two rows whose contents were swapped', async () => {
    const log = await freshLog();
    await recordMany(log, 8);
    const stored = await rows(log);
    const repository = log.store.dataSource.getRepository(AuditEntry);
    const contentOf = ({ seq: _seq, ...content }: AuditEntry) => content;
    await repository.update({ seq: 3 }, contentOf(stored[5]));
    await repository.update({ seq: 6 }, contentOf(stored[2]));
    expect(await log.verify()).toMatchObject({ ok: false, rows: 2, firstBadSeq: 3 });
  });

  it('names a row slipped in past the head, and a missing head', async () => {
    const log = await freshLog();
    const [entry] = await recordMany(log, 1);
    const extra = { ...entry, seq: 2, prevHash: entry.hash, requestId: 'slipped-in' };
    await log.store.dataSource.getRepository(AuditEntry).insert({ ...extra, hash: auditEntryHash(extra) });
    expect(await log.verify()).toMatchObject({ ok: false, firstBadSeq: 2, reason: expect.stringMatching(/past the head/) });
    await sql(log, `DELETE FROM "audit_head"`);
    expect(await log.verify()).toEqual({ ok: false, rows: 0, firstBadSeq: 0, reason: 'the audit head row is missing' });
    await expect(log.record(request(3))).rejects.toThrow(/head row is missing/);
  });
});

describe('a failing store', () => {
  it('makes record() reject, never swallow, and leaves the head where it was', async () => {
    const log = await freshLog();
    await recordMany(log, 2);
    await sql(log, `DROP TABLE "audit_entry"`);
    await expect(log.record(request(3))).rejects.toBeInstanceOf(AuditWriteError);
    expect(await head(log)).toMatchObject({ seq: 2 });
  });

  it('makes record() reject once the store is closed, under the log or by it', async () => {
    const log = await freshLog();
    await recordMany(log, 1);
    await log.store.close();
    await expect(log.record(request(2))).rejects.toThrow(AuditWriteError);
    const other = await freshLog();
    await other.close();
    await expect(other.record(request(1))).rejects.toThrow(/closed/);
  });

  it('rejects on an unreachable MySQL server instead of answering', async () => {
    await expect(AuditLog.open(testConfig('audit', { DATABASE_URL: 'mysql://root@127.0.0.1:1' }))).rejects.toThrow();
  });
});

describe('npm run audit:verify', () => {
  const capture = () => {
    const lines: { line: string; stream: string }[] = [];
    return { lines, print: (line: string, stream: string) => lines.push({ line, stream }) };
  };

  it('exits 0 and counts the rows of an intact log, 1 naming the row of a tampered one', async () => {
    const log = await freshLog();
    await recordMany(log, 5);
    const config = opened[opened.length - 1].config;
    const intact = capture();
    expect(await runAuditVerify(config, intact.print)).toBe(0);
    expect(intact.lines).toEqual([{ line: 'audit log intact: 5 rows', stream: 'stdout' }]);
    await sql(log, `UPDATE "audit_entry" SET "outcome" = 'OK' WHERE "seq" = 4`);
    const tampered = capture();
    expect(await runAuditVerify(config, tampered.print)).toBe(1);
    expect(tampered.lines).toEqual([{ line: 'audit log TAMPERED at row 4: hash does not match the row: the row was altered', stream: 'stdout' }]);
  });

  it('exits 2 with one line when the store cannot be reached, is missing, holds no log or is misconfigured', async () => {
    const cases: [Config, RegExp][] = [
      [testConfig('audit', { DATABASE_URL: 'mysql://root@127.0.0.1:1' }), /^audit store error: .*ECONNREFUSED/],
      [testConfig('audit', { DATABASE_URL: '', AUDIT_DATABASE_URL: 'postgres://elsewhere' }), /^configuration error: AUDIT_DATABASE_URL must be a mysql:\/\/ URL/],
    ];
    if (!onMysql) cases.push([testConfig('audit'), /^audit store error: there is no audit log at .*_audit\.sqlite$/]);
    for (const [config, expected] of cases) {
      const output = capture();
      expect(await runAuditVerify(config, output.print)).toBe(2);
      expect(output.lines).toHaveLength(1);
      expect(output.lines[0]).toEqual({ line: expect.stringMatching(expected), stream: 'stderr' });
      expect(output.lines[0].line).not.toMatch(/\n|    at /);
    }
  });

  it('exits 2 when the store holds no audit log tables rather than calling an empty store intact', async () => {
    const log = await freshLog();
    await sql(log, `DROP TABLE "audit_entry"`);
    const output = capture();
    expect(await runAuditVerify(opened[opened.length - 1].config, output.print)).toBe(2);
    expect(output.lines[0].line).toMatch(/holds no audit log tables/);
  });
});

it('has migrations that match its entities exactly', async () => {
  const log = await freshLog();
  const pending = await log.store.dataSource.driver.createSchemaBuilder().log();
  expect(pending.upQueries.map((query) => query.query)).toEqual([]);
});
