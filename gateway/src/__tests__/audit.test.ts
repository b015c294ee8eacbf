import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { loadAuditKey, openStore, storeConfig, type Config } from '@safety-graph/shared';
// The config helper alone: the helpers' index starts whole stacks, which this file never needs.
import { dropTestDatabases, testConfig } from '../../../test/helpers/config';
import {
  AUDIT_GENESIS_HASH,
  AuditEntry,
  AuditHead,
  AuditLog,
  AuditWriteError,
  appendCheckpoint,
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

/** A log in a store of its own, so a test may tamper with it freely (checkpoints only when a test writes them). */
async function freshLog(overrides: NodeJS.ProcessEnv = {}): Promise<AuditLog> {
  const config = testConfig('audit', { AUDIT_CHECKPOINT_INTERVAL_MS: '0', ...overrides });
  const log = await AuditLog.open(config);
  opened.push({ log, config });
  return log;
}

const configOf = (log: AuditLog): Config => opened.find((entry) => entry.log === log)!.config;
/** The key the gateway signs with: its development key file in the test's data folder. */
const keyOf = (log: AuditLog): Buffer => loadAuditKey(configOf(log));
/** What someone who can write the database but lacks the key computes: a well-formed hash under another key. */
const WRONG_KEY = Buffer.from('not the gateway audit key, but 32 bytes or more of it');

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

  it('refuses a value nested too deep with a TypeError, never a stack overflow', () => {
    let deep: unknown = [];
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(() => canonicalJson({ unused: deep })).toThrow(TypeError);
    expect(() => canonicalJson({ unused: deep })).toThrow(/nested deeper than 256 levels/);
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
    for (const row of stored) expect(row.hash).toBe(auditEntryHash(keyOf(log), row));
    expect(await head(log)).toMatchObject({ seq: 12, hash: stored[11].hash });
    expect(await verifyAuditChain(log.store, keyOf(log), { batchSize: 5 })).toEqual({ ok: true, rows: 12, checkpoints: 0 });
    expect(await log.verify()).toEqual({ ok: true, rows: 12, checkpoints: 0 });
    // Under another key every row is refused: the chain is keyed, not plain SHA-256.
    expect(await verifyAuditChain(log.store, WRONG_KEY)).toMatchObject({ ok: false, firstBadSeq: 1 });
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
    const entry = await log.record(
      request(1, { document: undefined, variables: undefined, documentHash: sha256Hex('{ a }'), variablesHash: hashVariables({ a: 1 }) }),
    );
    expect(entry).toMatchObject({ documentHash: sha256Hex('{ a }'), variablesHash: hashVariables({ a: 1 }) });
    await expect(log.record(request(2, { document: undefined, documentHash: '{ person { name } }' }))).rejects.toBeInstanceOf(AuditWriteError);
    await expect(log.record(request(3, { httpStatus: 99 }))).rejects.toBeInstanceOf(AuditWriteError);
    await expect(log.record(request(4, { requestId: '' }))).rejects.toBeInstanceOf(AuditWriteError);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(log.record(request(5, { variables: circular }))).rejects.toBeInstanceOf(AuditWriteError);
    let deep: unknown = {};
    for (let level = 0; level < 5000; level += 1) deep = { deep };
    await expect(log.record(request(6, { variables: { unused: deep } }))).rejects.toBeInstanceOf(AuditWriteError);
    expect(await head(log)).toMatchObject({ seq: 1 });
    expect(await log.verify()).toEqual({ ok: true, rows: 1, checkpoints: 0 });
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
    expect(await log.verify()).toEqual({ ok: true, rows: 1, checkpoints: 0 });
  });

  it('gives 30 concurrent record() calls seq 1..30 with no gap and an intact chain, in a few group commits', async () => {
    const log = await freshLog();
    const committed = async (entry: AuditEntry) => {
      // Each caller is answered only once its own row is committed.
      expect(await log.store.dataSource.getRepository(AuditEntry).countBy({ seq: entry.seq })).toBe(1);
      return entry;
    };
    const written = await Promise.all([...Array(30).keys()].map((index) => log.record(request(index + 1)).then(committed)));
    expect(log.stats).toEqual({ batches: expect.any(Number), rows: 30 });
    expect(log.stats.batches).toBeLessThanOrEqual(3);
    expect(written.map((entry) => entry.seq).sort((a, b) => a - b)).toEqual([...Array(30).keys()].map((index) => index + 1));
    const stored = await rows(log);
    expect(stored.map((row) => row.seq)).toEqual([...Array(30).keys()].map((index) => index + 1));
    expect(new Set(stored.map((row) => row.requestId)).size).toBe(30);
    expect(await log.verify({ batchSize: 7 })).toEqual({ ok: true, rows: 30, checkpoints: 0 });
  });

  // Two gateway instances on one store. On SQLite they are two processes in
  // production; in one process better-sqlite3's synchronous busy wait would
  // block the very event loop that has to finish the other transaction.
  // Each instance chains after the head it last committed, and reads the head under lock when the other moved it.
  (onMysql ? it : it.skip)('serializes two gateway instances writing the same MySQL store (the head row locked)', async () => {
    const first = await freshLog();
    const second = new AuditLog(
      await openStore({ config: storeConfig(configOf(first), 'audit'), entities: auditEntities, migrations: auditMigrations }),
      keyOf(first),
    );
    try {
      for (const wave of [0, 1]) {
        await Promise.all([...Array(40).keys()].map((index) => (index % 2 === 0 ? first : second).record(request(wave * 40 + index + 1))));
      }
      expect((await rows(first)).map((row) => row.seq)).toEqual([...Array(80).keys()].map((index) => index + 1));
      expect(await first.verify()).toEqual({ ok: true, rows: 80, checkpoints: 0 });
    } finally {
      await second.close();
    }
  });
});

