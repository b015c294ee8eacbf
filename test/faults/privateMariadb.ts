import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A MariaDB server of the test's own (its own data directory and port), so
 * that it can be stopped and started again without touching the shared one.
 */
export class PrivateMariadb {
  readonly dir = mkdtempSync(join(tmpdir(), 'safety-graph-mariadb-'));
  private child: ChildProcess | undefined;
  private constructor(
    readonly port: number,
    private readonly options: string[],
  ) {}

  /** `options`: more server options, e.g. `--local-infile=0`. */
  static async create(options: string[] = []): Promise<PrivateMariadb> {
    const server = new PrivateMariadb(await freePort(), options);
    execFileSync(
      'mariadb-install-db',
      ['--no-defaults', `--datadir=${join(server.dir, 'data')}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'],
      { stdio: 'ignore' },
    );
    await server.start();
    return server;
  }

  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}`;
  }

  /** Starts the server and waits until it takes connections. */
  async start(): Promise<void> {
    this.child = spawn(
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        `--port=${this.port}`,
        `--socket=${join(this.dir, 'mariadb.sock')}`,
        `--pid-file=${join(this.dir, 'mariadb.pid')}`,
        '--user=root',
        '--skip-networking=0',
        '--bind-address=127.0.0.1',
        '--innodb-buffer-pool-size=64M',
        '--skip-log-bin',
        ...this.options,
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const connection = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
        await connection.end();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** SIGTERM (a clean shutdown, as an orchestrator restarting it sends), and waits for the process to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
