import { stringify } from 'csv-stringify/sync';
import { columnsOf } from './flatten';

type Row = Record<string, unknown>;

/**
 * Report rows as CSV, safe to open in a spreadsheet. Any text cell, the header
 * included, that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * (or the full-width `＝ ＋ － ＠`) would run as a formula: an MOU titled
 * `=cmd|' /C calc'!A0` is one (OWASP, CSV injection). csv-stringify's own
 * `escape_formulas` prefixes such a cell with a single quote. It leaves
 * numbers alone: a negative number is not a formula, and it stays a number a
 * spreadsheet can add up; only text starting with `-` is prefixed.
 */
export function toCsv(rows: Row[]): string {
  return stringify(rows, { header: true, columns: columnsOf(rows), escape_formulas: true }).trimEnd();
}
