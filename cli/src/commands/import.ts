import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { extname } from 'node:path';
import {
  loadConfig,
  loadSecrets,
  openSubgraphStore,
  pseudonymOf,
  referenceAgencies,
  SUBGRAPH_NAMES,
  IMPORT_SOURCE,
  type ImportContext,
  type ImportResult,
  type ImportRowError,
  type SubgraphName,
} from '@safety-graph/shared';
import { AuditLog, describeError } from '@safety-graph/gateway';
import { SUBGRAPHS } from '../subgraphs';
import { commandArgs, runCommand } from '../runCommand';
import { ImportProgress } from './importProgress';
import { applyMapping, MappingError, readMapping, renamedOnly, type Mapping } from './importMapping';
import { RejectFile } from './importRejects';
import { readBatches } from './importReader';

const USAGE =
  'usage: npm run import -- SUBGRAPH FILE --agency CODE [--kind KIND] [--source NAME] [--mapping FILE.yaml|.json] [--dry-run] [--rejects FILE] [--batch-size N] [--delimiter D (, ; tab or |)]   (FILE: .csv with a header row, or .jsonl)';
const BATCH = 500;
const MAX_BATCH = 5000;
/** Refused rows listed on stderr at the end; the reject file has them all, the counts count them all. */
const LISTED_ERRORS = 1000;

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Who ran the import, as the operating system knows them (the audit row's subject). */
function operator(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}

/**
 * `npm run import`: loads an agency system's export into one subgraph's
 * store. Idempotent: a row already imported is skipped, or for kinds that
 * take corrections (crashes) compared and, when it differs, amended. Exit 0 when every row
 * went in (or was already there), 1 when some rows were refused (each named
 * with its line), 2 for a bad command line or an audit log that cannot be
 * written. Each run is written to the gateway's audit log, in its chain: an
 * intent row before the first row is stored (no row is stored if it cannot be
 * written), then a row with the file's SHA-256 and the counts read, inserted,
 * already there and refused.
 */
async function main(): Promise<number> {
  // --help lists every kind each subgraph imports, with its columns.
  const help = [
    USAGE,
    ...SUBGRAPH_NAMES.flatMap((name) =>
      Object.entries(SUBGRAPHS[name].importers ?? {}).map(
        ([kind, importer]) => `  ${name} --kind ${kind}: ${importer.description}\n      columns: ${importer.columns.join(', ')}`,
      ),
    ),
  ].join('\n');
  const args = commandArgs(
    {
      allowPositionals: true,
      options: {
        agency: { type: 'string' },
        kind: { type: 'string' },
        help: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        rejects: { type: 'string' },
        'batch-size': { type: 'string' },
        delimiter: { type: 'string' },
        mapping: { type: 'string' },
        source: { type: 'string' },
      },
    },
    help,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  const [subgraph, file] = positionals;
  if (!subgraph || !(SUBGRAPH_NAMES as readonly string[]).includes(subgraph) || !file) {
    console.error(`name a subgraph (${SUBGRAPH_NAMES.join(', ')}) and a file\n${USAGE}`);
    return 2;
  }
  const importers = SUBGRAPHS[subgraph as SubgraphName].importers ?? {};
  const kinds = Object.keys(importers);
  const kind = values.kind ?? (kinds.length === 1 ? kinds[0] : undefined);
  if (!kind || !importers[kind]) {
    console.error(kinds.length === 0 ? `${subgraph} takes no imports` : `--kind must be one of ${kinds.join(', ')}`);
    return 2;
  }
  if (!existsSync(file) || !['.csv', '.jsonl', '.ndjson'].includes(extname(file).toLowerCase())) {
    console.error(`${file}: no such .csv or .jsonl file`);
    return 2;
  }
  if (!values.agency || !referenceAgencies().some((agency) => agency.code === values.agency)) {
    console.error(`--agency must name a known agency (the one whose export this is)\n${USAGE}`);
    return 2;
  }
  const batchSize = values['batch-size'] === undefined ? BATCH : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH) {
    console.error(`--batch-size must be a whole number from 1 to ${MAX_BATCH}`);
    return 2;
  }
  let mapping: Mapping | undefined;
  if (values.mapping !== undefined) {
    try {
      mapping = readMapping(values.mapping, importers[kind].columns);
    } catch (error) {
      console.error(`--mapping ${values.mapping}: ${(error as Error).message}`);
      return 2;
    }
    if (mapping.kind !== undefined && mapping.kind !== kind) {
      console.error(`--mapping ${values.mapping}: written for --kind ${mapping.kind}, not ${kind}`);
      return 2;
    }
  }
  const source = values.source ?? mapping?.source;
  if (source !== undefined && !IMPORT_SOURCE.test(source)) {
    console.error('--source must be 1 to 40 letters, digits, ".", "_" or "-", starting with a letter or digit');
    return 2;
  }
  let rejects: RejectFile | undefined;
  if (values.rejects !== undefined) {
    try {
      rejects = await RejectFile.open(values.rejects, importers[kind].sensitiveColumns ?? []);
    } catch (error) {
      console.error(`--rejects ${values.rejects}: cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return 2;
    }
  }
  const delimiter = values.delimiter === undefined ? ',' : values.delimiter === 'tab' ? '\t' : values.delimiter;
  if (![',', ';', '\t', '|'].includes(delimiter)) {
    console.error('--delimiter must be one of , ; tab |');
    return 2;
  }
  const dryRun = values['dry-run'] === true;
  const config = loadConfig();
  const { pseudonymKey } = loadSecrets(config);
  const digest = await sha256OfFile(file);
  const run = {
    requestId: randomUUID(),
    agencyCode: values.agency,
    subject: operator(),
    operationName: `import ${subgraph} ${kind}`,
    operationType: 'import',
    documentHash: digest,
  };
  const sensitive = importers[kind].sensitiveColumns ?? [];
  let audit: AuditLog;
  try {
    audit = await AuditLog.open(config);
    await audit.record({ ...run, kind: 'intent', outcome: 'STARTED', httpStatus: 0, durationMs: 0, detail: { subgraph, kind } });
  } catch (error) {
    console.error(`the audit log cannot be written, so nothing was imported: ${describeError(error)}`);
    return 2;
  }
  const startedAt = Date.now();
  // Only the first refused rows are kept to be listed, so that memory stays flat whatever the file.
  const total: ImportResult = { inserted: 0, skipped: 0, errors: [] };
  let read = 0;
  let refused = 0;
  const finish = (outcome: string) =>
    audit.record({
      ...run,
      kind: 'import',
      subgraphs: [subgraph],
      outcome,
      httpStatus: 0,
      durationMs: Date.now() - startedAt,
      detail: {
        subgraph,
        kind,
        ...(source ? { source } : {}),
        dryRun,
        read,
        inserted: total.inserted,
        updated: total.updated ?? 0,
        skipped: total.skipped,
        refused,
      },
    });
  const store = await openSubgraphStore(SUBGRAPHS[subgraph as SubgraphName], config).catch(async (error: unknown) => {
    await finish('INTERNAL_ERROR').catch(() => undefined);
    await audit.close();
    throw error;
  });
  const context: ImportContext = {
    store,
    config,
    agencyCode: values.agency,
    pseudonymize: (nationalId, argument) => pseudonymOf(pseudonymKey, nationalId, argument),
    dryRun,
    source,
  };
  let writing: Promise<void> = Promise.resolve();
  // Whether the batch before found none of its records there (so the next is written without first reading which are); the first batch reads.
  let allNew = false;
  try {
    const input = { bytesRead: 0 };
    const progress = new ImportProgress(statSync(file).size);
    // One batch is written while the next is read, mapped and checked (the file's parsing and the
    // rows' checks overlap the database's work); batches are still written one at a time and in
    // order, so a killed import leaves whole batches, and no more than two batches are held (and
    // one the reader thread parses).
    for await (const batch of readBatches(file, batchSize, input, delimiter)) {
      // Rows that never reach the importer: unreadable JSON, or a cell the mapping cannot convert.
      const early: ImportRowError[] = [];
      const passed: number[] = [];
      batch.rows.forEach((row, index) => {
        if (row.__unreadable) {
          early.push({ line: batch.lines[index], message: 'not a JSON object' });
          return;
        }
        if (mapping) {
          try {
            batch.rows[index] = applyMapping(mapping, row, sensitive);
          } catch (error) {
            if (!(error instanceof MappingError)) throw error;
            early.push({ line: batch.lines[index], argument: error.column, message: error.message });
            // The reject file withholds sensitive columns by our names: rename them at least.
            batch.rows[index] = renamedOnly(mapping, row);
            return;
          }
        }
        passed.push(index);
      });
      const previous = writing;
      const write = async () => {
        // Checks that read nothing run now; the engine reads and writes the store only once the batch before is written (`after`).
        const outcome = await importers[kind]
          .importRows(
            passed.map((index) => batch.rows[index]),
            passed.map((index) => batch.lines[index]),
            { ...context, after: previous, likelyNew: () => allNew },
          )
          .then(
            (result) => ({ result }),
            (error: unknown) => ({ error }),
          );
        // Counted in order, and never before the batch before has settled (its failure is the import's).
        await previous;
        if ('error' in outcome) throw outcome.error;
        const { result } = outcome;
        // The next batch is likely all new when this one found none of its records there.
        allNew = result.skipped === 0 && !result.updated;
        read += batch.rows.length;
        total.inserted += result.inserted;
        total.skipped += result.skipped;
        if (result.updated) total.updated = (total.updated ?? 0) + result.updated;
        const refusedHere = [...early, ...result.errors];
        refused += refusedHere.length;
        total.errors.push(...refusedHere.slice(0, Math.max(0, LISTED_ERRORS - total.errors.length)));
        if (rejects) await rejects.write(refusedHere, batch);
        progress.show({ read, inserted: total.inserted, updated: total.updated ?? 0, unchanged: total.skipped, refused }, input.bytesRead);
      };
      writing = write();
      // Awaited after the next batch is started (or after the last); a failure meanwhile must not count as unhandled.
      writing.catch(() => undefined);
      // At most two batches past the reader: this one checked while the one before is written.
      await previous;
    }
    await writing;
    progress.done();
  } catch (error) {
    // A file that fails to parse while a batch is written: that batch ends first (committed or not), then the store closes.
    await writing.catch(() => undefined);
    await finish('INTERNAL_ERROR').catch(() => undefined);
    await audit.close();
    throw error;
  } finally {
    await store.close();
    await rejects?.close();
  }
  try {
    await finish(refused > 0 ? 'ERRORS' : 'OK');
  } catch (error) {
    console.error(`the rows were imported but the audit log could not record the run's counts: ${describeError(error)}`);
    return 2;
  } finally {
    await audit.close();
  }
  for (const error of total.errors.sort((a, b) => a.line - b.line)) {
    console.error(`line ${error.line}${error.argument ? ` (${error.argument})` : ''}: ${error.message}`);
  }
  if (refused > total.errors.length)
    console.error(`... and ${refused - total.errors.length} more refused rows${rejects ? ` (all in ${values.rejects})` : ' (--rejects FILE lists them all)'}`);
  console.log(
    `${subgraph} ${kind}${source ? ` from ${source}` : ''}${dryRun ? ' (dry run, nothing written)' : ''}: read ${read}, inserted ${total.inserted}, updated ${total.updated ?? 0}, unchanged ${total.skipped}, refused ${refused}, ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
  );
  return refused > 0 ? 1 : 0;
}

runCommand('import', main);
