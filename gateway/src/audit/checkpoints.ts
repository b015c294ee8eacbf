import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ConfigError, storeConfig, type Config } from '@safety-graph/shared';
import { checkpointMac, type AuditCheckpoint } from './hash';

export interface AuditSettings {
  /** Signed checkpoints are appended here, outside the audit database; null writes none. */
  checkpointFile: string | null;
  /** How often a checkpoint is written (and once more on shutdown); 0 only on shutdown. */
  checkpointIntervalMs: number;
  /** Rows chained and inserted in one transaction at most. */
  maxBatch: number;
}

function whole(config: Config, name: string, fallback: number, min: number, max: number): number {
  const text = config.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}`);
  return value;
}

/**
 * AUDIT_CHECKPOINT_FILE (default `<DATA_DIR>/<audit database>.checkpoints.jsonl`,
 * e.g. `.data/safety_audit.checkpoints.jsonl`: one file per log) and
 * AUDIT_CHECKPOINT_INTERVAL_MS (default 60 s).
 */
export function auditSettings(config: Config): AuditSettings {
  const file = config.env.AUDIT_CHECKPOINT_FILE;
  return {
    checkpointFile: file ? (isAbsolute(file) ? file : resolve(file)) : join(config.dataDir, `${storeConfig(config, 'audit').database}.checkpoints.jsonl`),
    checkpointIntervalMs: whole(config, 'AUDIT_CHECKPOINT_INTERVAL_MS', 60_000, 0, 86_400_000),
    maxBatch: 200,
  };
}

/** Appends one signed line and syncs it to disk; one write of a short line, so writers sharing the file do not interleave. */
export function appendCheckpoint(file: string, key: Uint8Array, seq: number, head: string): AuditCheckpoint {
  const content = { seq, head, at: new Date().toISOString() };
  const checkpoint: AuditCheckpoint = { ...content, mac: checkpointMac(key, content) };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  const descriptor = openSync(file, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  return checkpoint;
}

export type CheckpointReading = { ok: true; checkpoints: (AuditCheckpoint & { line: number })[] } | { ok: false; line: number; reason: string };

/** Every checkpoint of the file, each with a valid signature; the first bad line otherwise. A missing file has none. */
export function readCheckpoints(file: string, key: Uint8Array): CheckpointReading {
  if (!existsSync(file)) return { ok: true, checkpoints: [] };
  const checkpoints: (AuditCheckpoint & { line: number })[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const text = lines[index].trim();
    if (text === '') continue;
    let parsed: Partial<AuditCheckpoint>;
    try {
      parsed = JSON.parse(text) as Partial<AuditCheckpoint>;
    } catch {
      return { ok: false, line: index + 1, reason: 'is not a checkpoint' };
    }
    const { seq, head, at, mac } = parsed;
    if (!Number.isInteger(seq) || typeof head !== 'string' || typeof at !== 'string' || typeof mac !== 'string') {
      return { ok: false, line: index + 1, reason: 'is not a checkpoint' };
    }
    if (checkpointMac(key, { seq: seq!, head, at }) !== mac) return { ok: false, line: index + 1, reason: "does not carry the audit key's signature" };
    checkpoints.push({ seq: seq!, head, at, mac, line: index + 1 });
  }
  return { ok: true, checkpoints };
}
