import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { GraphQLError } from 'graphql';
import { CreateIdempotencyKeys1764000000002, IdempotencyKey, isStorageFailure, openStore, storeConfig, type Config, type Store } from '@safety-graph/shared';
// The config helper alone: the helpers' index starts whole stacks, which this file never needs.
import { dropTestDatabases, testConfig } from '../../../test/helpers/config';

const onMysql = Boolean(process.env.DATABASE_URL);
const opened: { store: Store; config: Config }[] = [];

async function freshStore(config: Config = testConfig('store')): Promise<Store> {
  const store = await openStore({ config: storeConfig(config, 'traffic'), entities: [IdempotencyKey], migrations: [CreateIdempotencyKeys1764000000002] });
  opened.push({ store, config });
  return store;
}

afterAll(async () => {
  for (const { store, config } of opened) {
    await store.close();
    await dropTestDatabases(config);
  }
});

const row = (key: string) => ({ agencyCode: 'POLICE-IR-10', operation: 'test', key, requestHash: 'h', resultId: key, createdAt: '2025-01-01T00:00:00.000Z' });

async function storedKeys(store: Store): Promise<string[]> {
  const rows = await store.dataSource.manager.find(IdempotencyKey, { order: { key: 'ASC' } });
  return rows.map((stored) => stored.key);
}

/** The answer a transaction gave: its value, or the code and retryable flag of its error. */
async function outcome<T>(run: Promise<T>): Promise<{ value?: T; code?: unknown; retryable?: unknown }> {
  try {
    return { value: await run };
  } catch (error) {
    const extensions = error instanceof GraphQLError ? error.extensions : {};
    return { code: extensions.code ?? (error as Error).message, retryable: extensions.retryable };
  }
}

describe('Store', () => {
  it('rolls back a transaction whose work fails and commits the next one', async () => {
    const store = await freshStore();
    await store.transaction((manager) => manager.insert(IdempotencyKey, row('a')));
    await expect(
      store.transaction(async (manager) => {
        await manager.insert(IdempotencyKey, row('b'));
        await manager.insert(IdempotencyKey, row('a'));
      }),
    ).rejects.toThrow();
    await store.transaction((manager) => manager.insert(IdempotencyKey, row('c')));
    expect(await storedKeys(store)).toEqual(['a', 'c']);
    await expect(store.probeWrite()).resolves.toBeUndefined();
  });

  (onMysql ? it : it.skip)('fails a transaction whose connection is killed with a retryable SERVICE_UNAVAILABLE, and the next one is stored', async () => {
    const store = await freshStore();
    const url = new URL(process.env.DATABASE_URL as string);
    const admin = await createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username || 'root'),
      password: decodeURIComponent(url.password),
    });
    try {
      const killed = await outcome(
        store.transaction(async (manager) => {
          await manager.insert(IdempotencyKey, row('killed'));
          const [{ id }] = (await manager.query('SELECT CONNECTION_ID() AS id')) as { id: number }[];
          await admin.query(`KILL CONNECTION ${Number(id)}`);
          await manager.insert(IdempotencyKey, row('after-kill'));
        }),
      );
      expect(killed).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      await store.transaction((manager) => manager.insert(IdempotencyKey, row('next')));
      expect(await storedKeys(store)).toEqual(['next']);
    } finally {
      await admin.end();
    }
  });

  // Root ignores file modes; an immutable file (chattr +i) refuses root too.
  (!onMysql && process.getuid?.() === 0 ? it : it.skip)(
    'does not acknowledge a commit SQLite could not write, and stays usable once the file is writable',
    async () => {
      const config = testConfig('store');
      const store = await freshStore(config);
      const file = join(config.dataDir, `${config.databasePrefix}traffic.sqlite`);
      await store.transaction((manager) => manager.insert(IdempotencyKey, row('before')));
      await store.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
      execFileSync('chattr', ['+i', file, `${file}-wal`]);
      let during: Awaited<ReturnType<typeof outcome>>[];
      let probe: Awaited<ReturnType<typeof outcome>>;
      try {
        during = [
          await outcome(store.transaction((manager) => manager.insert(IdempotencyKey, row('during-1')))),
          await outcome(store.transaction((manager) => manager.insert(IdempotencyKey, row('during-2')))),
        ];
        probe = await outcome(store.probeWrite());
      } finally {
        execFileSync('chattr', ['-i', file, `${file}-wal`]);
      }
      expect(during).toEqual([
        { code: 'SERVICE_UNAVAILABLE', retryable: true },
        { code: 'SERVICE_UNAVAILABLE', retryable: true },
      ]);
      expect(probe).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      await store.transaction((manager) => manager.insert(IdempotencyKey, row('after')));
      await store.close();
      // Reopened: what was acknowledged is there, and only that.
      const reopened = await freshStore(config);
      expect(await storedKeys(reopened)).toEqual(['after', 'before']);
    },
  );

  (onMysql ? it.skip : it)('creates the data directory 0700 and the SQLite files 0600, and narrows wider ones', async () => {
    const config = testConfig('store', {});
    const dataDir = join(config.dataDir, 'nested', 'data');
    const store = await freshStore({ ...config, dataDir, env: { ...config.env, DATA_DIR: dataDir } });
    await store.probeWrite();
    const file = join(dataDir, `${config.databasePrefix}traffic.sqlite`);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const path of [file, `${file}-wal`, `${file}-shm`]) {
      expect(existsSync(path)).toBe(true);
      expect(statSync(path).mode & 0o777).toBe(0o600);
    }
    // Files an earlier version left 0644 in a 0755 directory.
    const oldDir = join(config.dataDir, 'old');
    mkdirSync(oldDir, { mode: 0o755 });
    chmodSync(oldDir, 0o755);
    const oldFile = join(oldDir, `${config.databasePrefix}traffic.sqlite`);
    writeFileSync(oldFile, '', { mode: 0o644 });
    chmodSync(oldFile, 0o644);
    await freshStore({ ...config, dataDir: oldDir });
    expect(statSync(oldDir).mode & 0o777).toBe(0o700);
    expect(statSync(oldFile).mode & 0o777).toBe(0o600);
  });

  it('tells storage failures from errors of the request', async () => {
    const store = await freshStore();
    await store.transaction((manager) => manager.insert(IdempotencyKey, row('dup')));
    const duplicate = await store.transaction((manager) => manager.insert(IdempotencyKey, row('dup'))).catch((error: unknown) => error);
    expect(isStorageFailure(duplicate)).toBe(false);
    expect(duplicate).not.toBeInstanceOf(GraphQLError);
    expect(isStorageFailure({ code: 'ECONNREFUSED', fatal: true })).toBe(true);
    expect(isStorageFailure(new Error('a bug'))).toBe(false);
  });
});
