import { loadConfig } from '@safety-graph/shared';
// The audit module alone: verifying needs none of the gateway's server code.
import { runAuditVerify } from '@safety-graph/gateway';
import { commandArgs, runCommand } from '../runCommand';

const USAGE = 'usage: npm run audit:verify [-- --batch-size N]';

/**
 * `npm run audit:verify`: walks the gateway's audit log (keyed chain and
 * signed checkpoints) and exits 0 when it is intact, 1 when it was altered,
 * inserted into, cut, reordered, re-chained or truncated (saying which and
 * where), 2 when the configuration or the store is unusable.
 */
async function main(): Promise<number> {
  const args = commandArgs({ options: { 'batch-size': { type: 'string' }, help: { type: 'boolean' } } }, USAGE);
  if (typeof args === 'number') return args;
  const { values } = args;
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)) {
    console.error(`--batch-size must be a whole number from 1 to 100000\n${USAGE}`);
    return 2;
  }
  // A configuration error reaches runCommand, which prints it and exits 2.
  return runAuditVerify(loadConfig(), undefined, { batchSize });
}

runCommand('audit:verify', main, 2);
