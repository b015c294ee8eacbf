// Starts each `npm run test:faults` with an empty table.
const { rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async () => {
  rmSync(process.env.FAULT_REPORT_FILE ?? join(tmpdir(), 'safety-graph-faults.jsonl'), { force: true });
};
