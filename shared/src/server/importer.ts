import type { Config } from '../config';
import type { Store } from '../db/store';

/**
 * Loading records exported by an agency's existing system (`npm run import`).
 * Each row carries the agency's own id for it (`externalId`); the record's id
 * is derived from agency, kind and external id, so importing a file twice adds
 * nothing. Every row is validated like the matching mutation; a bad row is
 * reported with its line and written not at all, the others are written.
 */
export interface ImportContext {
  store: Store;
  config: Config;
  /** The agency whose export this is: recorded as the records' recorder/owner. */
  agencyCode: string;
  pseudonymize(nationalId: string, argument?: string): string;
  /**
   * `--dry-run`: what a real run would do, nothing written: every row checked
   * as for real, new records counted inserted, records already there read and
   * compared with the row (updated when it differs, else unchanged; kinds
   * without a comparison count them unchanged).
   */
  dryRun?: boolean;
  /**
   * `--source NAME`: the agency system the export comes from. External ids
   * are unique per agency and source: the same id from two systems of one
   * agency is two records. Absent: the agency's one (default) system.
   */
  source?: string;
  /**
   * Settles when the batch before this one is written (the CLI hands each
   * batch the write of the one before): the engine reads or writes the store
   * only after it, so batches are written one at a time and in order, and a
   * batch whose predecessor failed writes nothing. A batch-mode kind whose
   * checks read nothing (`checksReadNothing`) checks its rows before it, so
   * that those checks overlap the write before.
   */
  after?: Promise<unknown>;
  /**
   * Asked when the batch is written: true when its records are likely all
   * new (the CLI: the batch before found none of its records there). A kind
   * whose writes refuse records already there (`duplicatesRefused`) then
   * skips reading which are there; one that was costs a rolled-back write.
   */
  likelyNew?: () => boolean;
}

export interface ImportRowError {
  /** 1-based line of the file (the CSV header is line 1). */
  line: number;
  argument?: string;
  message: string;
}

export interface ImportResult {
  inserted: number;
  /** Rows whose record was already there (an earlier import) and identical to it ("unchanged"), or, for kinds that take no corrections, uncompared. */
  skipped: number;
  /** Rows that corrected a record already there, through the amend mutation's rules (absent when none did). */
  updated?: number;
  errors: ImportRowError[];
}

export interface Importer {
  description: string;
  /** The columns (CSV) or keys (JSON Lines) a row has; `externalId` always among them. */
  columns: string[];
  /** Columns never to be copied to a reject file nor a log (national ids): a refused row is then written without them. */
  sensitiveColumns?: string[];
  /** Validates and writes one batch; `lines[i]` is the file line of `rows[i]`. */
  importRows(rows: Record<string, unknown>[], lines: number[], context: ImportContext): Promise<ImportResult>;
}
