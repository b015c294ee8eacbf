import type { Config } from '../config';
import { ConfigError } from '../config';
import { createLogger, type Logger } from '../logger';

export interface Stoppable {
  stop(): Promise<void>;
}

/** After the shutdown bound, what closing the pools may still take before the process exits anyway. */
const STOP_GRACE_MS = 750;

/**
 * Runs a service as its own process: starts it, stops it cleanly on SIGINT or
 * SIGTERM (requests in flight finish within SHUTDOWN_TIMEOUT_MS, then the
 * connections and the pools are closed: exit 0), and turns a startup failure
 * into one log line and exit code 1.
 */
export function runProcess(name: string, source: Config | (() => Config), start: (config: Config) => Promise<Stoppable>): void {
  let config: Config;
  try {
    config = typeof source === 'function' ? source() : source;
  } catch (error) {
    reportStartFailure(createLogger(name, 'info'), error);
    process.exit(1);
  }
  const logger = createLogger(name, config.logLevel === 'silent' ? 'info' : config.logLevel);
  start(config).then(
    (running) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        const began = Date.now();
        logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'stopping');
        // The servers cut their connections at the bound; this catches what would still hang (a pool that never closes).
        setTimeout(() => {
          logger.error({ ms: Date.now() - began }, 'stop did not finish in time; exiting');
          process.exit(1);
        }, config.shutdownTimeoutMs + STOP_GRACE_MS).unref();
        running.stop().then(
          () => {
            logger.info({ ms: Date.now() - began }, 'stopped');
            process.exit(0);
          },
          (error) => {
            logger.error({ err: error }, 'stop failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    },
    (error: unknown) => {
      reportStartFailure(logger, error);
      process.exit(1);
    },
  );
}

/** A configuration problem is one line each (what is wrong and with which variable), anything else one error entry. */
function reportStartFailure(logger: Logger, error: unknown): void {
  if (error instanceof ConfigError) for (const problem of error.problems) logger.error(`configuration error: ${problem}`);
  else logger.error({ err: error }, 'failed to start');
}

/**
 * The bound on V8's old space for every service process, as deployed: the
 * Docker image sets it in NODE_OPTIONS, and `npm start` and the bench pass it
 * to each service they spawn. Without it V8 sizes old space from the machine's
 * memory (about 4 GB on a 24 GB host) and lets garbage pile up to several
 * hundred MB under load before it collects; with it, a service's resident
 * memory stays near 200 MB. It is well above what a service keeps alive (the
 * gateway's remembered answers are bounded by ANSWER_CACHE_MB, 32 by default).
 */
export const SERVICE_HEAP_MIB = 160;

/**
 * NODE_OPTIONS for a spawned service: the heap bound first, then whatever the
 * caller's NODE_OPTIONS say (a later `--max-old-space-size` there wins).
 */
export function serviceNodeOptions(inherited: string | undefined = process.env.NODE_OPTIONS): string {
  return [`--max-old-space-size=${SERVICE_HEAP_MIB}`, inherited?.trim()].filter(Boolean).join(' ');
}
