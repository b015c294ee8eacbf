import type { Config } from '../config';
import { ConfigError } from '../config';
import { createLogger } from '../logger';

export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Runs a service as its own process: starts it, stops it cleanly on SIGINT or
 * SIGTERM, and turns a startup failure into one log line and exit code 1.
 */
export function runProcess(name: string, config: Config, start: () => Promise<Stoppable>): void {
  const logger = createLogger(name, config.logLevel === 'silent' ? 'info' : config.logLevel);
  start().then(
    (running) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'stopping');
        running.stop().then(
          () => process.exit(0),
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
      if (error instanceof ConfigError) logger.error(`configuration error: ${error.message}`);
      else logger.error({ err: error }, 'failed to start');
      process.exit(1);
    },
  );
}
