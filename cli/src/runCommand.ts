import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '@safety-graph/shared';

/**
 * Runs a command's main and exits with its code. A failure it did not handle
 * becomes one line (a configuration error says so) and `failureCode`, never
 * a stack.
 */
export function runCommand(name: string, main: () => Promise<number>, failureCode = 1): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : `${name} failed: ${(error as Error)?.message ?? String(error)}`);
      process.exit(failureCode);
    },
  );
}

/**
 * A command's options and positional arguments, or the exit code it ends
 * with: its usage and 2 for arguments it does not take, its usage and 0 for
 * `--help` (declare `help`).
 */
export function commandArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> | number {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    return 0;
  }
  return parsed;
}
