// Starts each `npm run test:faults` with an empty table, in a file of this run's own
// (helpers running the fault tests side by side must not empty each other's table).
const { rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async () => {
  process.env.FAULT_REPORT_FILE ??= join(tmpdir(), `safety-graph-faults-${process.pid}.jsonl`);
  rmSync(process.env.FAULT_REPORT_FILE, { force: true });
};
