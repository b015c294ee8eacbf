import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

it('keeps the committed resolver types what `npm run codegen:resolvers` writes from the subgraph schemas now', () => {
  // graphql-codegen --check generates in memory and exits 1 naming any committed file that differs.
  const check = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js'), '--config', 'codegen.resolvers.ts', '--check'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  expect(`${check.stdout}${check.stderr}`).not.toMatch(/stale files/);
  expect(check.status).toBe(0);
}, 60_000);
