import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files an operator deploys from say the same as the code: every variable
 * the code reads is in the README's configuration table, every value compose
 * interpolates is explained in docker/.env.example, and the Kubernetes
 * manifests name every Secret key they use.
 */
const ROOT = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === '__tests__' || name === 'node_modules' || name === 'dist') return [];
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Variable names read literally: env.NAME, env['NAME'], and the config helpers that take a name. */
function variablesRead(): Set<string> {
  const names = new Set<string>();
  const dirs = ['shared/src', 'gateway/src', 'cli/src', ...readdirSync(join(ROOT, 'subgraphs')).map((name) => `subgraphs/${name}/src`)];
  const patterns = [
    /\benv\.([A-Z][A-Z0-9_]+)/g,
    /\benv\[\s*'([A-Z][A-Z0-9_]+)'\s*\]/g,
    /\b(?:integer|databaseUrl|serviceUrl|requiredSecret|duration\w*)\(\s*\w+,\s*'([A-Z][A-Z0-9_]+)'/g,
    /\bAUTH_[A-Z_]+\b/g,
  ];
  for (const file of dirs.flatMap(sources)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) names.add(match[1] ?? match[0]);
  }
  return names;
}

describe('the README configuration table', () => {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5));

  it('names every variable the code reads', () => {
    const read = [...variablesRead()];
    expect(read).toEqual(expect.arrayContaining(['SEED_IF_EMPTY', 'HOST', 'SHUTDOWN_TIMEOUT_MS', 'AUTH_JWKS_FILE']));
    const documented = (name: string) => {
      if (section.includes(`\`${name}\``)) return true;
      // `GRAPHQL_MAX_DEPTH`, `_ALIASES`, …: one row for a family.
      const family = /^(GRAPHQL_MAX)(_[A-Z]+)$/.exec(name);
      return family !== null && section.includes(`\`${family[2]}\``) && section.includes(`\`${family[1]}_`);
    };
    expect(read.filter((name) => !documented(name))).toEqual([]);
  });
});

describe('docker/docker-compose.yml and docker/.env.example', () => {
  const compose = read('docker/docker-compose.yml');
  const example = read('docker/.env.example');

  it('explains every value compose interpolates, and commits none of the required ones', () => {
    const interpolated = [...new Set([...compose.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((match) => match[1]))];
    expect(interpolated.length).toBeGreaterThan(5);
    expect(interpolated.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example))).toEqual([]);
    const required = [...compose.matchAll(/\$\{([A-Z][A-Z0-9_]*):\?/g)].map((match) => match[1]);
    expect(required).toEqual(expect.arrayContaining(['SUBGRAPH_SECRET', 'PSEUDONYM_KEY', 'AUDIT_KEY', 'AUTH_ISSUER', 'MYSQL_ROOT_PASSWORD']));
    for (const name of required) expect(example).toMatch(new RegExp(`^${name}=$`, 'm'));
  });

  it('keeps the env file and the deployment keys out of git', () => {
    const ignored = read('.gitignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['docker/.env', 'docker/keys/']));
  });

  it('gives the gateway the public JWKS only', () => {
    expect(compose).toMatch(/AUTH_JWKS_FILE: \$\{AUTH_JWKS_FILE-\/run\/secrets\/jwks\}/);
    expect(compose).toMatch(/file: \$\{AUTH_JWKS_PATH:-\.\/keys\/jwks\.json\}/);
    expect(compose).not.toMatch(/signing-key/);
  });
});

describe('docker/k8s/safety-graph.yaml', () => {
  const manifest = read('docker/k8s/safety-graph.yaml');
  const header = manifest.slice(0, manifest.indexOf('---'));
  const documents = manifest.split(/^---$/m);

  it('names every Secret key it references in the kubectl commands of its header, with no value committed', () => {
    const references = [
      ...[...manifest.matchAll(/secretKeyRef: \{ name: ([\w-]+), key: ([\w.-]+) \}/g)].map((match) => [match[1], match[2]]),
      ...[...manifest.matchAll(/secretName: ([\w-]+)\n\s+items: \[\{ key: ([\w.-]+)/g)].map((match) => [match[1], match[2]]),
    ];
    expect(references.length).toBeGreaterThan(10);
    for (const [name, key] of references) {
      const command = header.slice(header.indexOf(`create secret generic ${name} `));
      expect(header).toContain(`create secret generic ${name} `);
      expect(command).toMatch(new RegExp(`--from-(literal|file)=${key.replace('.', '\\.')}=`));
    }
    expect(manifest).not.toMatch(/^kind: Secret$/m);
  });

  it('makes subgraphs ready on /ready, live on /health, and reachable from the gateway only', () => {
    for (const [index, name] of ['agencies', 'agreements', 'traffic', 'addiction', 'divorce'].entries()) {
      const deployment = documents.find((document) => /kind: Deployment/.test(document) && document.includes(`name: ${name}\n`))!;
      expect(deployment).toContain(`readinessProbe:\n            httpGet: { path: /ready, port: ${4001 + index} }`);
      expect(deployment).toContain(`livenessProbe:\n            httpGet: { path: /health, port: ${4001 + index} }`);
    }
    const policy = documents.find((document) => /kind: NetworkPolicy/.test(document))!;
    expect(policy).toMatch(/values: \[agencies, agreements, traffic, addiction, divorce\]/);
    expect(policy).toMatch(/policyTypes: \[Ingress\]/);
    expect(policy).toMatch(/- from:\n\s+- podSelector:\n\s+matchLabels: \{ app\.kubernetes\.io\/name: gateway \}/);
  });
});
