import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { possibleTypes } from '../apolloClient';

const CLIENT = join(__dirname, '..', '..');
const ROOT = join(CLIENT, '..');

describe('the generated client (client/src/generated)', () => {
  it('is not stale: the committed files are what `npm run codegen -w client` writes from schema/api.graphql now', () => {
    // graphql-codegen --check generates in memory and exits 1 naming any committed file that differs.
    const check = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js'), '--config', 'codegen.ts', '--check'], {
      cwd: CLIENT,
      encoding: 'utf8',
    });
    expect(`${check.stdout}${check.stderr}`).not.toMatch(/stale files/);
    expect(check.status).toBe(0);
  });

  it('exports the same possibleTypes as schema/possible-types.json', () => {
    expect(possibleTypes).toEqual(JSON.parse(readFileSync(join(ROOT, 'schema', 'possible-types.json'), 'utf8')));
  });
});