describe('verify finds tampering and says which', () => {
  const columns = [
    ['kind', 'intent'],
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
    ['detail', '{"requests":1}'],
  ] as const;

  it('altered: names the row when any one column of it was altered, and passes again once it is put back', async () => {
    const log = await freshLog();
    await recordMany(log, 8);
    const original = (await rows(log))[3];
    const originalRow = await log.store.dataSource.query(`SELECT * FROM audit_entry WHERE seq = 4`);
    for (const [column, value] of columns) {
      await sql(log, `UPDATE "audit_entry" SET "${column}" = ? WHERE "seq" = 4`, [value]);
      const verdict = await log.verify({ batchSize: 3 });
      expect({ column, verdict }).toEqual({
        column,
        verdict: { ok: false, rows: 3, firstBadSeq: 4, tampering: 'altered', reason: expect.stringMatching(/altered/) },
      });
      await sql(log, `UPDATE "audit_entry" SET "${column}" = ? WHERE "seq" = 4`, [originalRow[0][column]]);
    }
    expect(await log.verify()).toEqual({ ok: true, rows: 8, checkpoints: 0 });
    await sql(log, `UPDATE "audit_entry" SET "hash" = ? WHERE "seq" = 4`, [sha256Hex('forged')]);
    expect(await log.verify()).toMatchObject({ ok: false, firstBadSeq: 4 });
    await sql(log, `UPDATE "audit_entry" SET "hash" = ? WHERE "seq" = 4`, [original.hash]);
    await sql(log, `UPDATE "audit_entry" SET "prev_hash" = ? WHERE "seq" = 4`, [AUDIT_GENESIS_HASH]);
    expect(await log.verify()).toMatchObject({ ok: false, firstBadSeq: 4, tampering: 'altered' });
  });

  /** Rewrites rows from..to (and the head) with hashes recomputed under a key that is not the gateway's. */
  async function rechain(log: AuditLog, from: number, change: (row: AuditEntry) => AuditEntry = (row) => row): Promise<void> {
    const stored = await rows(log);
    let previous = from === 1 ? AUDIT_GENESIS_HASH : stored[from - 2].hash;
    for (const row of stored.slice(from - 1)) {
      const forged = { ...change(row), prevHash: previous };
      forged.hash = auditEntryHash(WRONG_KEY, forged);
      await sql(log, `UPDATE "audit_entry" SET "outcome" = ?, "agency_code" = ?, "prev_hash" = ?, "hash" = ? WHERE "seq" = ?`, [
        forged.outcome,
        forged.agencyCode,
        forged.prevHash,
        forged.hash,
        row.seq,
      ]);
      previous = forged.hash;
    }
    await sql(log, `UPDATE "audit_head" SET "hash" = ?`, [previous]);
  }

  it('re-chained: a row altered and every later hash recomputed without the key', async () => {
    const log = await freshLog();
    await recordMany(log, 6);
    await rechain(log, 3, (row) => (row.seq === 3 ? { ...row, outcome: 'OK', agencyCode: 'EDUCATION-IR-10' } : row));
    expect(await log.verify()).toEqual({
      ok: false,
      rows: 2,
      firstBadSeq: 3,
      tampering: 're-chained',
      reason: expect.stringMatching(/rows from 3 on .* without the audit key/),
    });
    const whole = await freshLog();
    await recordMany(whole, 4);
    await rechain(whole, 1);
    expect(await whole.verify()).toMatchObject({ ok: false, rows: 0, firstBadSeq: 1, tampering: 're-chained' });
  });

  it('altered: the last row rewritten with a hash under another key', async () => {
    const log = await freshLog();
    await recordMany(log, 6);
    await rechain(log, 6, (row) => ({ ...row, outcome: 'OK' }));
    expect(await log.verify()).toMatchObject({ ok: false, rows: 5, firstBadSeq: 6, tampering: 'altered' });
  });

  it('deleted: a removed middle row, a removed run, the oldest rows dropped and the rest renumbered', async () => {
    const log = await freshLog();
    await recordMany(log, 10);
    await sql(log, `DELETE FROM "audit_entry" WHERE "seq" = 5`);
    expect(await log.verify({ batchSize: 4 })).toEqual({ ok: false, rows: 4, firstBadSeq: 5, tampering: 'deleted', reason: 'row 5 is missing' });
    await sql(log, `DELETE FROM "audit_entry" WHERE "seq" IN (6, 7, 8)`);
    expect(await log.verify()).toEqual({ ok: false, rows: 4, firstBadSeq: 5, tampering: 'deleted', reason: 'rows 5..8 are missing' });
    const renumbered = await freshLog();
    await recordMany(renumbered, 6);
    await sql(renumbered, `DELETE FROM "audit_entry" WHERE "seq" IN (2, 3)`);
    for (const seq of [4, 5, 6]) await sql(renumbered, `UPDATE "audit_entry" SET "seq" = ? WHERE "seq" = ?`, [seq - 2, seq]);
    await sql(renumbered, `UPDATE "audit_head" SET "seq" = 4`);
    expect(await renumbered.verify()).toEqual({
      ok: false,
      rows: 1,
      firstBadSeq: 2,
      tampering: 'deleted',
      reason: 'row 2 was written as row 4: rows 2..3 deleted and the later rows renumbered',
    });
  });

  it('inserted: a forged row slipped into the middle with the later rows renumbered, or past the head', async () => {
    const log = await freshLog();
    await recordMany(log, 5);
    for (const seq of [5, 4, 3]) await sql(log, `UPDATE "audit_entry" SET "seq" = ? WHERE "seq" = ?`, [seq + 1, seq]);
    const stored = await rows(log);
    const forged = { ...stored[2], seq: 3, requestId: 'slipped-in', prevHash: stored[1].hash };
    await log.store.dataSource.getRepository(AuditEntry).insert({ ...forged, hash: auditEntryHash(WRONG_KEY, forged) });
    await sql(log, `UPDATE "audit_head" SET "seq" = 6`);
    expect(await log.verify()).toEqual({
      ok: false,
      rows: 2,
      firstBadSeq: 3,
      tampering: 'inserted',
      reason: expect.stringMatching(/row 3 was not written by the gateway/),
    });

    const other = await freshLog();
    const [entry] = await recordMany(other, 1);
    const extra = { ...entry, seq: 2, prevHash: entry.hash, requestId: 'slipped-in' };
    await other.store.dataSource.getRepository(AuditEntry).insert({ ...extra, hash: auditEntryHash(keyOf(other), extra) });
    expect(await other.verify()).toMatchObject({ ok: false, firstBadSeq: 2, tampering: 'inserted', reason: expect.stringMatching(/past the head/) });
    await sql(other, `DELETE FROM "audit_head"`);
    expect(await other.verify()).toEqual({ ok: false, rows: 0, firstBadSeq: 0, tampering: 'deleted', reason: 'the audit head row is missing' });
    await expect(other.record(request(3))).rejects.toThrow(/head row is missing/);
  });

  it('reordered: two rows whose contents were swapped', async () => {
    const log = await freshLog();
    await recordMany(log, 8);
    const stored = await rows(log);
    const repository = log.store.dataSource.getRepository(AuditEntry);
    const contentOf = ({ seq: _seq, ...content }: AuditEntry) => content;
    await repository.update({ seq: 3 }, contentOf(stored[5]));
    await repository.update({ seq: 6 }, contentOf(stored[2]));
    expect(await log.verify()).toEqual({
      ok: false,
      rows: 2,
      firstBadSeq: 3,
      tampering: 'reordered',
      reason: 'row 3 holds the row written as 6: rows were reordered',
    });
  });

  it('truncated: the tail removed, with or without the head moved back, caught by the head or by a signed checkpoint', async () => {
    const log = await freshLog();
    await recordMany(log, 10);
    await sql(log, `DELETE FROM "audit_entry" WHERE "seq" >= 8`);
    expect(await log.verify({ batchSize: 3 })).toMatchObject({
      ok: false,
      rows: 7,
      firstBadSeq: 8,
      tampering: 'truncated',
      reason: expect.stringMatching(/rows 8\.\.10 are missing/),
    });

    const anchored = await freshLog();
    await recordMany(anchored, 6);
    await anchored.checkpoint();
    await recordMany(anchored, 2);
    const stored = await rows(anchored);
    // Rows written after the last checkpoint can be cut undetected (the README says so)…
    await sql(anchored, `DELETE FROM "audit_entry" WHERE "seq" >= 7`);
    await sql(anchored, `UPDATE "audit_head" SET "seq" = 6, "hash" = ?`, [stored[5].hash]);
    expect(await anchored.verify()).toEqual({ ok: true, rows: 6, checkpoints: 1 });
    // …but not the rows the checkpoint counted.
    await sql(anchored, `DELETE FROM "audit_entry" WHERE "seq" >= 5`);
    await sql(anchored, `UPDATE "audit_head" SET "seq" = 4, "hash" = ?`, [stored[3].hash]);
    expect(await anchored.verify()).toEqual({
      ok: false,
      rows: 0,
      firstBadSeq: 5,
      tampering: 'truncated',
      reason: expect.stringMatching(/the log ends at row 4 \(4 rows stored\) but the checkpoint of .* counted 6 rows: rows 5\.\.6 are gone/),
    });
  });

  it('checkpoint: a checkpoint line forged or edited without the key, or one naming another head', async () => {
    const log = await freshLog();
    await recordMany(log, 3);
    await log.checkpoint();
    const file = log.settings.checkpointFile!;
    const [line] = readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(line)).toMatchObject({ seq: 3, head: (await head(log)).hash });
    expect(await log.verify()).toEqual({ ok: true, rows: 3, checkpoints: 1 });
    writeFileSync(file, `${line.replace('"seq":3', '"seq":2')}\n`);
    expect(await log.verify()).toEqual({
      ok: false,
      rows: 0,
      firstBadSeq: 0,
      tampering: 'checkpoint',
      reason: "checkpoint line 1 does not carry the audit key's signature",
    });
    writeFileSync(file, `${line}\n`);
    // A checkpoint of the real key that names another head at row 2: the log was re-chained since.
    appendCheckpoint(file, keyOf(log), 2, sha256Hex('another chain'));
    expect(await log.verify()).toMatchObject({ ok: false, firstBadSeq: 2, tampering: 're-chained' });
    appendFileSync(file, 'garbage\n');
    expect(await log.verify()).toMatchObject({ ok: false, tampering: 'checkpoint', reason: 'checkpoint line 3 is not a checkpoint' });
  });

  it('writes checkpoints at the interval and on close, only when the head moved', async () => {
    const log = await freshLog({ AUDIT_CHECKPOINT_INTERVAL_MS: '50' });
    await recordMany(log, 2);
    const file = log.settings.checkpointFile!;
    const lines = () =>
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((text) => JSON.parse(text) as { seq: number });
    for (let waited = 0; waited < 3000; waited += 50) {
      if ((await log.verify()).ok && (await import('node:fs')).existsSync(file) && lines().some((line) => line.seq === 2)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Several intervals pass with the head at 2: no further line (a line at 1 may precede it when an interval fell between the rows).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const atTwo = lines().map((line) => line.seq);
    expect(atTwo[atTwo.length - 1]).toBe(2);
    expect(atTwo.filter((seq) => seq === 2)).toHaveLength(1);
    expect([...atTwo].sort((a, b) => a - b)).toEqual(atTwo);
    await recordMany(log, 1);
    await log.close();
    expect(lines().map((line) => line.seq)).toEqual([...atTwo, 3]);
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

  it('is ready only while a row could be written (a rolled-back write, not a read), and the probe leaves nothing behind', async () => {
    const log = await freshLog();
    await recordMany(log, 2);
    expect(await log.ready()).toBe(true);
    expect(await head(log)).toMatchObject({ seq: 2 });
    expect((await rows(log)).map((row) => row.seq)).toEqual([1, 2]);
    expect(await log.verify()).toMatchObject({ ok: true, rows: 2 });
    await sql(log, `DROP TABLE "audit_entry"`);
    // SELECT 1 still answers; a write does not.
    await log.store.dataSource.query('SELECT 1');
    expect(await log.ready()).toBe(false);
    await log.store.close();
    expect(await log.ready()).toBe(false);
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
    expect(intact.lines).toEqual([{ line: 'audit log intact: 5 rows, no signed checkpoint yet', stream: 'stdout' }]);
    await log.checkpoint();
    const anchored = capture();
    expect(await runAuditVerify(config, anchored.print)).toBe(0);
    expect(anchored.lines).toEqual([{ line: 'audit log intact: 5 rows, 1 signed checkpoint', stream: 'stdout' }]);
    await sql(log, `UPDATE "audit_entry" SET "outcome" = 'OK' WHERE "seq" = 4`);
    const tampered = capture();
    expect(await runAuditVerify(config, tampered.print)).toBe(1);
    expect(tampered.lines).toEqual([{ line: 'audit log TAMPERED (altered) at row 4: hash does not match row 4: the row was altered', stream: 'stdout' }]);
  });

  it('exits 1 under another AUDIT_KEY: the rows and the checkpoints carry the gateway key', async () => {
    const log = await freshLog();
    await recordMany(log, 2);
    await log.checkpoint();
    const output = capture();
    expect(await runAuditVerify({ ...configOf(log), env: { ...configOf(log).env, AUDIT_KEY: WRONG_KEY.toString() } }, output.print)).toBe(1);
    expect(output.lines[0].line).toMatch(/^audit log TAMPERED \(checkpoint\): checkpoint line 1 does not carry/);
  });

  it('needs AUDIT_KEY in production, and takes it from there', () => {
    const production = testConfig('audit', { NODE_ENV: 'production', AUDIT_KEY: '' });
    expect(() => loadAuditKey(production)).toThrow(/AUDIT_KEY is required in production/);
    expect(loadAuditKey({ ...production, env: { ...production.env, AUDIT_KEY: WRONG_KEY.toString() } })).toEqual(WRONG_KEY);
  });

  it('exits 2 with one line when the store cannot be reached, is missing, holds no log or is misconfigured', async () => {
    const cases: [Config, RegExp][] = [
      [testConfig('audit', { DATABASE_URL: 'mysql://root@127.0.0.1:1' }), /^audit store error: .*ECONNREFUSED/],
      [
        testConfig('audit', { DATABASE_URL: '', AUDIT_DATABASE_URL: 'postgres://elsewhere' }),
        /^configuration error: AUDIT_DATABASE_URL must be a mysql:\/\/ URL/,
      ],
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
