import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { fromSolarDate, isoDate, IMPORT_SOURCE } from '@safety-graph/shared';

// `npm run import -- ... --mapping FILE`: how an agency system's own export
// becomes the rows an importer reads, without rewriting the file by hand.

type Row = Record<string, unknown>;

export interface DateRule {
  /** `solar` (Solar Hijri, the default) or `gregorian`. */
  calendar?: 'solar' | 'gregorian';
  /** The order of the parts: `YMD` (1403/05/12, the default) or `DMY` (12/05/1403). Any of / - . separates them. */
  order?: 'YMD' | 'DMY';
  /** A column holding the time of day (HH:MM or HH:MM:SS); a time may also follow the date in its own cell. */
  time?: string;
  /** Makes the value an instant with this offset (`+03:30`), as occurredAt needs; without it the value is a date. */
  offset?: string;
}

export interface Mapping {
  /** The kind the mapping is written for; checked against --kind. */
  kind?: string;
  /** The agency system the exports come from (`--source` overrides it). */
  source?: string;
  /** Our column: the export's column it is read from. */
  columns?: Record<string, string>;
  /** Our column: a value every row gets. */
  constants?: Record<string, string | number | boolean>;
  /** Our column (or `column[].field` inside a JSON array column): the export's code: our value. */
  values?: Record<string, Record<string, string | number | boolean | null>>;
  /** Our column: how its dates are written. */
  dates?: Record<string, DateRule>;
  /** Our columns whose Persian or Arabic-Indic digits become Latin ones (numbers, codes). */
  digits?: string[];
}

const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;
const SCALAR = { type: ['string', 'number', 'boolean'] } as const;

/** The mapping file's JSON Schema: what a data officer may write, and nothing else. */
export const MAPPING_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: NAME,
    source: { type: 'string', pattern: IMPORT_SOURCE.source },
    columns: { type: 'object', additionalProperties: NAME },
    constants: { type: 'object', additionalProperties: SCALAR },
    values: {
      type: 'object',
      additionalProperties: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] } },
    },
    digits: { type: 'array', items: NAME, uniqueItems: true },
    dates: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          calendar: { enum: ['solar', 'gregorian'] },
          order: { enum: ['YMD', 'DMY'] },
          time: NAME,
          offset: { type: 'string', pattern: '^(Z|[+-](0\\d|1[0-4]):[0-5]\\d)$' },
        },
      },
    },
  },
} as const;

const validateMapping = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile<Mapping>(MAPPING_SCHEMA);

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((error) => {
      const where = error.instancePath || '(top)';
      if (error.keyword === 'additionalProperties') return `${where}: unknown key "${String(error.params.additionalProperty)}"`;
      return `${where} ${error.message ?? 'is invalid'}`;
    })
    .join('; ');
}

