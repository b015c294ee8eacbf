import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { API_SCHEMA_PATH, REPOSITORY_ROOT } from '../apiSchema';
import { commandArgs, runCommand } from '../runCommand';
import { checkSchemaChange, SchemaCheckInputError, unlistedBreaking } from '../schemaCheck';

const USAGE = 'usage: npm run schema:check -- [--base-ref HEAD | --base FILE] [--schema schema/api.graphql] [--changelog schema/CHANGELOG.md]';
const CHANGELOG_PATH = join(REPOSITORY_ROOT, 'schema', 'CHANGELOG.md');

/**
 * `npm run schema:check`: the published schema against its last committed
 * version. Exit 0 when every breaking change is listed in schema/CHANGELOG.md
 * under the next version with a migration note, 1 when one is not, 2 for bad
 * input. Dangerous changes are printed, never fatal.
 */
async function main(): Promise<number> {
  const args = commandArgs(
    {
      options: {
        'base-ref': { type: 'string' },
        base: { type: 'string' },
        schema: { type: 'string' },
        changelog: { type: 'string' },
        help: { type: 'boolean' },
      },
    },
    USAGE,
  );
  if (typeof args === 'number') return args;
  const { values } = args;
  if (values.base && values['base-ref']) {
    console.error(`--base and --base-ref exclude each other\n${USAGE}`);
    return 2;
  }
  const schemaPath = values.schema ?? API_SCHEMA_PATH;
  const changelogPath = values.changelog ?? CHANGELOG_PATH;
  for (const path of [schemaPath, changelogPath, ...(values.base ? [values.base] : [])]) {
    if (!existsSync(path)) {
      console.error(`no such file: ${path}\n${USAGE}`);
      return 2;
    }
  }
  let baseSdl: string;
  if (values.base) {
    baseSdl = readFileSync(values.base, 'utf8');
  } else {
    const ref = values['base-ref'] ?? 'HEAD';
    const path = relative(REPOSITORY_ROOT, API_SCHEMA_PATH).split('\\').join('/');
    const shown = spawnSync('git', ['show', `${ref}:${path}`], { cwd: REPOSITORY_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (shown.status !== 0) {
      console.log(`schema check: no ${path} at ${ref}, nothing to compare with`);
      return 0;
    }
    baseSdl = shown.stdout;
  }

  let check;
  try {
    check = await checkSchemaChange(baseSdl, readFileSync(schemaPath, 'utf8'), readFileSync(changelogPath, 'utf8'));
  } catch (error) {
    if (error instanceof SchemaCheckInputError) {
      console.error(`schema check: ${error.message}`);
      return 2;
    }
    throw error;
  }
  for (const { change, entry, migrated } of check.breaking) {
    const state = migrated ? 'listed in the changelog' : entry ? 'LISTED WITHOUT A "Migration:" NOTE' : 'NOT IN THE CHANGELOG';
    console.log(`breaking: ${change.message} [${change.path ?? change.type}] (${state})`);
  }
  for (const change of check.dangerous) console.log(`dangerous: ${change.message} [${change.path ?? change.type}]`);
  const unlisted = unlistedBreaking(check);
  console.log(
    `schema check: ${check.breaking.length} breaking (${unlisted.length} not listed), ${check.dangerous.length} dangerous, ${check.safe.length} safe changes`,
  );
  if (unlisted.length > 0) {
    console.error(
      'Breaking changes must be listed in schema/CHANGELOG.md under "## Unreleased" as a bullet naming the path in backticks, with a "Migration:" note for clients.',
    );
    return 1;
  }
  return 0;
}

runCommand('schema:check', main, 2);
