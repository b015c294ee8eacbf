import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const STARTUP_TIMEOUT_MS = 180_000;

/** One service of the run: its own `node` process, as deployed. */
export interface ServiceProcess {
  name: string;
  pid: number;
  /** Peak resident memory (VmHWM) of the process and any workers it forked, in MiB. */
  peakRssMiB(): number;
  stop(): Promise<void>;
}

function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    for (const task of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
      children = [...children, Number(task), ...descendants(Number(task))];
    }
  } catch {
    // gone, or no /proc here
  }
  return children;
}

function vmHwmKiB(pid: number): number {
  try {
    const line = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Number(line[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Starts `node <script> [args]` with `env` and waits until `readyUrl` answers
 * 2xx: to a GET, or with `probeHeaders` to a POST of `{ __typename }` (peer
 * gateways have no health route of ours). The last lines of its output are
 * kept for the error when it dies.
 */
export async function startService(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  readyUrl: string,
  cwd: string,
  probeHeaders?: Record<string, string>,
): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      if (process.env.BENCH_VERBOSE) console.log(`[${name}] ${line}`);
    });
  }
  const peaks = new Map<number, number>();
  const sample = () => {
    for (const pid of [child.pid!, ...descendants(child.pid!)]) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, vmHwmKiB(pid)));
  };
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited during start-up:\n${recent.join('\n')}`);
    }
    try {
      const response = await fetch(
        readyUrl,
        probeHeaders
          ? {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...probeHeaders },
              body: '{"query":"{ __typename }"}',
              signal: AbortSignal.timeout(1000),
            }
          : { signal: AbortSignal.timeout(1000) },
      );
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer ${readyUrl} within ${STARTUP_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // Workers forked later would be missed by a single reading at the end.
  const sampler = setInterval(sample, 1000);
  sampler.unref();
  return {
    name,
    pid: child.pid!,
    peakRssMiB: () => {
      sample();
      return Math.round([...peaks.values()].reduce((total, kib) => total + kib, 0) / 1024);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        clearInterval(sampler);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