/** A mapping file read and checked: its schema, then that it names only our columns. Throws a message for the command line. */
export function readMapping(file: string, columns: readonly string[]): Mapping {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let parsed: unknown;
  try {
    parsed = extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new Error(`is not ${extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!validateMapping(parsed)) throw new Error(describe(validateMapping.errors));
  const mapping = parsed;
  const ours = new Set(columns);
  for (const section of ['columns', 'constants', 'values', 'dates', 'digits'] as const) {
    const targets = section === 'digits' ? (mapping.digits ?? []) : Object.keys(mapping[section] ?? {});
    for (const target of targets) {
      const column = target.replace(/\[\]\..*$/, '');
      if (!ours.has(column)) throw new Error(`${section}.${target}: ${column} is not a column of this kind (${columns.join(', ')})`);
    }
  }
  return mapping;
}

/** A row the mapping could not turn into ours: the column and why (no cell value: it may be a national id). */
export class MappingError extends Error {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super(message);
  }
}

const DIGITS = /[۰-۹٠-٩]/g;
/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits as Latin ones. */
function latinDigits(text: string): string {
  return text.replace(DIGITS, (digit) => {
    const persian = '۰۱۲۳۴۵۶۷۸۹'.indexOf(digit);
    return String(persian >= 0 ? persian : '٠١٢٣٤٥٦٧٨٩'.indexOf(digit));
  });
}

const DATE = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** One date cell as `YYYY-MM-DD`, or an instant `YYYY-MM-DDTHH:MM:SS+03:30` when the rule gives an offset. */
export function convertDate(column: string, value: string, rule: DateRule, timeCell: string | undefined): string {
  const text = latinDigits(value.trim()).replace(/\u200f|\u200e/g, '');
  const match = DATE.exec(text);
  const calendar = rule.calendar ?? 'solar';
  const order = rule.order ?? 'YMD';
  const example = `${calendar === 'solar' ? (order === 'YMD' ? '1403/05/12' : '12/05/1403') : order === 'YMD' ? '2024/08/02' : '02/08/2024'}`;
  if (!match) throw new MappingError(column, `must be a ${calendar === 'solar' ? 'Solar Hijri' : 'Gregorian'} date such as ${example}`);
  const [year, month, day] = (order === 'YMD' ? [match[1], match[2], match[3]] : [match[3], match[2], match[1]]).map(Number);
  const date = calendar === 'solar' ? fromSolarDate(year, month, day) : gregorianDate(year, month, day);
  if (date === null) throw new MappingError(column, `is no ${calendar === 'solar' ? 'Solar Hijri' : 'Gregorian'} date (${example} is one)`);
  if (rule.offset === undefined) return date;
  let time: [number, number, number] = [0, 0, 0];
  if (match[4] !== undefined) time = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
  else if (timeCell !== undefined && timeCell.trim() !== '') {
    const parts = TIME.exec(latinDigits(timeCell.trim()));
    if (!parts) throw new MappingError(rule.time ?? column, 'must be a time of day such as 14:30');
    time = [Number(parts[1]), Number(parts[2]), Number(parts[3] ?? 0)];
  }
  if (time[0] > 23 || time[1] > 59 || time[2] > 59)
    throw new MappingError(match[4] !== undefined ? column : (rule.time ?? column), 'must be a time of day such as 14:30');
  const clock = time.map((part) => String(part).padStart(2, '0')).join(':');
  return `${date}T${clock}${rule.offset === 'Z' ? 'Z' : rule.offset}`;
}

function gregorianDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return isoDate(year, month, day);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function mapValue(column: string, value: unknown, codes: Record<string, unknown>, sensitive: boolean): unknown {
  if (isEmpty(value)) return value;
  const key = typeof value === 'string' ? latinDigits(value.trim()) : String(value);
  if (Object.prototype.hasOwnProperty.call(codes, key)) return codes[key];
  throw new MappingError(column, sensitive ? 'has a code the mapping does not list' : `code ${JSON.stringify(key)} is not in the mapping (values.${column})`);
}

/** The row with the mapping's renames only (a row it refused, for the reject file). */
export function renamedOnly(mapping: Mapping, raw: Row): Row {
  const row: Row = { ...raw };
  for (const [target, from] of Object.entries(mapping.columns ?? {})) {
    delete row[from];
    row[target] = raw[from];
  }
  return row;
}

/**
 * Applies a mapping to one row of the export: renames, then constants, value
 * maps and dates. Columns the mapping does not name pass through unchanged.
 */
export function applyMapping(mapping: Mapping, raw: Row, sensitive: readonly string[]): Row {
  const row: Row = { ...raw };
  const renames = Object.entries(mapping.columns ?? {});
  for (const [, from] of renames) delete row[from];
  for (const [target, from] of renames) row[target] = raw[from];
  for (const [target, value] of Object.entries(mapping.constants ?? {})) row[target] = value;
  for (const [target, codes] of Object.entries(mapping.values ?? {})) {
    const nested = /^(.+)\[\]\.(.+)$/.exec(target);
    if (!nested) {
      row[target] = mapValue(target, row[target], codes, sensitive.includes(target));
      continue;
    }
    // A field of each object of a JSON array column (persons[].injury): the array as JSON Lines gives it, or as JSON text in a CSV cell.
    const [, column, field] = nested;
    const cell = row[column];
    if (isEmpty(cell)) continue;
    let items: unknown;
    try {
      items = typeof cell === 'string' ? JSON.parse(cell) : cell;
    } catch {
      continue; // the importer names the column
    }
    if (!Array.isArray(items)) continue;
    const mapped = items.map((item, index) =>
      item && typeof item === 'object' && !Array.isArray(item) && field in item
        ? { ...item, [field]: mapValue(`${column}[${index}].${field}`, (item as Row)[field], codes, false) }
        : item,
    );
    row[column] = typeof cell === 'string' ? JSON.stringify(mapped) : mapped;
  }
  for (const target of mapping.digits ?? []) {
    if (typeof row[target] === 'string') row[target] = latinDigits(row[target]);
  }
  for (const [target, rule] of Object.entries(mapping.dates ?? {})) {
    const value = row[target];
    if (isEmpty(value)) continue;
    const timeCell = rule.time === undefined ? undefined : raw[rule.time];
    row[target] = convertDate(target, String(value), rule, timeCell === undefined || timeCell === null ? undefined : String(timeCell));
  }
  return row;
}
