import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { serviceNodeOptions } from '@safety-graph/shared';

/**
 * The image without a Docker daemon (none can pull images here): the
 * Dockerfile copies every workspace's manifest before `npm ci`, and its build
 * steps, replayed in a temporary directory as Docker would run them, give a
 * tree in which a service starts and the HEALTHCHECK passes.
 */
const ROOT = join(__dirname, '..', '..', '..');
const DOCKERFILE = readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8');

interface Step {
  instruction: string;
  args: string;
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped, per stage. */
function stages(): Step[][] {
  const logical = DOCKERFILE.replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const result: Step[][] = [];
  for (const line of logical) {
    const [, instruction, args] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (instruction.toUpperCase() === 'FROM') result.push([]);
    result[result.length - 1].push({ instruction: instruction.toUpperCase(), args });
  }
  return result;
}

/** The patterns of .dockerignore this test understands; any other form fails the test rather than being ignored. */
function ignoredBy(patterns: string[]): (path: string) => boolean {
  const tests = patterns.map((pattern) => {
    if (/^[\w.-]+$/.test(pattern)) return (path: string) => path === pattern || path.startsWith(`${pattern}/`);
    const nested = /^\*\*\/([\w.-]+)$/.exec(pattern);
    if (nested) return (path: string) => path.split('/').includes(nested[1]);
    const extension = /^\*(\.[\w.-]+)$/.exec(pattern);
    if (extension) return (path: string) => !path.includes('/') && path.endsWith(extension[1]);
    const nestedExtension = /^\*\*\/\*(\.[\w.-]+)$/.exec(pattern);
    if (nestedExtension) return (path: string) => path.endsWith(nestedExtension[1]);
    throw new Error(`.dockerignore pattern the replay does not understand: ${pattern}`);
  });
  return (path) => tests.some((test) => test(path));
}

function copyContext(from: string, to: string, ignored: (path: string) => boolean): void {
  for (const entry of readdirSync(from)) {
    const source = join(from, entry);
    const path = relative(ROOT, source);
    if (ignored(path)) continue;
    if (statSync(source).isDirectory()) {
      mkdirSync(join(to, entry), { recursive: true });
      copyContext(source, join(to, entry), ignored);
    } else cpSync(source, join(to, entry));
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('docker/Dockerfile', () => {
  const [build, runtime] = stages();

  it('copies the manifest of every workspace before npm ci', () => {
    const workspaces = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
    const npmCi = build.findIndex((step) => step.instruction === 'RUN' && /\bnpm ci\b/.test(step.args));
    expect(npmCi).toBeGreaterThan(0);
    const copied = build
      .slice(0, npmCi)
      .filter((step) => step.instruction === 'COPY')
      .flatMap((step) => step.args.split(/\s+/).slice(0, -1));
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']));
    const manifests = copied.filter((path) => path.endsWith('/package.json')).map((path) => path.replace(/\/package\.json$/, ''));
    expect([...manifests].sort()).toEqual([...workspaces].sort());
  });

  /** The runtime stage's `ENV NAME=value …` settings. */
  const runtimeEnv = () =>
    Object.fromEntries(
      runtime
        .filter((step) => step.instruction === 'ENV')
        .flatMap((step) => step.args.split(/\s+/))
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    );

  it('bounds every service heap as `npm start` and the bench do', () => {
    expect(runtimeEnv().NODE_OPTIONS).toBe(serviceNodeOptions(''));
    expect(serviceNodeOptions('')).toMatch(/^--max-old-space-size=\d+$/);
  });

  it('runs as a non-root user with a HEALTHCHECK', () => {
    expect(runtime.some((step) => step.instruction === 'USER' && step.args !== 'root')).toBe(true);
    expect(runtime.some((step) => step.instruction === 'HEALTHCHECK')).toBe(true);
    expect(runtime.some((step) => step.instruction === 'RUN' && /\b(g\+\+|make|python3)\b/.test(step.args))).toBe(false);
  });

  // Replays the build stage: about two minutes (npm ci, tsc, prune), so only on the embedded-store pass of CI.
  const replay = process.env.DATABASE_URL ? it.skip : it;
  replay(
    'builds in a temporary directory by its own steps, and a service of the result starts and passes the HEALTHCHECK',
    async () => {
      const app = mkdtempSync(join(tmpdir(), 'safety-graph-image-'));
      try {
        const ignored = ignoredBy(
          readFileSync(join(ROOT, '.dockerignore'), 'utf8')
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line && !line.startsWith('#')),
        );
        for (const step of build) {
          if (step.instruction === 'COPY') {
            const parts = step.args.split(/\s+/);
            const destination = join(app, parts[parts.length - 1]);
            for (const source of parts.slice(0, -1)) {
              if (source === '.') copyContext(ROOT, app, ignored);
              else {
                mkdirSync(parts[parts.length - 1].endsWith('/') ? destination : join(destination, '..'), { recursive: true });
                cpSync(join(ROOT, source), parts[parts.length - 1].endsWith('/') ? join(destination, source.split('/').pop()!) : destination);
              }
            }
          } else if (step.instruction === 'RUN') {
            // System packages come from the base image's apt; this machine has the compilers already.
            if (/^apt-get /.test(step.args)) continue;
            try {
              execFileSync('sh', ['-c', step.args], { cwd: app, stdio: 'pipe', env: { ...process.env, NODE_ENV: '' } });
            } catch (error) {
              const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
              throw new Error(`RUN ${step.args}\n${stdout?.toString().slice(-3000)}\n${stderr?.toString().slice(-3000)}`);
            }
          }
        }
        // What the runtime stage gets: compiled services and production dependencies, no sources, no dev tools.
        expect(existsSync(join(app, 'gateway', 'dist', 'main.js'))).toBe(true);
        expect(existsSync(join(app, 'subgraphs', 'agencies', 'dist', 'main.js'))).toBe(true);
        expect(existsSync(join(app, 'subgraphs', 'agencies', 'schema.graphql'))).toBe(true);
        expect(existsSync(join(app, 'shared', 'src'))).toBe(false);
        expect(existsSync(join(app, 'node_modules', 'typescript'))).toBe(false);
        expect(existsSync(join(app, 'node_modules', 'jest'))).toBe(false);

        const port = await freePort();
        const env = {
          PATH: process.env.PATH,
          ...runtimeEnv(),
          HOST: '127.0.0.1',
          DATA_DIR: join(app, '.data'),
          AGENCIES_PORT: String(port),
          SEED_IF_EMPTY: 'true',
          SUBGRAPH_SECRET: 'image-test-subgraph-secret-0123456789abcdef',
          PSEUDONYM_KEY: 'image-test-pseudonym-key-0123456789abcdefgh',
        };
        const service = spawn(process.execPath, ['subgraphs/agencies/dist/main.js'], { cwd: app, env });
        let output = '';
        service.stdout.on('data', (chunk) => (output += chunk));
        service.stderr.on('data', (chunk) => (output += chunk));
        try {
          const healthy = async () => {
            try {
              execFileSync(process.execPath, ['docker/healthcheck.js', 'agencies'], { cwd: app, env, stdio: 'pipe' });
              return true;
            } catch {
              return false;
            }
          };
          const deadline = Date.now() + 60_000;
          let ok = false;
          while (!ok && Date.now() < deadline && service.exitCode === null) {
            ok = await healthy();
            if (!ok) await new Promise((resolve) => setTimeout(resolve, 500));
          }
          if (!ok) throw new Error(`the agencies service of the replayed image never became healthy:\n${output}`);
        } finally {
          service.kill('SIGTERM');
        }
        // And the HEALTHCHECK fails when nothing answers.
        expect(() =>
          execFileSync(process.execPath, ['docker/healthcheck.js', 'agencies'], { cwd: app, env: { ...env, AGENCIES_PORT: '1' }, stdio: 'pipe' }),
        ).toThrow();
      } finally {
        rmSync(app, { recursive: true, force: true });
      }
    },
    600_000,
  );
});
