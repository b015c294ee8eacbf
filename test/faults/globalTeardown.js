// Prints what the fault and load tests reported, as two tables.
const { existsSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

function table(rows, columns) {
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column] ?? '—').length)));
  const line = (cells) => `| ${cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`;
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((row) => line(columns.map((c) => row[c] ?? '—')))].join('\n');
}

module.exports = async () => {
  const file = process.env.FAULT_REPORT_FILE ?? join(tmpdir(), 'safety-graph-faults.jsonl');
  const rows = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];
  const faults = rows.filter((row) => row.type === 'fault');
  const loads = rows.filter((row) => row.type === 'load');
  process.stdout.write('\n== Faults injected\n');
  process.stdout.write(`${table(faults, ['store', 'fault', 'acknowledged', 'stored', 'duplicates', 'auditRows', 'answered', 'unaudited'])}\n`);
  process.stdout.write("\n== One agency flat out, another agency's light query\n");
  process.stdout.write(`${table(loads, ['scenario', 'lightP99AloneMs', 'lightP99UnderLoadMs', 'lightFailures', 'heavyAnswered', 'heavyRefused', 'ratio'])}\n`);
};
