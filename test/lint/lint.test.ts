import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npm run lint` (eslint.config.mjs) as CI runs it: the layering's import
 * rules and the published schema's descriptions. Each case lints source given
 * on stdin as if it were the named file, so the rules are shown to fire.
 */
const ROOT = join(__dirname, '..', '..');
const ESLINT = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

function lint(filePath: string, source: string): { status: number | null; rules: string[]; messages: string[] } {
  const result = spawnSync(process.execPath, [ESLINT, '--format', 'json', '--stdin', '--stdin-filename', filePath], {
    cwd: ROOT,
    input: source,
    encoding: 'utf8',
  });
  const [report] = JSON.parse(result.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return {
    status: result.status,
    rules: report.messages.map((message) => message.ruleId ?? 'parse'),
    messages: report.messages.map((message) => message.message),
  };
}

describe('npm run lint', () => {
  it('refuses a subgraph importing another subgraph or the gateway, by name or by path', () => {
    const result = lint(
      'subgraphs/traffic/src/probe.ts',
      `import { agencies } from '@safety-graph/agencies';\nimport { startGateway } from '@safety-graph/gateway';\n` +
        `import { Region } from '../../agencies/src/resolvers/Region';\nexport const probe = [agencies, startGateway, Region];\n`,
    );
    expect(result.status).toBe(1);
    expect(result.rules).toEqual(Array(3).fill('@typescript-eslint/no-restricted-imports'));
  });

  it('lets a subgraph import shared code and its own modules', () => {
    const result = lint(
      'subgraphs/traffic/src/probe.ts',
      `import { regionId } from '@safety-graph/shared';\nimport { resolvers } from './resolvers';\nexport const probe = [regionId, resolvers];\n`,
    );
    expect(result).toMatchObject({ status: 0, rules: [] });
  });

  it('refuses shared/ importing a service, and a test importing a build output', () => {
    const shared = lint('shared/src/probe.ts', `import { traffic } from '@safety-graph/traffic';\nexport const probe = [traffic];\n`);
    expect(shared.status).toBe(1);
    expect(shared.messages.join('\n')).toMatch(/shared\/ imports no service/);
    const test = lint('test/e2e/probe.test.ts', `import { startGateway } from '../../gateway/dist/server';\nexport const probe = [startGateway];\n`);
    expect(test.status).toBe(1);
    expect(test.messages.join('\n')).toMatch(/never dist\//);
  });

  it('requires a description on every element of the published schema', () => {
    const undescribed = lint(
      'schema/api.graphql',
      `"A region."\ntype Region {\n  "Its id."\n  id: ID!\n  stats(period: String): Int\n}\n\nenum Kind {\n  "Described."\n  A\n  B\n}\n`,
    );
    expect(undescribed.status).toBe(1);
    expect(undescribed.messages).toEqual([
      expect.stringMatching(/field "stats"/),
      expect.stringMatching(/input value "period"/),
      expect.stringMatching(/enum "Kind"/),
      expect.stringMatching(/enum value "B"/),
    ]);
  });
});
