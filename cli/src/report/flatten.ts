type Row = Record<string, unknown>;

const isScalarList = (value: unknown[]) => value.every((item) => item === null || typeof item !== 'object');

/**
 * Turns a GraphQL answer into table rows: nested objects become dotted
 * columns, a list of objects becomes one row each, lists side by side of the
 * same length (series of one period) are zipped row by row, lists of scalars
 * are joined into one cell.
 */
export function flatten(value: unknown, prefix = ''): Row[] {
  if (Array.isArray(value)) {
    if (isScalarList(value)) return [{ [prefix]: value.join(';') }];
    return value.flatMap((item) => flatten(item, prefix));
  }
  if (value === null || typeof value !== 'object') return [{ [prefix]: value }];
  const name = (key: string) => (prefix ? `${prefix}.${key}` : key);
  const scalars: Row = {};
  const nested: Row[][] = [];
  const lists: Row[][] = [];
  for (const [key, child] of Object.entries(value as Row)) {
    if (Array.isArray(child) && !isScalarList(child)) lists.push(flatten(child, name(key)));
    else if (child !== null && typeof child === 'object' && !Array.isArray(child)) nested.push(flatten(child, name(key)));
    else Object.assign(scalars, flatten(child, name(key))[0]);
  }
  let rows: Row[] = [scalars];
  for (const group of nested) rows = rows.flatMap((row) => group.map((part) => ({ ...row, ...part })));
  if (lists.length > 0) {
    const zippable = lists.every((list) => list.length === lists[0].length);
    if (zippable) {
      const zipped = lists[0].map((_, index) => Object.assign({}, ...lists.map((list) => list[index])) as Row);
      rows = rows.flatMap((row) => zipped.map((part) => ({ ...row, ...part })));
    } else {
      for (const list of lists) rows = rows.flatMap((row) => list.map((part) => ({ ...row, ...part })));
    }
  }
  return rows;
}

export function columnsOf(rows: Row[]): string[] {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return columns;
}

const cell = (value: unknown) => (value === null || value === undefined ? '—' : String(value));

/** A plain aligned text table, numbers right-aligned. */
export function toTable(rows: Row[]): string {
  const columns = columnsOf(rows);
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row[column]).length)));
  const line = (values: string[], numeric: boolean[]) =>
    values
      .map((value, index) => (numeric[index] ? value.padStart(widths[index]) : value.padEnd(widths[index])))
      .join('  ')
      .trimEnd();
  const numeric = columns.map((column) => rows.every((row) => row[column] === null || row[column] === undefined || typeof row[column] === 'number'));
  return [
    line(
      columns,
      columns.map(() => false),
    ),
    line(
      widths.map((width) => '-'.repeat(width)),
      columns.map(() => false),
    ),
    ...rows.map((row) =>
      line(
        columns.map((column) => cell(row[column])),
        numeric,
      ),
    ),
  ].join('\n');
}
