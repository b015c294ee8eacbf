import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, print, visit } from 'graphql';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURES = join(__dirname, 'fixtures', 'schema-check');
const fixture = (name: string) => join(FIXTURES, name);
const check = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'cli', 'dist', 'commands', 'schema-check.js'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('npm run schema:check', () => {
  it('exits 1 on a breaking change the changelog does not list, and names it', () => {
    const result = check('--base', fixture('base.graphql'), '--schema', fixture('breaking.graphql'), '--changelog', fixture('changelog-unlisted.md'));
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/breaking: .*\[Region\.population\] \(NOT IN THE CHANGELOG\)/);
    expect(result.stderr).toMatch(/Migration:/);
  });

  it('exits 0 when the breaking change is listed under Unreleased with a migration note, and prints the dangerous ones', () => {
    const result = check('--base', fixture('base.graphql'), '--schema', fixture('breaking.graphql'), '--changelog', fixture('changelog-listed.md'));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/breaking: .*\[Region\.population\] \(listed in the changelog\)/);
    // An enum value added to an enum clients switch over is dangerous, not breaking.
    expect(result.stdout).toMatch(/dangerous: .*CITY.*\[RegionKind/);
    expect(result.stdout).toMatch(/1 breaking \(0 not listed\), 1 dangerous/);
  });

  it('exits 1 when the change is listed without a migration note', () => {
    const result = check('--base', fixture('base.graphql'), '--schema', fixture('breaking.graphql'), '--changelog', fixture('changelog-no-migration.md'));
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/LISTED WITHOUT A "Migration:" NOTE/);
  });

  it('exits 0 with nothing to report when the schema did not change', () => {
    const result = check('--base', fixture('base.graphql'), '--schema', fixture('base.graphql'), '--changelog', fixture('changelog-unlisted.md'));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/0 breaking \(0 not listed\), 0 dangerous, 0 safe/);
  });

  it('catches a field removed from the real published schema, against the committed one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-check-'));
    try {
      const changed = join(dir, 'api.graphql');
      const api = readFileSync(join(ROOT, 'schema', 'api.graphql'), 'utf8');
      // Removed through the AST, so that the field goes with its description.
      const withoutEndCursor = print(
        visit(parse(api), {
          FieldDefinition: (field, _key, _parent, _path, ancestors) =>
            field.name.value === 'endCursor' && (ancestors[ancestors.length - 1] as { name?: { value: string } }).name?.value === 'PageInfo' ? null : undefined,
        }),
      );
      expect(withoutEndCursor).not.toBe(api);
      writeFileSync(changed, withoutEndCursor);
      const result = check('--base-ref', 'HEAD', '--schema', changed);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/\[PageInfo\.endCursor\] \(NOT IN THE CHANGELOG\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['an unknown option', ['--bse', 'x']],
    ['a missing file', ['--schema', '/nonexistent/api.graphql']],
    ['an invalid schema', ['--base', fixture('base.graphql'), '--schema', fixture('changelog-listed.md'), '--changelog', fixture('changelog-listed.md')]],
  ])('exits 2 with a clear message for %s', (_label, args) => {
    const result = check(...args);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().length).toBeGreaterThan(0);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
